//! How a member's request proves itself (docs/lan.md, "Protocol"): the link's key never travels
//! (it is in the URL fragment); each request carries HMAC-SHA256(key, canonical request) over the
//! method, path, the server's epoch, the device id, a counter and the body. The page computes the
//! same with `assets/hmac.js`.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of randomness in a link key: 144 bits (≥ 128 asked), 24 base64url characters.
const SECRET_BYTES: usize = 18;

/// A new link key: random, as base64url text without padding. Its UTF-8 bytes are the HMAC key,
/// so the page needs no decoding.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes)?;
    Ok(base64url(&bytes))
}

/// A random token for the server's epoch (changes at every start, so a request captured before a
/// restart cannot be replayed after it, when the counters start again).
pub fn new_epoch() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes)?;
    Ok(base64url(&bytes))
}

pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// What a request's MAC covers, one field a line.
pub fn canonical(method: &str, path: &str, epoch: &str, device: &str, counter: u64, body: &[u8]) -> Vec<u8> {
    let mut text = format!("{method}\n{path}\n{epoch}\n{device}\n{counter}\n").into_bytes();
    text.extend_from_slice(body);
    text
}

/// HMAC-SHA256 of `message` under `key`, as lowercase hex.
pub fn mac_hex(key: &[u8], message: &[u8]) -> String {
    hex::encode(mac(key, message).finalize().into_bytes())
}

fn mac(key: &[u8], message: &[u8]) -> HmacSha256 {
    // HMAC takes a key of any length: new_from_slice cannot fail for it.
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!("any key length"));
    mac.update(message);
    mac
}

/// Whether `given_hex` is the MAC of `message` under `key`, compared in constant time.
pub fn verify(key: &[u8], message: &[u8], given_hex: &str) -> bool {
    match hex::decode(given_hex) {
        Ok(given) => mac(key, message).verify_slice(&given).is_ok(),
        Err(_) => false,
    }
}

/// A device id as the page makes it: 16 to 64 characters of [A-Za-z0-9_-].
pub fn valid_device(device: &str) -> bool {
    (16..=64).contains(&device.len()) && device.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// RFC 4231 test cases 1, 2 and 6 (key, data, HMAC-SHA256); the page's hmac.js is checked
    /// against the same (tests/lan.rs).
    pub(crate) const RFC4231: [(&str, &str, &str); 3] = [
        (
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            "4869205468657265",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            "4a656665",
            "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
    ];

    #[test]
    fn the_mac_is_rfc_4231s_hmac_sha256() {
        for (key, data, want) in RFC4231 {
            let (key, data) = (hex::decode(key).unwrap(), hex::decode(data).unwrap());
            assert_eq!(mac_hex(&key, &data), want);
            assert!(verify(&key, &data, want));
            assert!(!verify(&key, b"other", want));
        }
        assert!(!verify(b"k", b"m", "not hex"));
    }

    #[test]
    fn a_link_key_has_144_random_bits_in_url_safe_text() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert_eq!(a.len(), 24);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(base64url(b"\xfb\xff\xbf"), "-_-_");
        assert_eq!(base64url(b"ab"), "YWI");
    }

    #[test]
    fn a_device_id_is_plain_and_of_sane_length() {
        assert!(valid_device("0123456789abcdef"));
        assert!(!valid_device("short"));
        assert!(!valid_device("0123456789abcdef/../x"));
    }
}
