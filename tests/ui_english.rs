//! Issue 15.6: one language at a time. The English window says its status lines, errors and audit
//! trail in English (actions in words, local time rather than "…Z"), with disk errors as
//! sentences; the Vietnamese window writes decimals with a comma.

mod common;
mod ui_kit;

use ocop_council::lang::{self, Lang, Say};
use ocop_council::ui::app::Message;
use ocop_council::ui::screen::{Tab, documents};
use ui_kit::*;

#[test]
fn the_english_audit_trail_is_in_words_and_local_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Archive)]);
    let entry = app.archive().unwrap().audit().first().cloned().expect("the trail has its creation");
    assert!(entry.at.ends_with('Z'), "the file keeps UTC: {}", entry.at);
    let local = lang::local_time(&entry.at, Lang::En);
    assert!(!local.contains('Z') && !local.contains('T'), "{local}");
    let said = entry.say(Lang::En);
    assert!(said.starts_with("Session created"), "{said}");
    assert!(shows(&app, &format!("{local}  {}  {said}", entry.actor)), "the row in local time");
    assert!(!shows(&app, &format!("{}  {}  {said}", entry.at, entry.actor)), "no UTC time on screen");
    for english in ["Audit trail", "Lock the results", "Archive to a USB stick", "Verify a file"] {
        assert!(shows(&app, english), "{english}");
    }
    for vietnamese in ["Nhật ký thay đổi", "Khóa kết quả", "Lưu trữ ra USB", "Kiểm tra một tệp"] {
        assert!(!shows(&app, vietnamese), "{vietnamese}");
    }
    // Locked: the time of the lock, too.
    click(&mut app, "ask-lock");
    click(&mut app, "confirm-lock");
    let at = app.workspace().unwrap().lock.as_ref().unwrap().at.clone();
    let by = app.workspace().unwrap().lock.as_ref().unwrap().by.clone();
    assert!(shows(&app, &format!("Locked at {} · {by}", lang::local_time(&at, Lang::En))));
}

#[test]
fn a_disk_error_is_a_sentence_in_the_language_of_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Documents)]);
    // The documents' folder would be made inside a file: the system refuses.
    let blocker = dir.path().join("not a folder");
    std::fs::write(&blocker, b"x").unwrap();
    let folder = blocker.join("documents");
    apply(&mut app, vec![Message::Documents(documents::Message::Folder(folder.display().to_string()))]);
    click(&mut app, "generate-summary");
    let status = app.status().cloned().expect("the failure is said");
    assert!(status.is_error());
    for text in [&status.text.vi, &status.text.en] {
        assert!(!text.contains("os error"), "{text}");
    }
    // The systems name the same refusal differently: Unix says a part of the path is not a folder
    // (ENOTDIR); Windows, asked to make the folder where the file is, says that name exists.
    let why = if cfg!(windows) { "a file of that name already exists" } else { "a part of the path is not a folder" };
    assert!(status.text.en.contains(&format!("could not be written ({why})")), "{status:?}");
    assert!(shows(&app, &status.text.en), "the English line is on screen");
    assert!(!shows(&app, &status.text.vi));
    for english in ["Documents to sign", "Summary table of scores", "Make all"] {
        assert!(shows(&app, english), "{english}");
    }
    for vietnamese in ["Tài liệu để ký", "Bảng tổng hợp điểm", "Tạo tất cả"] {
        assert!(!shows(&app, vietnamese), "{vietnamese}");
    }
}

#[test]
fn the_vietnamese_board_writes_decimals_with_a_comma() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::Tab(Tab::Results)]);
    let mean = app.workspace().unwrap().results().products[0].mean.expect("scored");
    let dotted = mean.to_string();
    assert!(dotted.contains('.'), "{dotted}");
    let comma = dotted.replace('.', ",");
    assert!(shows(&app, &comma), "{comma}");
    assert!(!shows(&app, &dotted), "{dotted}");
    apply(&mut app, vec![Message::ToggleLang]);
    assert!(shows(&app, &dotted), "English keeps the point");
}

/// Every text on the screen (the whole of each text widget).
fn texts(app: &ocop_council::ui::App) -> Vec<String> {
    use iced_test::selector::Candidate;
    let mut all = Vec::new();
    let _ = sim(app).find(|c: Candidate<'_>| {
        if let Candidate::Text { content, .. } = c {
            all.push(content.to_string());
        }
        None::<()>
    });
    all
}

/// The texts on screen that mention `marker`, each checked to be English: none holds a word only
/// Vietnamese has (the file's own names aside, which `marker` leaves out by being a path).
fn english_lines(app: &ocop_council::ui::App, marker: &str) -> Vec<String> {
    let lines: Vec<String> = texts(app).into_iter().filter(|t| t.contains(marker)).collect();
    for line in &lines {
        let said = line.replace(marker, "");
        for vietnamese in ["dòng", "cột", "thiếu", "không", "Lỗi", "Lưu ý", "tệp", "hồ sơ", "bỏ qua"] {
            assert!(!said.contains(vietnamese), "«{vietnamese}» in the English line {line:?}");
        }
    }
    lines
}

#[test]
fn the_import_preview_speaks_english_in_the_english_window() {
    use ocop_council::ui::screen::dossiers;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let list = dir.path().join("list.csv");
    std::fs::write(&list, "Mã hồ sơ,Tên sản phẩm,Bộ sản phẩm,Chủ thể,Ghi chú\nA-1,Gạo,99,HTX Yên,x\nA-1,Mắm,1,,y\n")
        .unwrap();
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Dossiers)]);
    let shown = list.display().to_string();
    apply(&mut app, vec![Message::Dossiers(dossiers::Message::ListPath(shown.clone()))]);
    click(&mut app, "list-preview");
    assert!(shows(&app, "Adds 0 dossiers, updates 0."), "{:?}", texts(&app));
    let lines = english_lines(&app, &shown);
    for expected in [
        format!("Note — {shown}, row 1: column “Ghi chú” is not used, skipped"),
        format!(
            "Error — {shown}, row 2, column “Product sheet”: “99” is no product sheet (a number 1–26 or the sheet's name)"
        ),
        format!("Error — {shown}, row 3, column “Producer”: the producer's name is missing"),
        format!("Error — {shown}, row 3, column “Dossier code”: code “A-1” is the same as on row 2"),
    ] {
        assert!(lines.contains(&expected), "{expected:?} not in {lines:#?}");
    }
    // The same preview in Vietnamese, when the window switches back, as the command line says it.
    apply(&mut app, vec![Message::ToggleLang]);
    assert!(shows(&app, &format!("Lỗi — {shown}, dòng 3, cột «Chủ thể»: thiếu tên chủ thể")));

    // A folder of dossier folders, and a file that is no list at all.
    let folder = dir.path().join("documents");
    std::fs::create_dir_all(folder.join("no such product")).unwrap();
    std::fs::write(folder.join("loose.pdf"), b"%PDF").unwrap();
    apply(&mut app, vec![Message::ToggleLang]);
    let shown = folder.display().to_string();
    apply(&mut app, vec![Message::Dossiers(dossiers::Message::ListPath(shown.clone()))]);
    click(&mut app, "list-preview");
    assert!(shows(&app, "Attaches 0 files (0.0 MB)."), "{:?}", texts(&app));
    let lines = english_lines(&app, &shown);
    let loose = folder.join("loose.pdf").display().to_string();
    assert!(
        lines.contains(&format!("Note — {loose}: a loose file outside the product folders, skipped")),
        "{lines:#?}"
    );
    let stray = folder.join("no such product").display().to_string();
    assert!(
        lines
            .iter()
            .any(|l| l == &format!("Note — {stray}: the folder matches no dossier code or product name, skipped"))
    );
    let unknown = dir.path().join("list.docx");
    std::fs::write(&unknown, b"x").unwrap();
    let shown = unknown.display().to_string();
    apply(&mut app, vec![Message::Dossiers(dossiers::Message::ListPath(shown.clone()))]);
    click(&mut app, "list-preview");
    let lines = english_lines(&app, &shown);
    assert_eq!(
        lines,
        [format!("Error — {shown}: the kind of file is not recognised (it needs .xlsx, .ods, .csv or .json)")]
    );
}

#[test]
fn the_verify_report_speaks_english_in_the_english_window() {
    use ocop_council::ui::screen::archive;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let file = app.workspace().unwrap().path.display().to_string();
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Archive)]);
    apply(&mut app, vec![Message::Archive(archive::Message::VerifyPath(file.clone()))]);
    type_into(&mut app, "verify-typed", "1a2b-3c4d-5e6f-7a8b");
    click(&mut app, "verify");
    let found = app.archive().unwrap().verified().cloned().expect("verified");
    assert!(!found.ok, "not locked: no match for a paper fingerprint");
    for line in [
        format!("File: {file}"),
        "Integrity (SQLite): good".to_string(),
        "State: results NOT locked".to_string(),
        "Against the fingerprint on the signed paper: does NOT match".to_string(),
        "The results of this file are NOT locked: it is not a locked record that matches the signed paper".to_string(),
        "No .sha256 checksum file beside it (not an archive?)".to_string(),
        "VERDICT: the file FAILS the checks.".to_string(),
    ] {
        assert!(shows(&app, &line), "{line:?} not on screen: {:#?}", found.lines_en);
    }
    let all = texts(&app).join("\n");
    for vietnamese in ["Tệp:", "Tính toàn vẹn", "khớp", "CHƯA khóa", "KẾT LUẬN", "không phải bản lưu trữ"]
    {
        assert!(!all.contains(vietnamese), "{vietnamese}");
    }
    // Back in Vietnamese, the lines the command line prints.
    apply(&mut app, vec![Message::ToggleLang]);
    assert!(shows(&app, "KẾT LUẬN: tệp KHÔNG đạt kiểm tra."));
    assert_eq!(
        found.lines,
        ocop_council::archive::verify(std::path::Path::new(&file), Some("1a2b3c4d5e6f7a8b")).unwrap().lines()
    );
}

#[test]
fn the_session_checker_speaks_english_in_the_english_window() {
    use ocop_council::ui::screen::start::{Field, MemberEdit, Message as S};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Start)]);
    let path = dir.path().join("new.ocop").display().to_string();
    for (field, value) in [(Field::Path, path.as_str()), (Field::Title, "Trial"), (Field::Date, "2023-06-05")] {
        apply(&mut app, vec![Message::Start(S::Field(field, value.into()))]);
    }
    apply(&mut app, vec![Message::Start(S::Member(0, MemberEdit::Name("   ".into()))), Message::Start(S::Create)]);
    let status = app.status().cloned().expect("refused");
    assert_eq!(status.text.en, "Council, member m1: the name is empty");
    assert_eq!(status.text.vi, "Hội đồng, thành viên m1: họ tên trống");
    assert!(shows(&app, &status.text.en));
    apply(&mut app, vec![Message::Start(S::Member(0, MemberEdit::Name("Trần Văn An".into())))]);
    apply(&mut app, vec![Message::Start(S::Field(Field::Date, "5/6/2023".into())), Message::Start(S::Create)]);
    let status = app.status().cloned().expect("refused");
    assert_eq!(status.text.en, "Meeting date: “5/6/2023” is not a date written YYYY-MM-DD (such as 2023-06-05)");
    assert_eq!(status.text.vi, "Ngày họp: «5/6/2023» không phải ngày dạng YYYY-MM-DD");
    assert!(shows(&app, &status.text.en));
    // A setting the checker refuses is named as the form names it, not by its JSON path.
    apply(&mut app, vec![Message::Start(S::Field(Field::Date, "2023-06-05".into()))]);
    apply(&mut app, vec![Message::Start(S::Field(Field::Spread, "150".into())), Message::Start(S::Create)]);
    let status = app.status().cloned().expect("refused");
    assert_eq!(status.text.en, "Spread limit: at most 100 points");
    assert!(status.text.vi.starts_with("Chênh lệch tối đa: "), "{status:?}");
    assert!(shows(&app, &status.text.en) && !shows(&app, "session.settings"));
    // A quorum that is not a fraction: its rule in English, not the Vietnamese one in brackets.
    apply(&mut app, vec![Message::Start(S::Field(Field::Spread, "10".into()))]);
    apply(&mut app, vec![Message::Start(S::Field(Field::Quorum, "2:3".into())), Message::Start(S::Create)]);
    let status = app.status().cloned().expect("refused");
    assert_eq!(status.text.en, "Quorum: “2:3” is not a fraction such as 2/3 between 0 and 1 (denominator at most 100)");
    assert_eq!(
        status.text.vi,
        "Số lượng tối thiểu: «2:3» không phải phân số dạng \"2/3\" từ 0 đến 1 (mẫu số không quá 100)"
    );
    assert!(status.text.vi.starts_with("Số lượng tối thiểu: «2:3» không phải phân số"), "{status:?}");
    assert!(!status.text.en.contains("không"), "{status:?}");
    // The checker's every problem has English words that are not the Vietnamese ones.
    use ocop_council::domain::session::Problem;
    for p in [Problem::SecondChair, Problem::SpreadOver100, Problem::NoSuchOption { choice: 4, options: 3 }] {
        let (vi, en) = (p.say(Lang::Vi), p.say(Lang::En));
        assert_ne!(vi, en);
        assert!(!en.contains("không") && !en.contains("phương án"), "{en}");
    }
}

#[test]
fn the_facts_tab_refuses_a_date_and_a_time_in_english() {
    use ocop_council::ui::screen::facts;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Facts)]);
    let f = |field, value: &str| Message::Facts(facts::Message::Field(field, value.into()));
    apply(&mut app, vec![f(facts::Field::Date, "5/6/2023"), Message::Facts(facts::Message::Save)]);
    let status = app.status().cloned().expect("refused");
    assert!(status.is_error());
    assert!(
        status.text.en.ends_with(": “5/6/2023” is not a date written YYYY-MM-DD (such as 2023-06-05)"),
        "{status:?}"
    );
    assert!(status.text.vi.ends_with(": «5/6/2023» không phải ngày dạng YYYY-MM-DD"), "{status:?}");
    assert!(shows(&app, &status.text.en));
    apply(&mut app, vec![f(facts::Field::Date, "2023-06-05"), f(facts::Field::Opened, "7:30")]);
    apply(&mut app, vec![Message::Facts(facts::Message::Save)]);
    let status = app.status().cloned().expect("refused");
    assert_eq!(status.text.en, "Opened (HH:MM): “7:30” is not a time written HH:MM (such as 07:30)");
    assert_eq!(status.text.vi, "Giờ khai mạc (HH:MM): «7:30» không phải giờ dạng HH:MM");
    assert!(shows(&app, &status.text.en));
}

#[test]
fn the_devices_screen_refuses_in_english() {
    use ocop_council::ui::screen::devices;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let d = |m| Message::Devices(m);
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Scoring), d(devices::Message::Show(true))]);
    // Slips before the server runs: a sentence in English, not the store's Vietnamese.
    apply(&mut app, vec![d(devices::Message::Slips)]);
    let status = app.status().cloned().expect("refused");
    assert!(status.is_error());
    assert_eq!(status.text.en, "scoring on devices has not started: start it first, then print the slips");
    assert_eq!(status.text.vi, "chưa bắt đầu chấm trên thiết bị: hãy bắt đầu trước, rồi in phiếu kết nối");
    assert!(shows(&app, &status.text.en));
    // A port another program holds.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    apply(&mut app, vec![d(devices::Message::Listen(addr.clone())), d(devices::Message::Start)]);
    let status = app.status().cloned().expect("refused");
    assert!(status.is_error(), "{status:?}");
    assert!(status.text.en.contains(&addr), "{status:?}");
    assert_ne!(status.text.en, status.text.vi);
    for vietnamese in ["không", "cổng", "đang", "dùng"] {
        assert!(!status.text.en.contains(vietnamese), "{status:?}");
    }
    assert!(!status.text.en.contains("os error"), "{status:?}");
    assert!(shows(&app, &status.text.en));
    // An address that is not one.
    apply(&mut app, vec![d(devices::Message::Listen("here".into())), d(devices::Message::Start)]);
    assert_eq!(app.status().map(|s| s.text.en.as_str()), Some("«here»: write ADDRESS:PORT, e.g. 192.168.1.10:8765"));
}

#[test]
fn a_locked_session_refuses_edits_in_english() {
    use ocop_council::ui::screen::{attendance, facts};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Archive)]);
    click(&mut app, "ask-lock");
    click(&mut app, "confirm-lock");
    assert!(app.workspace().unwrap().lock.is_some());
    let edits = [
        vec![
            Message::Tab(Tab::Facts),
            Message::Facts(facts::Message::Field(facts::Field::Place, "Elsewhere".into())),
            Message::Facts(facts::Message::Save),
        ],
        vec![
            Message::Tab(Tab::Attendance),
            Message::Attendance(attendance::Message::Present("m2".into(), false)),
            Message::Attendance(attendance::Message::ConfirmAbsent),
        ],
    ];
    for (i, edit) in edits.into_iter().enumerate() {
        apply(&mut app, vec![Message::DismissStatus]);
        apply(&mut app, edit);
        let status = app.status().cloned().unwrap_or_else(|| panic!("edit {i} refused"));
        assert!(status.is_error(), "{status:?}");
        assert_ne!(status.text.en, status.text.vi);
        for vietnamese in ["khóa", "không", "đã", "phiên"] {
            assert!(!status.text.en.contains(vietnamese), "{status:?}");
        }
        assert!(shows(&app, &status.text.en), "{status:?}");
    }
}

use ocop_council::lang::has_vietnamese;

#[test]
fn a_damaged_session_file_is_said_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let file = session_file(dir.path(), |_| {});
    let original = std::fs::read(&file).unwrap();
    let shown = file.display().to_string();
    let cases = [
        (
            "UPDATE session SET meeting_date = '05/06/2023'",
            "ngày họp: «05/06/2023» không phải ngày dạng YYYY-MM-DD",
            "meeting date: “05/06/2023” is not a date written YYYY-MM-DD (such as 2023-06-05)",
        ),
        (
            "UPDATE meeting SET opened = '7h30'",
            "giờ khai mạc: «7h30» không phải giờ dạng HH:MM",
            "opening time: “7h30” is not a time written HH:MM (such as 07:30)",
        ),
        (
            "UPDATE snapshot SET json = replace(json, '\"2/3\"', '\"2:3\"') WHERE kind = 'ruleset'",
            "quy tắc «qd148-2023-huyen»: defaults.quorum.fraction: «2:3» không phải phân số dạng \"2/3\" từ 0 đến 1 (mẫu số không quá 100)",
            "ruleset “qd148-2023-huyen”: defaults.quorum.fraction: “2:3” is not a fraction such as 2/3 between 0 and 1 (denominator at most 100)",
        ),
        (
            "UPDATE snapshot SET json = replace(json, '\"max\":40', '\"max\":45') WHERE kind = 'criteria'",
            "bộ tiêu chí «qd26-2026», bộ sản phẩm số 1: phần A có tối đa 45 điểm, cần 40",
            "criteria set “qd26-2026”, product sheet 1: part A is worth 45 points, needs 40",
        ),
    ];
    for (sql, vi, en) in cases {
        std::fs::write(&file, &original).unwrap();
        rusqlite::Connection::open(&file).unwrap().execute_batch(sql).unwrap();
        let mut app = app_in(dir.path());
        apply(&mut app, vec![Message::ToggleLang]);
        type_into(&mut app, "open-path", &shown);
        click(&mut app, "open-typed");
        assert!(app.workspace().is_none(), "{sql}");
        let status = app.status().cloned().expect("refused");
        assert_eq!(status.text.en, format!("{shown}: the data in the file is damaged: {en}"));
        assert!(!has_vietnamese(&status.text.en.replace(&shown, "")), "{status:?}");
        assert!(shows(&app, &status.text.en));
        // The Vietnamese window and the command line say it as they did.
        let vi = format!("{shown}: dữ liệu trong tệp bị hỏng: {vi}");
        assert_eq!(status.text.vi, vi);
        let o = common::ocop(["results".as_ref(), file.as_os_str()]);
        assert_eq!(o.status.code(), Some(2), "{sql}");
        assert_eq!(String::from_utf8_lossy(&o.stderr).trim_end(), format!("ocop-council: {vi}"));
    }
}

#[test]
fn an_archive_that_fails_its_check_is_refused_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), |_| {});
    let stick = dir.path().join("usb");
    std::fs::create_dir_all(&stick).unwrap();
    let archived = stick.join("phiên.ocop");
    std::fs::copy(dir.path().join("phiên.ocop"), &archived).unwrap();
    // Its checksum file says other bytes were archived.
    std::fs::write(stick.join("phiên.ocop.sha256"), format!("{}  phiên.ocop\n", "0".repeat(64))).unwrap();
    apply(&mut app, vec![Message::ToggleLang, Message::Tab(Tab::Archive)]);
    type_into(&mut app, "restore-path", &archived.display().to_string());
    click(&mut app, "restore-typed");
    let status = app.status().cloned().expect("refused");
    assert!(status.is_error(), "{status:?}");
    let shown = archived.display().to_string();
    let report = ocop_council::archive::verify(&archived, None).unwrap();
    let en = report.lines_in(Lang::En).join("; ");
    assert_eq!(
        status.text.en,
        format!("{shown}: the copy failed its check ({en}); the copy was deleted, the original is untouched")
    );
    assert!(!has_vietnamese(&status.text.en.replace(&shown, "")), "{status:?}");
    assert!(shows(&app, &status.text.en));
    // The Vietnamese as before: the command line's report lines.
    let vi = report.lines().join("; ");
    assert_eq!(
        status.text.vi,
        format!("{shown}: bản sao không qua được kiểm tra ({vi}); đã xóa bản sao, tệp gốc không bị ảnh hưởng")
    );
}
