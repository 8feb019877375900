//! A tiny HTTP/1.1 client over a raw socket for the LAN tests and the benchmark: it sends exactly
//! the bytes written (no path normalisation), so refusals can be tested as an attacker would send.

#![allow(dead_code)]
use ocop_council::lan::auth;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The refusal's stable code (`bad_key`, `replay`, …).
    pub fn code(&self) -> String {
        self.json()["error"].as_str().unwrap_or("").to_string()
    }
}

/// Sends one request on a new connection and reads the whole answer.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        // Nobody listens (the app was killed): no answer, as a connection cut mid-request gives
        // (status 0). The SIGKILL test's members meet this when their next choice comes too late.
        return parse(&[]);
    };
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-length")) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    let _ = stream.write_all(&bytes);
    parse(&read_reply(&mut stream))
}

/// Reads one answer: to its Content-Length, the end of its chunks, or the connection's end (a
/// peer may keep the connection open despite `Connection: close`).
fn read_reply(stream: &mut TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(end) = complete(&raw) {
            raw.truncate(end);
            return raw;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return raw,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
}

/// Where the answer in `raw` ends, once it is all there.
fn complete(raw: &[u8]) -> Option<usize> {
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let length: Option<usize> =
        head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse().ok());
    if let Some(length) = length {
        return (raw.len() >= head_end + length).then_some(head_end + length);
    }
    if head.contains("transfer-encoding: chunked") {
        let tail = &raw[head_end..];
        return tail.windows(5).position(|w| w == b"0\r\n\r\n").map(|p| head_end + p + 5);
    }
    None
}

pub fn parse(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    let chunked = headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { dechunk(body) } else { body.to_string() };
    Reply { status, headers, body }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else { break };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// A member's device as the page is one: its key, device id, counter and the server's epoch.
pub struct Device {
    pub addr: SocketAddr,
    pub member: String,
    pub secret: String,
    pub device: String,
    pub counter: u64,
    pub epoch: String,
}

impl Device {
    pub fn new(addr: SocketAddr, member: &str, secret: &str, device: &str) -> Device {
        let epoch = request(addr, "GET", "/api/hello", &[], b"").json()["epoch"].as_str().unwrap_or("").to_string();
        Device { addr, member: member.into(), secret: secret.into(), device: device.into(), counter: 0, epoch }
    }

    /// The headers of a signed request, with the next counter.
    pub fn sign(&mut self, path: &str, body: &[u8]) -> Vec<(String, String)> {
        self.counter += 1;
        let message = auth::canonical("POST", path, &self.epoch, &self.device, self.counter, body);
        vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Ocop-Device".into(), self.device.clone()),
            ("X-Ocop-Epoch".into(), self.epoch.clone()),
            ("X-Ocop-Counter".into(), self.counter.to_string()),
            ("X-Ocop-Mac".into(), auth::mac_hex(self.secret.as_bytes(), &message)),
        ]
    }

    pub fn send(&self, path: &str, headers: &[(String, String)], body: &[u8]) -> Reply {
        let h: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        request(self.addr, "POST", path, &h, body)
    }

    pub fn post(&mut self, action: &str, body: serde_json::Value) -> Reply {
        let path = format!("/api/m/{}/{action}", self.member);
        let body = body.to_string().into_bytes();
        let headers = self.sign(&path, &body);
        self.send(&path, &headers, &body)
    }

    pub fn choose(&mut self, dossier: &str, criterion: &str, option: u8) -> Reply {
        self.post("choice", serde_json::json!({ "dossier": dossier, "criterion": criterion, "option": option }))
    }
}
