//! The member's page in a real browser: Debian's chromium driven by chromedriver over WebDriver
//! (JSON over HTTP, through the tests' small client). Without chromium the tests say they were
//! skipped and why; CI sets OCOP_REQUIRE_BROWSER=1 so they cannot be skipped there.

use super::client::request;
use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

/// chromium and chromedriver, or why the browser tests cannot run here.
fn tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = on_path("chromium").or_else(|| on_path("chromium-browser")).ok_or("chromium is not installed")?;
    let driver = on_path("chromedriver").ok_or("chromedriver is not installed (Debian: chromium-driver)")?;
    Ok((chromium, driver))
}

pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless chromium with a fresh profile; None (after saying why)
    /// when they are not installed and the run does not require them.
    pub fn start(test: &str) -> Option<Browser> {
        let (chromium, driver) = match tools() {
            Ok(t) => t,
            Err(why) if std::env::var_os("OCOP_REQUIRE_BROWSER").is_none() => {
                eprintln!("SKIPPED {test}: {why} (apt-get install chromium chromium-driver)");
                return None;
            }
            Err(why) => panic!("{test}: OCOP_REQUIRE_BROWSER is set but {why}"),
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=412,915",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args } } } });
        let mut browser = Browser { driver: child, addr, session: String::new(), _profile: profile };
        let started = browser.call("POST", "/session", &caps);
        browser.session = started["sessionId"].as_str().expect("a WebDriver session").to_string();
        Some(browser)
    }

    fn call(&self, method: &str, path: &str, body: &Value) -> Value {
        let text = body.to_string();
        let reply = request(self.addr, method, path, &[("Content-Type", "application/json")], text.as_bytes());
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        assert!(reply.status == 200, "WebDriver {method} {path}: {} {}", reply.status, reply.body);
        value["value"].clone()
    }

    fn at(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    pub fn open(&self, url: &str) {
        self.call("POST", &self.at("/url"), &json!({ "url": url }));
    }

    pub fn run(&self, script: &str) -> Value {
        self.call("POST", &self.at("/execute/sync"), &json!({ "script": script, "args": [] }))
    }

    /// The element matching `css`, waited for.
    pub fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = self.run(&format!("return document.querySelectorAll({}).length", json!(css)));
            if found.as_u64().unwrap_or(0) > 0 {
                let e = self.call("POST", &self.at("/element"), &json!({ "using": "css selector", "value": css }));
                return e[ELEMENT].as_str().unwrap().to_string();
            }
            assert!(Instant::now() < deadline, "no element {css}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Clicks an element as a finger would: scrolled into the middle of the screen first.
    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.run(&format!("document.querySelector({}).scrollIntoView({{block: 'center'}})", json!(css)));
        self.call("POST", &self.at(&format!("/element/{id}/click")), &json!({}));
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.call("POST", &self.at(&format!("/element/{id}/value")), &json!({ "text": text }));
    }

    /// Waits until `script` returns true.
    pub fn wait_for(&self, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.run(script) != json!(true) {
            assert!(Instant::now() < deadline, "waited in vain for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn screenshot(&self, path: &Path) {
        let b64 = self.call("GET", &self.at("/screenshot"), &Value::Null);
        let bytes = decode_base64(b64.as_str().unwrap_or(""));
        std::fs::write(path, bytes).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = self.at("");
            let _ = request(self.addr, "DELETE", &path, &[], b"");
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, c)| n | u32::from(value(*c)) << (18 - 6 * i));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}
