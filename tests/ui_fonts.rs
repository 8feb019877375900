//! The embedded fonts. Vietnamese stacked capitals (Ấ, Ẫ, Ặ, Ỗ: a diacritic above a circumflex or
//! breve above a capital) are the tallest glyphs the interface shows. Rendered with the embedded Noto
//! Sans in a text input and a table-cell-sized text, their ink must stay inside the box, not be cut
//! at its edge. And every character of every screen has a glyph in the embedded fonts alone
//! (issue 15.7): a PC without extra fonts shows no boxes.

mod common;
#[path = "screens/mod.rs"]
mod screens;

use iced::widget::{column, container, text, text_input};
use iced_test::Simulator;
use iced_test::renderer::graphics::text::{cosmic_text, font_system};
use iced_test::selector::{Candidate, id};
use ocop_council::ui::{FONT_BOLD, FONT_REGULAR, UI_FONT};

/// Rows (in snapshot pixels) between `top` and `bottom` that hold dark ink in columns `left..right`.
fn ink_rows(rgba: &[u8], width: usize, (left, right): (usize, usize), (top, bottom): (usize, usize)) -> Vec<usize> {
    (top..bottom)
        .filter(|y| {
            (left..right).any(|x| {
                let p = &rgba[(y * width + x) * 4..][..3];
                p.iter().map(|c| u32::from(*c)).sum::<u32>() < 3 * 120
            })
        })
        .collect()
}

#[test]
fn stacked_capitals_fit_in_inputs_and_cells() {
    let settings = iced::Settings {
        fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
        default_font: UI_FONT,
        ..Default::default()
    };
    let element: iced::Element<'_, ()> = container(
        column![
            text_input("", "ẤẪẶỖ").id("input").on_input(|_| ()).width(200),
            container(text("ẤẪẶỖ").size(13)).id("cell"),
        ]
        .spacing(12),
    )
    .padding(10)
    .into();
    let dir = tempfile::tempdir().unwrap();
    let mut ui = Simulator::with_size(settings, (240.0, 100.0), element);
    let input = ui.find(id("input")).unwrap().bounds();
    let cell = ui.find(id("cell")).unwrap().bounds();
    let png_path = dir.path().join("capitals.png");
    assert!(ui.snapshot(&iced::Theme::Light).unwrap().matches_image(&png_path).unwrap());
    let png = png_path.with_file_name("capitals-tiny-skia.png");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut rgba).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    let (w, scale) = (info.width as usize, info.width as f32 / 240.0);
    let px = |v: f32| (v * scale).round() as usize;

    for (name, b) in [("input", input), ("cell", cell)] {
        let (top, bottom) = (px(b.y), px(b.y + b.height));
        // Look a little above and below the box: ink there would be cut by any clipping parent.
        let rows = ink_rows(&rgba, w, (px(b.x) + 4, px(b.x + b.width) - 4), (top - 8, bottom + 8));
        let (first, last) = (rows[0], rows[rows.len() - 1]);
        // A text input clips its text: the ink must be wholly inside. A bare text does not clip; Noto
        // Sans' tallest accents may reach half a pixel above its 1.3-em line box, never more.
        let slack = if name == "input" { 0 } else { scale as usize };
        assert!(first + slack >= top && last <= bottom, "{name}: ink {first}..{last} leaves the box {top}..{bottom}");
        // Ink from the top accent down to the dot below Ặ: taller than the font size.
        assert!((last - first) as f32 >= 13.0 * scale, "{name}: ink {first}..{last} looks cut");
    }
}

/// Leaves the renderer only the fonts compiled into the program (iced's own and ours), as on a PC
/// whose system has none of the symbols: every font found on this machine is forgotten.
fn forget_system_fonts() {
    let mut fonts = font_system().write().expect("font system");
    let db = fonts.raw().db_mut();
    let system: Vec<_> =
        db.faces().filter(|f| !matches!(f.source, cosmic_text::fontdb::Source::Binary(_))).map(|f| f.id).collect();
    for face in system {
        db.remove_face(face);
    }
    assert!(db.faces().count() > 0, "the embedded fonts remain");
}

/// The characters of `text` that no font of the renderer has a glyph for, in Noto Sans as the
/// window draws them (regular and bold), after the text engine's fallback.
fn missing_glyphs(text: &str) -> Vec<String> {
    let mut fonts = font_system().write().expect("font system");
    let raw = fonts.raw();
    let mut missing = Vec::new();
    for weight in [cosmic_text::Weight::NORMAL, cosmic_text::Weight::BOLD] {
        let attrs = cosmic_text::Attrs::new().family(cosmic_text::Family::Name("Noto Sans")).weight(weight);
        let mut buffer = cosmic_text::Buffer::new(raw, cosmic_text::Metrics::new(16.0, 21.0));
        buffer.set_text(raw, text, &attrs, cosmic_text::Shaping::Advanced, None);
        buffer.shape_until_scroll(raw, false);
        for run in buffer.layout_runs() {
            for glyph in run.glyphs.iter().filter(|g| g.glyph_id == 0) {
                missing.push(run.text[glyph.start..glyph.end].to_string());
            }
        }
    }
    missing
}

/// Every text a view shows: texts, and the values and placeholders of text inputs.
fn texts_of(ui: &mut Simulator<'_, ocop_council::ui::app::Message>) -> Vec<String> {
    let mut texts = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| {
        match candidate {
            Candidate::Text { content, .. } => texts.push(content.to_string()),
            Candidate::TextInput { state, .. } => texts.push(state.text().to_string()),
            _ => {}
        }
        None::<()>
    });
    texts
}

#[test]
fn every_screen_draws_every_character_with_the_embedded_fonts_alone() {
    forget_system_fonts();
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut seen = String::new();
    let mut problems = Vec::new();
    screens::every_screen(&file, |name, app| {
        let mut ui = Simulator::with_size(ocop_council::ui::settings(), (1366.0, 740.0), app.view());
        for text in texts_of(&mut ui) {
            seen.push_str(&text);
            let missing = missing_glyphs(&text);
            if !missing.is_empty() {
                problems.push(format!("{name}: {missing:?} in {text:?}"));
            }
        }
    });
    for symbol in ["★", "✓", "·"] {
        assert!(seen.contains(symbol), "the screens show {symbol} (else this test proves nothing about it)");
    }
    // The symbols the screens build from data (stars, arrows of a comparison, hidden scores).
    for text in ["★★★★★", "↑ ↓ → ← × ✕ ● ≠ ✓"] {
        let missing = missing_glyphs(text);
        assert!(missing.is_empty(), "{missing:?} in {text:?}");
    }
    problems.dedup();
    assert!(problems.is_empty(), "characters without a glyph:\n{}", problems.join("\n"));
}

/// The Register screen (issue 18) with products in its register, in both languages: every text
/// of its widgets and every label its canvas charts draw has a glyph in the embedded fonts.
#[test]
fn the_register_screen_and_its_charts_draw_every_character() {
    use ocop_council::domain::Date;
    use ocop_council::ui::screen::{Tab, register::chart};
    forget_system_fonts();
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut ws = ocop_council::workspace::Workspace::open(&file, "thư ký").unwrap();
    ws.lock().unwrap();
    let decided = Date::new(2023, 6, 20).unwrap();
    ws.record_decision(&ocop_council::workspace::RecognitionDecision { number: "125/QĐ-UBND".into(), date: decided })
        .unwrap();
    let register = dir.path().join("register.ocop-register");
    let intact = ws.intact_check()().unwrap();
    ws.add_to_register(&register, &intact).unwrap();
    let mut app = ocop_council::ui::App::new(None);
    app.use_register(register, Date::new(2026, 5, 1).unwrap());
    let _ = app.update(ocop_council::ui::app::Message::Opened(ocop_council::ui::app::Slot::new(Ok(ws))));
    let mut problems = Vec::new();
    let mut seen = String::new();
    for lang in [ocop_council::lang::Lang::Vi, ocop_council::lang::Lang::En] {
        if app.lang() != lang {
            let _ = app.update(ocop_council::ui::app::Message::ToggleLang);
        }
        let _ = app.update(ocop_council::ui::app::Message::Tab(Tab::Register));
        let mut texts = {
            let mut ui = Simulator::with_size(ocop_council::ui::settings(), (1366.0, 740.0), app.view());
            texts_of(&mut ui)
        };
        for data in app.register().charts(lang) {
            texts.extend(chart::layout(&data, 600.0, chart::HEIGHT).texts());
        }
        for text in texts {
            seen.push_str(&text);
            let missing = missing_glyphs(&text);
            if !missing.is_empty() {
                problems.push(format!("{lang:?}: {missing:?} in {text:?}"));
            }
        }
    }
    for expected in ["3★", "Xuất Excel (.xlsx)", "Xuất PDF tóm tắt", "Export PDF summary", "2026-Q2", "Yên Cường"]
    {
        assert!(seen.contains(expected), "the register screen shows {expected:?}");
    }
    assert!(problems.is_empty(), "characters without a glyph:\n{}", problems.join("\n"));
}
