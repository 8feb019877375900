//! The OCOP register in the window (issue 18): the recognition decision recorded from the Archive
//! tab, the statistics exported from the Register tab and read back, a re-rating session started
//! from the due list, the charts' layout by hand numbers, and the register's errors in English.

mod common;
mod ui_kit;

use ocop_council::domain::Date;
use ocop_council::domain::register::RegisteredProduct;
use ocop_council::domain::register::stats::{GroupBy, statistics};
use ocop_council::register::{Entry, Register};
use ocop_council::ui::App;
use ocop_council::ui::app::{Message, Slot};
use ocop_council::ui::screen::register::chart::{self, ChartData};
use ocop_council::ui::screen::{Tab, register};
use ocop_council::workspace::Workspace;
use std::path::{Path, PathBuf};
use ui_kit::{apply, click, type_into};

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn product(name: &str, group: &str, stars: u8, decided: Date) -> Entry {
    common::register_entry(name, group, stars, decided, (&format!("HTX {name}"), "Yên Lợi", "12/QĐ-UBND"))
}

/// Five products, all valid on 1 January 2025: 2022 one 5★; 2023 two 3★ and one 4★; 2024 one 3★.
fn register_of_five(path: &Path) {
    let entries = [
        product("Rượu nếp", "Đồ uống", 5, day(2022, 3, 1)),
        product("Gạo nếp", "Thực phẩm", 3, day(2023, 6, 20)),
        product("Gạo tẻ", "Thực phẩm", 3, day(2023, 6, 20)),
        product("Chè xanh", "Đồ uống", 4, day(2023, 9, 1)),
        product("Mật ong", "Thực phẩm", 3, day(2024, 2, 1)),
    ];
    let mut register = Register::open(path).unwrap();
    register.enter(&entries, "imported", "so.csv", "t").unwrap();
    register.close().unwrap();
}

/// An app whose sessions folder is `dir`, on its own register at `dir/register.ocop-register` as of `on`.
fn app_on_register(dir: &Path, on: Date) -> (App, PathBuf) {
    let path = dir.join("register.ocop-register");
    let mut app = ui_kit::app_in(dir);
    app.use_register(path.clone(), on);
    (app, path)
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.get(app.lang()).to_string()).unwrap_or_default()
}

#[test]
fn the_decision_is_recorded_from_the_archive_tab() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut app = App::new(None);
    apply(&mut app, vec![Message::Opened(Slot::new(Ok(Workspace::open(&file, "thư ký").unwrap())))]);
    apply(&mut app, vec![Message::Tab(Tab::Archive)]);
    click(&mut app, "ask-lock");
    click(&mut app, "confirm-lock");
    assert!(app.workspace().unwrap().is_locked());
    type_into(&mut app, "decision-number", "125/QĐ-UBND");
    type_into(&mut app, "decision-date", "1/6/2023");
    click(&mut app, "record-decision");
    assert!(status(&app).contains("không thể trước ngày họp"), "{}", status(&app));
    let _ = app.update(Message::Archive(ocop_council::ui::screen::archive::Message::Decision(
        ocop_council::ui::screen::decision::Message::Date(String::new()),
    )));
    type_into(&mut app, "decision-date", "20/6/2023");
    click(&mut app, "record-decision");
    assert_eq!(status(&app), "Đã ghi quyết định công nhận số 125/QĐ-UBND ngày 20/06/2023");
    assert!(ui_kit::shows(&app, "Đã ghi: quyết định số 125/QĐ-UBND ngày 20/06/2023"));
    // The session file has it, as `decision FILE --number --date` would have written it.
    let store = ocop_council::store::Store::open_shared(&file).unwrap();
    let decision = store.decision().unwrap().expect("the decision is in the file");
    assert_eq!((decision.number.as_str(), decision.date), ("125/QĐ-UBND", day(2023, 6, 20)));
}

#[test]
fn the_statistics_export_from_the_window_and_read_back() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let (mut app, register) = app_on_register(dir.path(), day(2025, 1, 1));
    register_of_five(&register);
    apply(&mut app, vec![Message::Tab(Tab::Register)]);
    // Empty target: beside the register, named for the day.
    click(&mut app, "export-xlsx");
    let xlsx = dir.path().join("thong-ke-ocop-2025-01-01.xlsx");
    assert_eq!(status(&app), format!("Đã ghi thống kê: {}", xlsx.display()));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("Thống kê").unwrap();
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        cell(0, 0),
        Data::String("5 sản phẩm đạt 3 sao trở lên: 3 sản phẩm 3 sao, 1 sản phẩm 4 sao, 1 sản phẩm 5 sao".into())
    );
    assert_eq!((cell(4, 0), cell(4, 1)), (Data::String("Còn hiệu lực".into()), Data::Float(5.0)));
    // By year of decision: key, 3★, 4★, 5★, total.
    let row = |r: u32| (1..5).map(|c| cell(r, c)).collect::<Vec<_>>();
    let n = |v: [f64; 4]| v.map(Data::Float).to_vec();
    assert_eq!((cell(11, 0), row(11)), (Data::String("2022".into()), n([0.0, 0.0, 1.0, 1.0])));
    assert_eq!((cell(12, 0), row(12)), (Data::String("2023".into()), n([2.0, 1.0, 0.0, 3.0])));
    assert_eq!((cell(13, 0), row(13)), (Data::String("2024".into()), n([1.0, 0.0, 0.0, 1.0])));
    // A typed folder: the PDF goes there (made if missing), the same summary as `stats --pdf`.
    let folder = dir.path().join("báo cáo");
    type_into(&mut app, "stats-target", &folder.display().to_string());
    click(&mut app, "export-pdf");
    let pdf = folder.join("thong-ke-ocop-2025-01-01.pdf");
    assert_eq!(status(&app), format!("Đã ghi thống kê: {}", pdf.display()));
    let pages = common::pdf_pages(&common::bytes(&pdf));
    assert_eq!(pages.len(), 1);
    let page = common::squash(&pages[0]);
    assert!(
        page.contains("5 sản phẩm đạt 3 sao trở lên: 3 sản phẩm 3 sao, 1 sản phẩm 4 sao, 1 sản phẩm 5 sao"),
        "{page}"
    );
    assert!(page.contains("Tổng số sản phẩm trong sổ theo dõi: 5; còn hiệu lực: 5"), "{page}");
    // The same bytes as the command line's copy of the same statistics.
    let stats = statistics(
        &ocop_council::register::Register::open(&register).unwrap().products().unwrap(),
        day(2025, 1, 1),
        GroupBy::Year,
    );
    assert_eq!(common::bytes(&pdf), ocop_council::report::register::statistics_pdf(&stats, "").unwrap());
}

#[test]
fn a_rerating_session_from_the_due_list_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    // On 1 May 2026 the two rices (valid until 20/6/2026, 50 days left) are late, the tea (until
    // 1/9/2026, 123 days) in its window, the wine (until 1/3/2025) expired: not re-rated; the honey
    // (until 2027) not listed.
    let (mut app, register) = app_on_register(dir.path(), day(2026, 5, 1));
    register_of_five(&register);
    apply(&mut app, vec![Message::Tab(Tab::Register)]);
    assert_eq!(app.register().view_model().unwrap().due.len(), 4);
    click(&mut app, "rerate");
    let ws = app.workspace().expect("the re-rating session is open");
    assert_eq!(ws.path, dir.path().join("Đánh giá lại 2026-05-01.ocop"));
    let products: Vec<(&str, ocop_council::domain::session::Kind)> =
        ws.session.dossiers.iter().map(|d| (d.product.as_str(), d.kind)).collect();
    use ocop_council::domain::session::Kind::Rerate;
    assert_eq!(products, vec![("Gạo nếp", Rerate), ("Gạo tẻ", Rerate), ("Chè xanh", Rerate)]);
    assert_eq!(ws.ruleset.id, ocop_council::catalog::DEFAULT_RULESET);
    // The written-opinion variant (QĐ 26/2026): no meeting quorum, the spread limit kept.
    apply(&mut app, vec![Message::Tab(Tab::Register), Message::Register(register::Message::Written(true))]);
    click(&mut app, "rerate");
    let ws = app.workspace().unwrap();
    assert_eq!(ws.path, dir.path().join("Đánh giá lại bằng văn bản 2026-05-01.ocop"));
    assert_eq!(ws.ruleset.id, "qd26-2026-tinh");
    let settings = ws.session.session.settings.expect("the session has settings of its own");
    let quorum = settings.quorum;
    assert_eq!((quorum.fraction.num, quorum.chair_required), (0, false));
    assert_eq!(settings.spread_limit, ws.ruleset.defaults.spread_limit);
}

#[test]
fn nothing_due_is_said_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    // On 1 June 2024 the first certificate to expire (the wine's, 1/3/2025) is 273 days away.
    let (mut app, register) = app_on_register(dir.path(), day(2024, 6, 1));
    register_of_five(&register);
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Register)]);
    // The button is disabled with nothing due; the message itself is refused in English.
    apply(&mut app, vec![Message::Register(register::Message::Rerate)]);
    assert_eq!(status(&app), "2024-06-01: no product is due for re-rating");
    apply(&mut app, vec![Message::ToggleLang]);
    assert_eq!(status(&app), "ngày 01/06/2024: không có sản phẩm nào đến hạn đánh giá lại");
}

#[test]
fn a_locked_session_without_its_decision_is_refused_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut ws = Workspace::open(&file, "t").unwrap();
    ws.lock().unwrap();
    let (mut app, _) = app_on_register(dir.path(), day(2025, 1, 1));
    apply(&mut app, vec![Message::Opened(Slot::new(Ok(ws))), Message::ToggleLang, Message::Tab(Tab::Register)]);
    click(&mut app, "register-add");
    let said = status(&app);
    assert!(
        said.ends_with(
            "no recognition decision recorded yet; record its number and date first (Archive or Register tab)"
        ),
        "{said}"
    );
    assert!(!said.contains("chưa"), "{said}");
}

#[test]
fn the_charts_layout_by_hand() {
    let data = ChartData {
        title: "t".into(),
        legend: vec!["3★".into(), "4★".into(), "5★".into()],
        bars: vec![("2022".into(), vec![0, 0, 1]), ("2023".into(), vec![2, 1, 0]), ("2024".into(), vec![1, 0, 0])],
    };
    // 340 × 210: the plot is 292 × 138 from (40, 50); the tallest bar is 3, so ticks 0–3 by 1.
    let l = chart::layout(&data, 340.0, 210.0);
    assert_eq!((l.plot.x, l.plot.y, l.plot.width, l.plot.height), (40.0, 50.0, 292.0, 138.0));
    assert_eq!(l.axis_max, 3);
    let ticks: Vec<(usize, f32)> = l.ticks.iter().map(|t| (t.value, t.y)).collect();
    let third = 138.0 / 3.0;
    assert_eq!(ticks, vec![(0, 188.0), (1, 188.0 - third), (2, 188.0 - 2.0 * third), (3, 50.0)]);
    // Slots of 292 / 3 points; bars of 48 (60 % of a slot is more), centred in their slot.
    let slot = 292.0 / 3.0;
    let xs: Vec<f32> = l.bars.iter().map(|b| b.x).collect();
    let centred = |i: f32| 40.0 + slot * i + (slot - 48.0) / 2.0;
    assert_eq!(xs, vec![centred(0.0), centred(1.0), centred(2.0)]);
    assert!(l.bars.iter().all(|b| b.width == 48.0));
    let totals: Vec<(&str, usize)> = l.bars.iter().map(|b| (b.label.as_str(), b.total)).collect();
    assert_eq!(totals, vec![("2022", 1), ("2023", 3), ("2024", 1)]);
    // 2023: two 3★ stacked from the axis, one 4★ above them reaching the top.
    let s = &l.bars[1].segments;
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].series, s[0].value, s[0].height), (0, 2, 2.0 * third));
    assert!((s[0].y - (188.0 - 2.0 * third)).abs() < 1e-3 && (s[1].y - 50.0).abs() < 1e-3);
    assert_eq!((s[1].series, s[1].value), (1, 1));
    // 2022: only its 5★ piece (empty series draw nothing).
    assert_eq!(l.bars[0].segments.iter().map(|s| s.series).collect::<Vec<_>>(), vec![2]);
}

#[test]
fn the_charts_data_from_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, register) = app_on_register(dir.path(), day(2025, 1, 1));
    register_of_five(&register);
    apply(&mut app, vec![Message::Tab(Tab::Register)]);
    let charts = app.register().charts(ocop_council::lang::Lang::Vi);
    assert_eq!(charts.len(), 3);
    let bars = |c: &ChartData| c.bars.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
    assert_eq!(
        bars(&charts[0]),
        vec![("2022".into(), vec![0, 0, 1]), ("2023".into(), vec![2, 1, 0]), ("2024".into(), vec![1, 0, 0])]
    );
    // By group, the largest first: Thực phẩm 3 (all 3★), Đồ uống 2 (a 4★, a 5★).
    assert_eq!(bars(&charts[1]), vec![("Thực phẩm".into(), vec![3, 0, 0]), ("Đồ uống".into(), vec![0, 1, 1])]);
    // Expiring per quarter from 2025 Q1: the 2022 wine expires 1/3/2025 (Q1), the 2023 rice
    // 20/6/2026 (Q2 2026), the tea 1/9/2026 (Q3 2026); the honey in 2027 Q1 is past the 8 quarters.
    let quarters = bars(&charts[2]);
    assert_eq!(quarters.len(), 8);
    assert_eq!(quarters[0], ("2025-Q1".into(), vec![1]));
    assert_eq!(quarters[5], ("2026-Q2".into(), vec![2]));
    assert_eq!(quarters[6], ("2026-Q3".into(), vec![1]));
    assert_eq!(quarters.iter().map(|(_, v)| v[0]).sum::<usize>(), 4);
    // More groups than bars: the smallest summed in one.
    let many: Vec<Entry> =
        (0..11).map(|i| product(&format!("SP {i}"), &format!("Nhóm {i:02}"), 3, day(2024, 1, 1))).collect();
    let products: Vec<RegisteredProduct> = many.into_iter().map(|e| e.product).collect();
    let stats = statistics(&products, day(2025, 1, 1), GroupBy::Group);
    let grouped = chart::by_group(&stats, ocop_council::lang::Lang::En);
    assert_eq!(grouped.bars.len(), chart::GROUP_BARS + 1);
    assert_eq!(grouped.bars[chart::GROUP_BARS], ("Other groups (3)".into(), vec![3, 0, 0]));
}

/// Every text on the screen.
fn texts(app: &App) -> Vec<String> {
    use iced_test::selector::Candidate;
    let mut all = Vec::new();
    let _ = ui_kit::sim(app).find(|c: Candidate<'_>| {
        if let Candidate::Text { content, .. } = c {
            all.push(content.to_string());
        }
        None::<()>
    });
    all
}

#[test]
fn the_register_tab_speaks_one_language_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, register) = app_on_register(dir.path(), day(2025, 1, 1));
    register_of_five(&register);
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Register)]);
    let english = texts(&app);
    let all = english.join("\n");
    assert!(all.contains("5 products rated 3 stars or more: 3 at 3 stars, 1 at 4 stars, 1 at 5 stars"), "{all}");
    // The wine's certificate (1 March 2022) runs out on 1 March 2025: due, in English words and dates.
    let wine: Vec<&String> = english.iter().filter(|t| t.starts_with("Rượu nếp — ")).collect();
    assert!(!wine.is_empty(), "{all}");
    for line in &wine {
        assert!(line.contains("2025-03-01") && !line.contains("01/03/2025"), "{line}");
    }
    assert!(wine.iter().any(|l| l.ends_with("(due for re-rating)")), "{wine:?}");
    assert!(all.contains("· 2025-01-01"), "the day in English: {all}");
    for vietnamese in ["sản phẩm đạt", "sao trở lên", "ngày", "hiệu lực"] {
        assert!(!all.contains(vietnamese), "«{vietnamese}» in English: {all}");
    }
    apply(&mut app, vec![Message::ToggleLang]);
    let all = texts(&app).join("\n");
    assert!(
        all.contains("5 sản phẩm đạt 3 sao trở lên: 3 sản phẩm 3 sao, 1 sản phẩm 4 sao, 1 sản phẩm 5 sao"),
        "{all}"
    );
    assert!(all.contains("01/03/2025 (đến hạn đánh giá lại)"), "{all}");
    assert!(all.contains("Gạo nếp — HTX Gạo nếp · 3★ · Yên Lợi · 20/06/2026 (còn hiệu lực)"), "{all}");
    assert!(!all.contains("(valid)") && !all.contains("(due)"), "no machine word in Vietnamese: {all}");
}

#[test]
fn an_empty_register_heads_its_tab_with_a_capital_and_says_where_products_come_from() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _register) = app_on_register(dir.path(), day(2025, 1, 1));
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Register)]);
    let english = texts(&app);
    assert!(english.iter().any(|t| t == "No valid OCOP product yet"), "{english:?}");
    // No empty charts: a sentence says where products come from.
    assert!(english.iter().any(|t| t.starts_with("The register has no product yet: open a locked session")));
    apply(&mut app, vec![Message::ToggleLang]);
    let vietnamese = texts(&app);
    assert!(vietnamese.iter().any(|t| t == "Chưa có sản phẩm OCOP còn hiệu lực"), "{vietnamese:?}");
    assert!(vietnamese.iter().any(|t| t.starts_with("Sổ chưa có sản phẩm nào: mở một phiên đã khóa")));
}

#[test]
fn the_window_enters_no_product_of_a_session_bent_after_its_lock_and_prints_it_no_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let mut store = ocop_council::store::Store::open(&file).unwrap();
    store.lock("thư ký").unwrap();
    let decided =
        ocop_council::domain::register::RecognitionDecision { number: "125/QĐ-UBND".into(), date: day(2023, 6, 20) };
    store.record_decision(&decided, "thư ký").unwrap();
    drop(store);
    let (mut app, register) = app_on_register(dir.path(), day(2025, 1, 1));
    apply(
        &mut app,
        vec![Message::Opened(Slot::new(Ok(Workspace::open(&file, "thư ký").unwrap()))), Message::Tab(Tab::Register)],
    );
    // Intact, the window prints its certificates (after the check, off the window's thread).
    apply(&mut app, vec![Message::Register(register::Message::Certificates)]);
    assert!(status(&app).starts_with("Đã ghi 9 giấy chứng nhận"), "{}", status(&app));
    std::fs::remove_file(dir.path().join("giay-chung-nhan-ocop.pdf")).unwrap();
    // While the window has it open, a sheet's comment is changed with the sqlite3 shell.
    let conn = rusqlite::Connection::open(&file).unwrap();
    let guards: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'score_sheet'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for name in guards {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\"")).unwrap();
    }
    conn.execute_batch("UPDATE score_sheet SET comment = 'sửa sau khi khóa' WHERE rowid = 1").unwrap();
    drop(conn);
    apply(&mut app, vec![Message::Register(register::Message::AddSession)]);
    assert!(
        status(&app).contains("tệp phiên họp không nguyên vẹn (nội dung không còn cho dấu vân tay lúc khóa)"),
        "{}",
        status(&app)
    );
    let entered = Register::open(&register).unwrap().products().unwrap();
    assert!(entered.is_empty(), "{entered:?}");
    apply(&mut app, vec![Message::Register(register::Message::Certificates)]);
    assert!(status(&app).contains("không in giấy chứng nhận"), "{}", status(&app));
    assert!(!dir.path().join("giay-chung-nhan-ocop.pdf").exists());
}
