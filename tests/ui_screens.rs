//! Each screen's `update` on its own: keyboard mapping, cursor bounds, refusals, search.

mod common;

use iced::keyboard::{self, Key, Location, Modifiers, key};
use ocop_council::ui::screen::{dossiers, results, scoring};
use ocop_council::workspace::Workspace;

fn pressed(k: Key, modifiers: Modifiers) -> keyboard::Event {
    keyboard::Event::KeyPressed {
        modified_key: k.clone(),
        key: k,
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    }
}

fn open_demo(dir: &std::path::Path) -> Workspace {
    Workspace::open(&common::demo_file(dir), "thư ký").unwrap()
}

/// The error a screen's action reports, in Vietnamese.
macro_rules! error_of {
    ($screen:ident, $action:expr) => {
        match $action {
            $screen::Action::Error(e) => Some(e.vi),
            _ => None,
        }
    };
}

#[test]
fn keys_map_to_scoring_moves() {
    use scoring::{Message as S, key_message};
    let none = Modifiers::empty();
    assert!(matches!(key_message(&pressed(Key::Character("3".into()), none)), Some(S::Digit(3))));
    assert!(matches!(key_message(&pressed(Key::Character("0".into()), none)), Some(S::Digit(0))));
    assert!(matches!(key_message(&pressed(Key::Named(key::Named::Enter), none)), Some(S::Next)));
    assert!(matches!(key_message(&pressed(Key::Named(key::Named::Tab), none)), Some(S::Next)));
    assert!(matches!(key_message(&pressed(Key::Named(key::Named::ArrowDown), none)), Some(S::Next)));
    assert!(matches!(key_message(&pressed(Key::Named(key::Named::Tab), Modifiers::SHIFT)), Some(S::Previous)));
    assert!(matches!(key_message(&pressed(Key::Named(key::Named::ArrowUp), none)), Some(S::Previous)));
    assert!(key_message(&pressed(Key::Character("a".into()), none)).is_none());
    assert!(
        key_message(&pressed(Key::Character("4".into()), Modifiers::CTRL)).is_none(),
        "Ctrl+4 is a tab, not option 4"
    );
    use scoring::Step;
    assert!(matches!(key_message(&pressed(Key::Named(key::Named::PageDown), none)), Some(S::Step(Step::Product, 1))));
    assert!(matches!(key_message(&pressed(Key::Named(key::Named::PageUp), none)), Some(S::Step(Step::Product, -1))));
    assert!(matches!(
        key_message(&pressed(Key::Named(key::Named::ArrowDown), Modifiers::CTRL)),
        Some(S::Step(Step::Member, 1))
    ));
    assert!(matches!(
        key_message(&pressed(Key::Named(key::Named::ArrowUp), Modifiers::CTRL)),
        Some(S::Step(Step::Member, -1))
    ));
    let released = keyboard::Event::KeyReleased {
        key: Key::Character("3".into()),
        modified_key: Key::Character("3".into()),
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: none,
    };
    assert!(key_message(&released).is_none());
}

#[test]
fn the_cursor_stays_on_the_sheet_and_bad_digits_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    let mut s = scoring::State::default();
    s.select_first(&ws);
    assert_eq!(s.product(), Some("YY-2023-01"));
    let _ = s.update(scoring::Message::Previous, &mut ws);
    assert_eq!(s.cursor(), 0);
    for _ in 0..100 {
        let _ = s.update(scoring::Message::Next, &mut ws);
    }
    assert_eq!(s.cursor(), 31, "32 criteria on sheet 3");
    // Criterion 1.1 has 3 options: 7 is refused, nothing saved, the cursor stays.
    let _ = s.update(scoring::Message::Pick { leaf: 0, option: 3 }, &mut ws);
    let before = ws.sheet("YY-2023-01", "m1").unwrap().choices.clone();
    let err = error_of!(scoring, s.update(scoring::Message::Digit(7), &mut ws)).expect("refused");
    assert!(err.contains("Tiêu chí 1.1 chỉ có 3 phương án"), "{err}");
    assert_eq!(s.cursor(), 0);
    assert_eq!(ws.sheet("YY-2023-01", "m1").unwrap().choices, before);
}

#[test]
fn a_locked_session_refuses_changes_from_the_screens() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    ws.lock().unwrap();
    let mut s = scoring::State::default();
    s.select_first(&ws);
    let err = error_of!(scoring, s.update(scoring::Message::Pick { leaf: 0, option: 1 }, &mut ws)).expect("refused");
    assert!(err.contains("đã khóa"), "{err}");
    let mut r = results::State::default();
    let _ = r.update(results::Message::Ask(results::NoteKind::Resolution, "YY-2023-05".into()), &mut ws);
    let _ = r.update(results::Message::Note("x".into()), &mut ws);
    let err = error_of!(results, r.update(results::Message::Confirm, &mut ws)).expect("refused");
    assert!(err.contains("đã khóa"), "{err}");
    assert!(r.asking().is_some(), "the note is kept for after a reopen");
}

#[test]
fn dossier_search_ignores_accents_and_case_and_score_jumps_to_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    let mut d = dossiers::State::default();
    let _ = d.update(dossiers::Message::Search("DONG TONG XA".into()), &mut ws);
    assert_eq!(d.search(), "DONG TONG XA");
    let mut ui = iced_test::Simulator::with_size(
        iced::Settings {
            fonts: vec![ocop_council::ui::FONT_REGULAR.into()],
            default_font: ocop_council::ui::UI_FONT,
            ..Default::default()
        },
        (1366.0, 740.0),
        d.view(&ws, ocop_council::ui::strings::Lang::Vi),
    );
    assert!(ui.find("Đỉnh đồng Tống Xá").is_ok());
    assert!(ui.find("Bún khô Yên Bằng").is_err());
    drop(ui);
    assert!(
        matches!(d.update(dossiers::Message::Score("YY-2023-08".into()), &mut ws), dossiers::Action::Score(c) if c == "YY-2023-08")
    );
}

#[test]
fn products_and_members_are_reachable_from_the_keyboard() {
    use scoring::{Message as S, Step};
    let dir = tempfile::tempdir().unwrap();
    let mut ws = open_demo(dir.path());
    let mut s = scoring::State::default();
    s.select_first(&ws);
    let _ = s.update(S::Step(Step::Product, 1), &mut ws);
    assert_eq!(s.product(), Some("YY-2023-02"));
    let _ = s.update(S::Step(Step::Product, -1), &mut ws);
    let _ = s.update(S::Step(Step::Product, -1), &mut ws);
    assert_eq!(s.product(), Some("YY-2023-12"), "wraps around");
    let _ = s.update(S::Step(Step::Product, 1), &mut ws);
    let _ = s.update(S::Step(Step::Product, 9), &mut ws);
    assert_eq!(s.product(), Some("YY-2023-10"));
    assert_eq!(s.member(), Some("m1"));
    // m4 is absent and m6 recused from YY-2023-10: the member keys skip both.
    for expected in ["m2", "m3", "m5", "m7"] {
        let _ = s.update(S::Step(Step::Member, 1), &mut ws);
        assert_eq!(s.member(), Some(expected));
    }
    let _ = s.update(S::Step(Step::Member, -1), &mut ws);
    assert_eq!(s.member(), Some("m5"));
}

#[test]
fn dossiers_sort_in_vietnamese_order() {
    use dossiers::{SortBy, listed};
    let dir = tempfile::tempdir().unwrap();
    let ws = open_demo(dir.path());
    let names: Vec<&str> = listed(&ws, "", SortBy::Product).iter().map(|d| d.product.as_str()).collect();
    assert_eq!(names.first(), Some(&"Bánh đa vừng Yên Phong"));
    let d_at = names.iter().position(|n| n.starts_with("Đỉnh")).unwrap();
    let g_at = names.iter().position(|n| n.starts_with("Gạo nếp")).unwrap();
    assert!(d_at < g_at, "Đ sorts after D and before G, not after Z: {names:?}");
    assert_eq!(listed(&ws, "gao", SortBy::Entry).len(), 2, "accent-insensitive search");
}

#[test]
fn the_criteria_viewer_shows_a_sheet_and_compares_two_sets() {
    use ocop_council::ui::screen::criteria::{Message as C, State};
    let mut catalog = ocop_council::catalog::Catalog::builtin().unwrap();
    let mut other = catalog.criteria[0].clone();
    other.id = "qd148-2023".into();
    other.title = "Bộ tiêu chí QĐ 148".into();
    // The 148-era "Nguồn gốc sản phẩm": 5 points, options 1/3/5 (part totals aside, for the viewer).
    let c = &mut other.sheets[2].parts[0].criteria[0].children[0];
    c.max = 5;
    for (o, p) in c.options.iter_mut().zip([1, 3, 5]) {
        o.points = p;
    }
    catalog.criteria.push(other);
    let mut s = State::default();
    s.update(C::Sheet(3));
    let settings = iced::Settings {
        fonts: vec![ocop_council::ui::FONT_REGULAR.into(), ocop_council::ui::FONT_BOLD.into()],
        default_font: ocop_council::ui::UI_FONT,
        ..Default::default()
    };
    let mut ui = iced_test::Simulator::with_size(
        settings.clone(),
        (1366.0, 740.0),
        s.view(&catalog, ocop_council::ui::strings::Lang::Vi),
    );
    assert!(ui.find("Bộ số 3: Gạo, ngũ cốc, hạt sơ chế khác").is_ok());
    assert!(ui.find("1.1 Nguồn gốc sản phẩm (3)").is_ok());
    drop(ui);
    s.update(C::Compare(Some(1)));
    let mut ui = iced_test::Simulator::with_size(
        settings,
        (1366.0, 740.0),
        s.view(&catalog, ocop_council::ui::strings::Lang::Vi),
    );
    assert!(ui.find("1 tiêu chí khác nhau ở bộ này").is_ok());
    assert!(ui.find("1.1 Nguồn gốc sản phẩm (5)").is_ok(), "the other set's version is shown beside");
}
