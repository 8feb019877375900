//! `serve FILE [--listen ADDR:PORT]`: members score on their own devices (src/lan, docs/lan.md).

use crate::cli::error::CliError;
use crate::lan;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// Prints one line `ID URL` per scoring member, then serves until Ctrl+C or SIGTERM and closes
/// the file cleanly.
pub fn serve(file: &Path, listen: Option<&str>, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let text = listen.unwrap_or(lan::DEFAULT_LISTEN);
    let addr: std::net::SocketAddr = text
        .parse()
        .map_err(|_| CliError::Usage(format!("--listen «{text}»: cần dạng ĐỊA_CHỈ:CỔNG, ví dụ 192.168.1.10:8765")))?;
    // Caught before the links are printed: whoever reads them may stop the server at once.
    let stop = lan::StopSignal::install().map_err(|e| CliError::Internal(e.to_string()))?;
    let store = Store::open(file)?;
    if store.lock_info()?.is_some() {
        // Still served: members who open their link see that the session is closed.
        eprintln!("{}: phiên họp đã khóa kết quả — các đường dẫn chỉ hiện trang «đã khóa»", file.display());
    }
    let running = lan::start(store, lan::Config::new(addr, actor)).map_err(|e| match e {
        lan::StartError::Store(e) => CliError::from(e),
        lan::StartError::Runtime(e) => CliError::Internal(e.to_string()),
        other => CliError::Refused(other.to_string()),
    })?;
    let scorers: Vec<String> =
        Store::open_shared(file)?.read_session()?.members.into_iter().filter(|m| m.scores).map(|m| m.id).collect();
    let lines: String = running
        .links()?
        .iter()
        .filter(|l| scorers.contains(&l.member))
        .map(|l| format!("{} {}\n", l.member, running.url(l)))
        .collect();
    out.write_all(lines.as_bytes()).and_then(|()| out.flush()).map_err(|e| CliError::Internal(e.to_string()))?;
    eprintln!("Đang phục vụ trên http://{} — Ctrl+C để dừng", running.addr);
    let waited = stop.wait();
    let store = running.stop();
    if let Some(store) = store {
        store.close()?;
    }
    waited.map_err(|e| CliError::Internal(e.to_string()))?;
    eprintln!("Đã dừng; tệp phiên họp đã đóng.");
    Ok(())
}
