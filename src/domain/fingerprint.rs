//! The session fingerprint: SHA-256 over a canonical serialisation of the session's content, so the
//! signed paper and the file can be matched years later. Recomputable by anyone:
//!
//! ```text
//! sha256( "ocop-council-fingerprint/1\n"
//!         + exchange JSON of the session, keys sorted, no whitespace, NFC + "\n"
//!         + "criteria " + sha256 of the criteria snapshot JSON + "\n"
//!         + "ruleset "  + sha256 of the ruleset snapshot JSON + "\n"
//!         + one line "attachment <dossier> <name> <sha256>\n" per attachment, sorted )
//! ```

use crate::domain::Session;
use sha2::{Digest, Sha256};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    ::hex::encode(digest)
}

/// The SHA-256 of everything `reader` yields, read in 1 MiB pieces (memory independent of the size);
/// `each` sees every piece as it passes (to copy it on, or to report progress) and may stop the read.
pub fn sha256_read(
    reader: &mut dyn std::io::Read,
    each: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            return Ok(hex(&hasher.finalize()));
        }
        hasher.update(&buf[..n]);
        each(&buf[..n])?;
    }
}

pub fn fingerprint(
    session: &Session,
    criteria_sha: &str,
    ruleset_sha: &str,
    attachments: &[(String, String, String)],
) -> String {
    // serde_json's Value keeps object keys in a BTreeMap: serialising through it sorts them.
    let canonical = serde_json::to_value(session).map(|v| v.to_string()).unwrap_or_default();
    let mut text = format!("ocop-council-fingerprint/1\n{canonical}\ncriteria {criteria_sha}\nruleset {ruleset_sha}\n");
    let mut sorted = attachments.to_vec();
    sorted.sort();
    for (dossier, name, sha) in sorted {
        text.push_str(&format!("attachment {dossier} {name} {sha}\n"));
    }
    sha256_hex(text.as_bytes())
}

/// The short form printed on screen and paper: the first 16 hex digits in four groups, `a1b2-c3d4-…`.
pub fn short(fingerprint: &str) -> String {
    let head: Vec<char> = fingerprint.chars().take(16).collect();
    head.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn short_form_is_four_groups_of_four() {
        assert_eq!(short("ba7816bf8f01cfea414140de5dae2223"), "ba78-16bf-8f01-cfea");
    }
}
