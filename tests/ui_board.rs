//! The board at province scale (issue 15.3): 400 products × 15 members. Every row is one height,
//! the to-do column is in sight, only the rows in sight are built, scrolling brings the others, and
//! the product column is held at the left edge while the board scrolls sideways.

mod common;
#[path = "../benches/common/mod.rs"]
mod province;

use iced_test::Simulator;
use iced_test::selector::{Candidate, id};
use ocop_council::ui::App;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::{Tab, results};
use ocop_council::workspace::Workspace;

fn province_app(dir: &std::path::Path) -> App {
    let (doc, _) = province::province_session();
    let catalog = common::catalog();
    let (session, criteria, ruleset) = ocop_council::exchange::parse(&doc.to_string(), &catalog, None).unwrap();
    let ws = Workspace::create(&dir.join("tỉnh.ocop"), &session, criteria, ruleset, "thư ký").unwrap();
    let mut app = App::new(None);
    let _ = app.update(Message::Opened(Slot::new(Ok(ws))));
    let _ = app.update(Message::Tab(Tab::Results));
    app
}

/// The products whose names the view holds.
fn products_built(ui: &mut Simulator<'_, Message>) -> Vec<String> {
    let mut names = Vec::new();
    let _ = ui.find(|c: Candidate<'_>| {
        if let Candidate::Text { content, .. } = c
            && content.starts_with("Sản phẩm thử nghiệm số")
        {
            names.push(content.to_string());
        }
        None::<()>
    });
    names
}

fn sim(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(ocop_council::ui::settings(), (1366.0, 740.0), app.view())
}

#[test]
fn the_province_board_keeps_one_row_height_and_builds_only_the_rows_in_sight() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = province_app(dir.path());
    let mut ui = sim(&app);
    let rows: Vec<_> =
        (1..=8).map(|n| ui.find(id(format!("checked-T-2026-{n:03}"))).expect("a row").bounds()).collect();
    for pair in rows.windows(2) {
        assert_eq!(pair[1].y - pair[0].y, results::ROW_HEIGHT, "rows one height: {rows:?}");
    }
    let todo = ui.find(id(results::HEAD_TO_DO.to_string())).unwrap();
    assert_eq!(todo.visible_bounds().map(|v| v.width), Some(todo.bounds().width), "the to-do column is in sight");
    let built = products_built(&mut ui);
    assert!(built.len() < 40, "{} of 400 rows built", built.len());
    assert!(built.contains(&"Sản phẩm thử nghiệm số 1".to_string()));

    // The wheel over the board scrolls it, and says so to the screen.
    ui.point_at(iced::Point::new(700.0, 400.0));
    let delta = iced::mouse::ScrollDelta::Pixels { x: 0.0, y: -2000.0 };
    let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled { delta })]);
    let scrolled: Vec<Message> = ui.into_messages().collect();
    assert!(scrolled.iter().any(|m| matches!(m, Message::Results(results::Message::Scrolled(_, y, _)) if *y > 0.0)));
    // Further down, the rows there are built instead.
    let _ = app.update(Message::Results(results::Message::Scrolled(0.0, 199.0 * results::ROW_HEIGHT, 600.0)));
    let mut ui = sim(&app);
    let built = products_built(&mut ui);
    assert!(built.contains(&"Sản phẩm thử nghiệm số 200".to_string()), "{built:?}");
    assert!(!built.contains(&"Sản phẩm thử nghiệm số 1".to_string()));
    let first = ui.find("Sản phẩm thử nghiệm số 200").unwrap().bounds();
    drop(ui);

    // Sideways, the product column moves with the offset, so that on screen it stays in place.
    let _ = app.update(Message::Results(results::Message::Scrolled(500.0, 199.0 * results::ROW_HEIGHT, 600.0)));
    let mut ui = sim(&app);
    let moved = ui.find("Sản phẩm thử nghiệm số 200").unwrap().bounds();
    assert_eq!(moved.x - first.x, 500.0, "held at the left edge");
    assert_eq!(moved.y, first.y);
}

#[test]
fn the_scoring_screen_builds_only_the_products_in_sight() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = province_app(dir.path());
    let _ = app.update(Message::Tab(Tab::Scoring));
    let mut ui = sim(&app);
    let built = products_built(&mut ui);
    assert!(!built.is_empty() && built.len() < 40, "{} of 400 products built", built.len());
    // The members' list below the products is still there, at its place.
    assert!(ui.find(id("member-m15".to_string())).is_ok());
}
