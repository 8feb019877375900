//! The devices' server as the window sees it (issue 17): started and stopped on the address the
//! secretary picks, over its own connection to the open file (the window keeps the editor claim),
//! with the links to show as QR codes and the board kept up to date with what members send.

use super::{Result, Workspace};
use crate::lan;
use crate::store::Store;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};

/// Why the pairing slips were not written (`crate::lang` says it in either language).
#[derive(Debug)]
pub enum SlipsError {
    /// The links could not be read from the session file.
    Store(crate::store::StoreError),
    /// Scoring on devices has not started: the slips' links need the server's address.
    NotStarted,
    /// The PDF could not be made or written.
    Report(crate::report::ReportError),
}

/// A scoring member's link as the devices screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceLink {
    pub member: String,
    pub name: String,
    pub url: String,
    /// The bound device, if any.
    pub device: Option<String>,
    /// Another device that opened the link and was refused: the secretary decides.
    pub tried: Option<lan::Tried>,
}

impl Workspace {
    /// The running server's address, if it is running.
    pub fn devices_address(&self) -> Option<SocketAddr> {
        self.devices.as_ref().map(|r| r.addr)
    }

    /// Starts the devices' server on `listen` (refused while another is running here).
    pub fn start_devices(&mut self, listen: SocketAddr) -> std::result::Result<SocketAddr, lan::StartError> {
        if let Some(running) = &self.devices {
            return Ok(running.addr);
        }
        let store = Store::open_shared(&self.path)?;
        let running = lan::start(store, lan::Config::new(listen, &self.actor))?;
        let addr = running.addr;
        self.devices = Some(running);
        self.seen_version = self.store.data_version().ok();
        Ok(addr)
    }

    /// Stops the server (members' pages then wait, keeping their choices, until it is back).
    pub fn stop_devices(&mut self) {
        if let Some(store) = self.devices.take().and_then(|r| r.stop()) {
            let _ = store.close();
        }
        let _ = self.refresh_from_devices();
    }

    /// Every scoring member's link, with their name (empty while the server is stopped).
    pub fn device_links(&self) -> Result<Vec<DeviceLink>> {
        let Some(running) = &self.devices else { return Ok(Vec::new()) };
        let links = running.links()?;
        let mut tried = running.tried();
        Ok(links
            .iter()
            .filter_map(|l| {
                let m = self.session.members.iter().find(|m| m.id == l.member && m.scores)?;
                Some(DeviceLink {
                    member: l.member.clone(),
                    name: m.name.clone(),
                    url: running.url(l),
                    device: l.device.clone(),
                    tried: tried.remove(&l.member),
                })
            })
            .collect())
    }

    /// Releases a member's link from its device (the next device to open it takes it).
    pub fn revoke_device(&mut self, member: &str) -> Result<bool> {
        match &self.devices {
            Some(running) => running.revoke(member),
            None => Ok(false),
        }
    }

    /// Moves a member's link to the other device that tried it (the old one is refused from then).
    pub fn move_to_new_device(&mut self, member: &str, device: &str) -> Result<bool> {
        match &self.devices {
            Some(running) => running.move_to_new(member, device),
            None => Ok(false),
        }
    }

    /// Keeps a member's link on its device; the other device's try is forgotten.
    pub fn keep_old_device(&mut self, member: &str) -> Result<bool> {
        match &self.devices {
            Some(running) => running.keep_old(member),
            None => Ok(false),
        }
    }

    /// Gives a member a new link: the old one and its device stop working.
    pub fn reissue_link(&mut self, member: &str) -> Result<()> {
        match &self.devices {
            Some(running) => running.reissue(member),
            None => Ok(()),
        }
    }

    /// Re-reads the session when the devices' server wrote to the file since the last look, so
    /// the board shows the members' choices live. Returns whether anything changed.
    pub fn refresh_from_devices(&mut self) -> Result<bool> {
        let now = self.store.data_version()?;
        if self.seen_version == Some(now) {
            return Ok(false);
        }
        self.seen_version = Some(now);
        self.reload()?;
        Ok(true)
    }
}

impl Workspace {
    /// Writes the pairing slips (one per scoring member: name, QR code, link) as a PDF beside the
    /// session file, `NAME - phiếu kết nối.pdf`; returns its path. Needs the server running (the
    /// links name its address).
    pub fn write_device_slips(&self) -> std::result::Result<std::path::PathBuf, SlipsError> {
        let links = self.device_links().map_err(SlipsError::Store)?;
        if links.is_empty() {
            return Err(SlipsError::NotStarted);
        }
        let fonts =
            crate::report::Fonts::load().map_err(|e| SlipsError::Report(crate::report::ReportError::Font(e)))?;
        let slips: Vec<crate::report::slips::Slip> = links
            .into_iter()
            .map(|l| crate::report::slips::Slip { name: l.name, member: l.member, url: l.url })
            .collect();
        let pdf = crate::report::slips::slips(&fonts, &self.session.session.title, &slips);
        let stem = self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let out = self.path.with_file_name(format!("{stem} - phiếu kết nối.pdf"));
        std::fs::write(&out, pdf).map_err(|source| {
            SlipsError::Report(crate::report::ReportError::Io { path: out.display().to_string(), source })
        })?;
        Ok(out)
    }
}

/// The addresses the server may listen on: this machine's address on its network (found by
/// asking the system which one it would use, without sending anything) and loopback.
pub fn listen_choices(port: u16) -> Vec<SocketAddr> {
    let mut out = Vec::new();
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| s.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).map(|()| s))
        .and_then(|s| s.local_addr());
    if let Ok(addr) = probe
        && is_private(addr.ip())
    {
        out.push(SocketAddr::new(addr.ip(), port));
    }
    out.push(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    out
}

/// A private (RFC 1918) or link-local IPv4 address: a room's Wi-Fi or a phone's hotspot.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_private() || v4.is_link_local(),
        IpAddr::V6(_) => false,
    }
}
