//! Vietnamese stacked capitals (Ấ, Ẫ, Ặ, Ỗ: a diacritic above a circumflex or breve above a capital)
//! are the tallest glyphs the interface shows. Rendered with the embedded Noto Sans in a text input
//! and a table-cell-sized text, their ink must stay inside the box, not be cut at its edge.

use iced::widget::{column, container, text, text_input};
use iced_test::Simulator;
use iced_test::selector::id;
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
