//! Issue 15.6: one language at a time. The English window says its status lines, errors and audit
//! trail in English (actions in words, local time rather than "…Z"), with disk errors as
//! sentences; the Vietnamese window writes decimals with a comma.

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
