//! What the LAN tests share: a session to serve, a server on 127.0.0.1:0, members' devices.

#![allow(dead_code)]
use super::client::Device;
use ocop_council::lan::{self, Config, Running};
use ocop_council::store::{LanLink, Store};
use serde_json::json;
use std::path::{Path, PathBuf};
/// The demo session with no sheets but one: m1's submitted sheet of YY-2023-01. m6 is recused
/// from YY-2023-10, m4 is absent.
pub fn session_file(dir: &Path) -> PathBuf {
    let mut value = super::common::demo_value();
    let sheets = value["sheets"].as_array().unwrap();
    let kept: Vec<_> = sheets.iter().filter(|s| s["dossier"] == "YY-2023-01" && s["member"] == "m1").cloned().collect();
    value["sheets"] = json!(kept);
    let path = dir.join("lan.ocop");
    let catalog = super::common::catalog();
    let (session, criteria, ruleset) =
        ocop_council::exchange::parse(&value.to_string(), &catalog, None).expect("session parses");
    Store::create(&path, &session, criteria, ruleset, "test").unwrap();
    path
}

/// Limits wide enough that the tests' own bursts are not rate-limited (one test checks the limit).
pub fn config() -> Config {
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), "thư ký");
    config.rate_per_second = 10_000.0;
    config.burst = 10_000.0;
    config
}

pub fn start(path: &Path) -> Running {
    lan::start(Store::open(path).unwrap(), config()).unwrap()
}

pub fn link(running: &Running, member: &str) -> LanLink {
    running.links().unwrap().into_iter().find(|l| l.member == member).unwrap()
}

pub fn device(running: &Running, member: &str, id: &str) -> Device {
    Device::new(running.addr, member, &link(running, member).secret, id)
}

pub const DEV_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
pub const DEV_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

pub fn audit_len(path: &Path) -> usize {
    Store::open_shared(path).unwrap().audit_log().unwrap().len()
}

/// `ocop-council serve FILE --listen 127.0.0.1:0` in a process of its own, and the nine lines it
/// prints first (one per scoring member).
pub fn serve_in_a_process(path: &Path) -> (std::process::Child, Vec<String>) {
    use std::io::BufRead;
    let mut tries = 0;
    loop {
        let mut child = crate::common::spawn(
            std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council"))
                .args(["serve", path.to_str().unwrap(), "--listen", "127.0.0.1:0"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null()),
        );
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        match lines.next() {
            Some(Ok(first)) => {
                let rest = (1..9).map(|_| lines.next().unwrap().unwrap());
                return (child, std::iter::once(first).chain(rest).collect());
            }
            _ if tries < 5 && crate::common::died_unstarted(&mut child) => tries += 1,
            other => panic!("serve printed {other:?}, then {:?}", child.wait()),
        }
    }
}
