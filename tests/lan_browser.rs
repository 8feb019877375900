//! The member's page in a real browser (chromium over WebDriver: a whole sheet by clicks, choices
//! kept through a dropped server), a SIGKILL of `serve` while members score, and the window's door
//! to the server (Workspace), issue 17.

// The browser's helpers are used by the Unix-only tests below (see there why).
#![cfg_attr(not(unix), allow(unused))]

#[path = "lan/browser.rs"]
mod browser;
#[path = "lan/client.rs"]
mod client;
mod common;
#[path = "lan/setup.rs"]
mod setup;

use client::Device;
use ocop_council::lan;
use ocop_council::store::Store;
use serde_json::json;
use setup::*;
use std::net::SocketAddr;
use std::path::Path;

/// Every criterion on the page, in order, and its number of options (without "none").
fn criteria_on_page(b: &browser::Browser) -> Vec<(String, u64)> {
    let found = b.run(
        "return Array.from(document.querySelectorAll('section.criterion')).map(s => \
         [s.getAttribute('data-code'), s.querySelectorAll('[data-option]').length - 1])",
    );
    found.as_array().unwrap().iter().map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_u64().unwrap())).collect()
}

const QUEUE_EMPTY: &str = "return (localStorage.getItem('ocop.queue.m2') || '[]') === '[]'";

fn sheet_of(path: &Path, dossier: &str, member: &str) -> Option<ocop_council::domain::session::ScoreSheet> {
    let session = Store::open_shared(path).unwrap().read_session().unwrap();
    session.sheets.into_iter().find(|s| s.dossier == dossier && s.member == member)
}

// The browser tests drive Debian's chromium and chromedriver, Linux programs: a Windows build of
// this file (under Wine) has no browser to start. The members' devices are phones and laptops, not
// the secretary's PC; the server's side of every exchange runs on Windows in tests/lan.rs.
#[cfg(unix)]
#[test]
fn in_a_browser_a_member_scores_a_whole_sheet_by_clicks_and_submits() {
    let Some(b) = browser::Browser::start("in_a_browser_a_member_scores_a_whole_sheet_by_clicks_and_submits") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let running = start(&path);
    b.open(&running.url(&link(&running, "m2")));
    b.find("[data-dossier='YY-2023-02']");
    assert_eq!(b.run("return document.querySelectorAll('[data-dossier]').length"), json!(12));
    screenshot(&b, "lan-products.png");
    b.click("[data-dossier='YY-2023-02']");
    b.find("#submit");
    let criteria = criteria_on_page(&b);
    assert!(criteria.len() > 10, "{criteria:?}");
    let mut expected = std::collections::BTreeMap::new();
    for (i, (code, options)) in criteria.iter().enumerate() {
        let option = 1 + (i as u64 % options);
        b.click(&format!("[data-criterion='{code}'][data-option='{option}']"));
        expected.insert(code.clone(), option as u8);
    }
    b.type_into("#comment", "Bao bì đẹp");
    screenshot(&b, "lan-sheet.png");
    b.run("window.confirm = function () { return true; }");
    b.click("#submit");
    b.wait_for(QUEUE_EMPTY, "every choice and the submission acknowledged");
    b.find("#readonly");
    running.stop().unwrap().close().unwrap();
    let sheet = sheet_of(&path, "YY-2023-02", "m2").expect("the sheet is in the file");
    assert_eq!((&sheet.choices, sheet.draft, sheet.comment.as_str()), (&expected, false, "Bao bì đẹp"));
}

#[cfg(unix)] // chromium, as above
#[test]
fn in_a_browser_choices_made_while_the_server_is_gone_are_sent_when_it_is_back() {
    let Some(b) =
        browser::Browser::start("in_a_browser_choices_made_while_the_server_is_gone_are_sent_when_it_is_back")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let running = start(&path);
    let addr = running.addr;
    b.open(&running.url(&link(&running, "m2")));
    b.click("[data-dossier='YY-2023-03']");
    b.find("#submit");
    let criteria = criteria_on_page(&b);
    let half = criteria.len() / 2;
    for (code, _) in &criteria[..half] {
        b.click(&format!("[data-criterion='{code}'][data-option='1']"));
    }
    b.wait_for(QUEUE_EMPTY, "the first half acknowledged");
    // The Wi-Fi drops (the secretary's app stops): the member goes on scoring.
    running.stop().unwrap().close().unwrap();
    for (code, _) in &criteria[half..] {
        b.click(&format!("[data-criterion='{code}'][data-option='1']"));
    }
    b.wait_for("return document.getElementById('status').className === 'error'", "the page to say it is offline");
    assert_eq!(b.run(QUEUE_EMPTY), json!(false), "kept on the device");
    let mut config = config();
    config.listen = addr;
    let running = lan::start(Store::open(&path).unwrap(), config).unwrap();
    b.wait_for(QUEUE_EMPTY, "the kept choices sent once the server is back");
    // A reload of the same link shows every choice as saved.
    b.open(&format!("http://{addr}/m/m2"));
    b.click("[data-dossier='YY-2023-03']");
    b.find("#submit");
    let chosen = b.run("return document.querySelectorAll('.option.chosen').length");
    assert_eq!(chosen, json!(criteria.len()));
    running.stop().unwrap().close().unwrap();
    let sheet = sheet_of(&path, "YY-2023-03", "m2").expect("the sheet is in the file");
    assert_eq!(sheet.choices.len(), criteria.len(), "nothing lost");
    assert!(sheet.choices.values().all(|o| *o == 1));
}

/// Screenshots of the member's page on a phone-sized window for docs/screens, when asked
/// (OCOP_SCREENSHOTS=DIR).
fn screenshot(b: &browser::Browser, name: &str) {
    if let Some(dir) = std::env::var_os("OCOP_SCREENSHOTS") {
        b.screenshot(&Path::new(&dir).join(name));
    }
}

#[test]
fn a_sigkill_while_members_score_loses_no_acknowledged_choice() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let (mut child, printed) = serve_in_a_process(&path);
    let scorers: Vec<(String, SocketAddr, String)> = printed
        .iter()
        .filter(|l| l.starts_with("m2 ") || l.starts_with("m3 ") || l.starts_with("m5 "))
        .map(|l| {
            let (id, url) = l.split_once(' ').unwrap();
            let (host, key) = url.strip_prefix("http://").unwrap().split_once("/m/").unwrap();
            (id.to_string(), host.parse().unwrap(), key.split_once("#k=").unwrap().1.to_string())
        })
        .collect();
    let codes: Vec<String> = Store::open_shared(&path)
        .unwrap()
        .criteria()
        .unwrap()
        .sheet(14)
        .unwrap()
        .leaves()
        .iter()
        .map(|l| l.criterion.code.clone())
        .collect();
    let members: Vec<_> = scorers
        .into_iter()
        .map(|(id, addr, key)| {
            let codes = codes.clone();
            std::thread::spawn(move || {
                let mut device = Device::new(addr, &id, &key, &format!("{}-{id}", DEV_A));
                let (mut acknowledged, mut in_flight) = (Vec::new(), None);
                for code in codes.iter().cycle().take(400) {
                    let option = 1 + (acknowledged.len() % 2) as u8;
                    if device.choose("YY-2023-02", code, option).status != 200 {
                        // Maybe written, maybe not: its answer was lost with the app.
                        in_flight = Some((code.clone(), option));
                        break;
                    }
                    acknowledged.push((code.clone(), option));
                }
                (id, acknowledged, in_flight)
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(700));
    // SIGKILL on Unix, TerminateProcess on Windows: no clean-up either way.
    child.kill().unwrap();
    child.wait().unwrap();
    let session = Store::open(&path).unwrap().read_session().unwrap();
    for member in members {
        let (id, acknowledged, in_flight) = member.join().unwrap();
        assert!(!acknowledged.is_empty() && acknowledged.len() < 400, "{id} was scoring when the app died");
        let last: std::collections::BTreeMap<String, u8> = acknowledged.into_iter().collect();
        let sheet = session.sheets.iter().find(|s| s.dossier == "YY-2023-02" && s.member == id).unwrap();
        for (code, option) in &last {
            let stored = sheet.choices.get(code);
            let unanswered = in_flight.as_ref().filter(|(c, _)| c == code).map(|(_, o)| o);
            assert!(stored == Some(option) || stored == unanswered, "{id} {code}: acknowledged, so in the file");
        }
    }
}

/// The window's door (Workspace): the server runs beside the open session, and the board sees
/// what a member sends.
#[test]
fn the_window_starts_the_server_beside_the_open_session_and_sees_the_members_choices() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let mut ws = ocop_council::workspace::Workspace::open(&path, "thư ký").unwrap();
    assert!(ws.device_links().unwrap().is_empty(), "nothing while stopped");
    let addr = ws.start_devices("127.0.0.1:0".parse().unwrap()).unwrap();
    assert_eq!(ws.devices_address(), Some(addr));
    let links = ws.device_links().unwrap();
    assert_eq!(links.len(), 9);
    let m3 = links.iter().find(|l| l.member == "m3").unwrap();
    assert!(!m3.name.is_empty() && m3.url.starts_with(&format!("http://{addr}/m/m3#k=")));
    let key = m3.url.split_once("#k=").unwrap().1;
    let mut device = Device::new(addr, "m3", key, DEV_A);
    assert_eq!(device.choose("YY-2023-04", "1.1", 2).status, 200);
    assert!(ws.refresh_from_devices().unwrap(), "the file changed");
    let sheet = ws.session.sheets.iter().find(|s| s.dossier == "YY-2023-04" && s.member == "m3").unwrap();
    assert_eq!(sheet.choices.get("1.1"), Some(&2));
    assert!(!ws.refresh_from_devices().unwrap(), "nothing new");
    assert!(ws.device_links().unwrap().iter().any(|l| l.member == "m3" && l.device.as_deref() == Some(DEV_A)));
    assert!(ws.revoke_device("m3").unwrap());
    ws.reissue_link("m3").unwrap();
    assert_ne!(ws.device_links().unwrap().iter().find(|l| l.member == "m3").unwrap().url, m3.url);
    let slips = ws.write_device_slips().unwrap();
    let text = std::process::Command::new("pdftotext").arg(&slips).arg("-").output();
    if let Some(out) = text.ok().filter(|o| o.status.success()) {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("(m3)") && text.contains("#k="), "{text}");
    }
    ws.stop_devices();
    assert_eq!(ws.devices_address(), None);
    assert!(ws.write_device_slips().is_err(), "no links while stopped");
    assert!(ocop_council::workspace::listen_choices(8765).iter().any(|a| a.ip().is_loopback()));
}
