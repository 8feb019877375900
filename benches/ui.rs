//! GUI benchmark at province scale (400 products × 15 members, every sheet complete):
//! - cold start to first frame of the window on that session (needs an X display, e.g. Xvfb);
//! - an option change to a repainted frame: `update` + `view` + layout + drawing the frame with the
//!   software renderer, measured in-process with iced_test;
//! - a digit keypress on a reopened sheet, at province scale and on the demo: `update` (the choice
//!   saved, fsync), `view` + layout, the scroll to the next criterion, the draw list (issue 15.10);
//! - resident memory (peak RSS of this process, which holds the session and renders frames).
//!
//! Run with `cargo bench --bench ui`; it prints a Markdown table for the README.

mod common;

use iced_test::Simulator;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, scoring};
use ocop_council::ui::{App, UI_FONT};
use ocop_council::workspace::Workspace;
use std::process::Command;
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(mut runs: Vec<Duration>) -> String {
    runs.sort();
    format!("{:.1} ms | {:.1} ms | {:.1} ms", ms(runs[0]), ms(runs[runs.len() / 2]), ms(runs[runs.len() - 1]))
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Digits typed on a sheet reopened for correction, as the window handles a keypress: `update`
/// (which saves the choice and asks to scroll to the next criterion), `view` + layout, the scroll
/// carried out, the draw list. Returns the `update` times and the whole.
fn keypresses(mut ws: Workspace, renderer: &mut iced::Renderer, size: iced::Size) -> [Vec<Duration>; 3] {
    use iced::mouse;
    use iced_test::core::renderer::Style;
    use iced_test::runtime::{Action, UserInterface, task, user_interface};
    let code = ws.session.dossiers[0].code.clone();
    ws.reopen_sheet(&code, "m1", "bench").expect("reopened");
    let mut app = App::new(None);
    let _ = app.update(Message::Opened(Slot::new(Ok(ws))));
    let _ = app.update(Message::Tab(Tab::Scoring));
    let _ = app.update(Message::Scoring(scoring::Message::Product(code)));
    let _ = app.update(Message::Scoring(scoring::Message::Member("m1".into())));
    let theme = app.theme();
    let mut cache = user_interface::Cache::default();
    let (mut updates, mut frames, mut screens) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..61 {
        let t0 = Instant::now();
        // Back to the top once at the foot of the sheet (its last criteria do not scroll).
        let message = if i % 30 == 29 { scoring::Message::Member("m1".into()) } else { scoring::Message::Digit(1) };
        let follow = app.update(Message::Scoring(message));
        let t1 = Instant::now();
        let mut ui = UserInterface::build(app.view(), size, cache, renderer);
        if let Some(stream) = task::into_stream(follow) {
            for action in iced_test::futures::futures::executor::block_on_stream(stream) {
                if let Action::Widget(mut operation) = action {
                    ui.operate(renderer, operation.as_mut());
                }
            }
        }
        ui.draw(renderer, &theme, &Style { text_color: theme.palette().text }, mouse::Cursor::Unavailable);
        cache = ui.into_cache();
        if i > 0 {
            updates.push(t1 - t0);
            screens.push(t1.elapsed());
            frames.push(t0.elapsed());
        }
    }
    [updates, screens, frames]
}

/// The three lines of one session's keypresses for the README's table.
fn print_keypresses(session: &str, [update, screen, frame]: [Vec<Duration>; 3]) {
    println!("| {session}: digit keypress, `update` alone (saved, fsync) | 60 | {} | – |", stats(update));
    println!("| {session}: digit keypress, `view` + layout + scroll + draw list | 60 | {} | – |", stats(screen));
    println!(
        "| {session}: digit keypress to the next criterion scrolled into view (all of it) | 60 | {} | < 16 ms |",
        stats(frame)
    );
}

fn main() {
    let dir = std::env::temp_dir().join(format!("ocop-ui-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (doc, _) = common::province_session();
    let json = dir.join("province.json");
    std::fs::write(&json, doc.to_string()).expect("write json");
    let file = dir.join("province.ocop");
    let bin = env!("CARGO_BIN_EXE_ocop-council");
    let made = Command::new(bin)
        .args(["new", file.to_str().unwrap_or_default(), "--from", json.to_str().unwrap_or_default()])
        .output();
    assert!(made.is_ok_and(|o| o.status.success()), "province session created");

    println!("| GUI, province scale (400 × 15) | runs | min | median | max | target |");
    println!("|---|---|---|---|---|---|");

    // Cold start: process start → window → session opened → first frame drawn.
    if std::env::var_os("DISPLAY").is_some() {
        let runs: Vec<Duration> = (0..5)
            .map(|_| {
                let start = Instant::now();
                let status = Command::new(bin)
                    .arg(&file)
                    .env("OCOP_EXIT_AFTER_FIRST_FRAME", "1")
                    .env("HOME", &dir)
                    .env("XDG_CONFIG_HOME", dir.join("config"))
                    .status();
                assert!(status.is_ok_and(|s| s.success()), "GUI started and exited");
                start.elapsed()
            })
            .collect();
        println!("| cold start to first frame (window, open file, first frame) | 5 | {} | < 1000 ms |", stats(runs));
    } else {
        println!(
            "| cold start to first frame | – | no X display: run under Xvfb (`xvfb-run cargo bench --bench ui`) | | | < 1000 ms |"
        );
    }

    // In-process: open, then change options on the scoring screen.
    let start = Instant::now();
    let ws = Workspace::open(&file, "bench").expect("open");
    let open = start.elapsed();
    let mut app = App::new(None);
    let _ = app.update(Message::Opened(Slot::new(Ok(ws))));
    let _ = app.update(Message::Tab(Tab::Scoring));
    let code = app.workspace().map(|w| w.session.dossiers[0].code.clone()).unwrap_or_default();
    let _ = app.update(Message::Scoring(scoring::Message::Product(code)));
    let _ = app.update(Message::Scoring(scoring::Message::Member("m1".into())));
    println!("| open the session file in the app (`Workspace::open`) | 1 | {:.1} ms | | | – |", ms(open));

    // As the window does: one renderer and one widget cache kept from frame to frame.
    use iced::{Pixels, Size, mouse};
    use iced_test::core::renderer::{Headless, Style};
    use iced_test::runtime::{UserInterface, user_interface};
    drop(Simulator::with_size(ocop_council::ui::settings(), (1366.0, 740.0), app.view())); // registers the embedded fonts
    let mut renderer =
        iced_test::futures::futures::executor::block_on(<iced::Renderer as Headless>::new(UI_FONT, Pixels(16.0), None))
            .expect("software renderer");
    let theme = ocop_council::ui::style::theme(false);
    let size = Size::new(1366.0, 740.0);
    let mut cache = user_interface::Cache::default();
    let (mut update, mut frame, mut painted) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..41 {
        let t0 = Instant::now();
        let _ = app.update(Message::Scoring(scoring::Message::Pick { leaf: i % 30, option: (i % 2) as u8 + 1 }));
        let t1 = Instant::now();
        let mut ui = UserInterface::build(app.view(), size, cache, &mut renderer);
        ui.draw(&mut renderer, &theme, &Style { text_color: theme.palette().text }, mouse::Cursor::Unavailable);
        cache = ui.into_cache();
        let t2 = Instant::now();
        let pixels = renderer.screenshot(Size::new(1366, 740), 1.0, theme.palette().background);
        let t3 = Instant::now();
        assert_eq!(pixels.len(), 1366 * 740 * 4, "frame drawn");
        if i > 0 {
            // the first frame shapes every text once, as the window's first frame does
            update.push(t1 - t0);
            frame.push(t2 - t0);
            painted.push(t3 - t0);
        }
    }
    println!("| option change: `update` (saved to the file, fsync) | 40 | {} | – |", stats(update));
    println!("| option change: `update` + `view` + layout + draw list | 40 | {} | – |", stats(frame));
    println!(
        "| option change to repainted frame (+ software rasterising, 1366×740) | 40 | {} | < 16 ms |",
        stats(painted)
    );
    // The same session reopened on its own (one editor per file): keypresses that scroll.
    drop(app);
    if let Ok(ws) = Workspace::open(&file, "bench") {
        print_keypresses("province (400 × 15)", keypresses(ws, &mut renderer, size));
    }
    let demo_ws = ocop_council::ui::app::demo_workspace(&dir.join("demo"), "bench").expect("demo");
    print_keypresses("demo (12 × 9)", keypresses(demo_ws, &mut renderer, size));
    println!(
        "| peak resident memory of this process (session open, frames drawn) | – | {:.0} MB | | | < 200 MB |",
        peak_rss_mb()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
