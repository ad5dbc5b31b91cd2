//! Key material: generation, the key file, and derivation of per-mode sub-keys.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use obezlik_detect::Label;

use crate::cmac::Cmac;
use crate::error::{Error, Warning};

/// The fewest key bytes accepted (256 bits).
pub const MIN_KEY_LEN: usize = 32;

/// Bytes of randomness in a generated key.
const GENERATED_LEN: usize = 32;

/// No key file is this big; a larger one is the wrong file, and reading it all
/// would only spread its contents around memory.
const MAX_KEY_FILE_LEN: usize = 4096;

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// A keyed HMAC-SHA-256.
pub(crate) fn hmac(key: &[u8]) -> HmacSha256 {
    <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length")
}

/// Secret key material, at least [`MIN_KEY_LEN`] bytes. Wiped from memory when
/// dropped; its `Debug` output never shows the bytes.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Key {
    bytes: Vec<u8>,
}

impl Key {
    /// A new random key of 32 bytes from the operating system's generator.
    pub fn generate() -> Result<Key, Error> {
        let mut bytes = vec![0u8; GENERATED_LEN];
        getrandom::getrandom(&mut bytes).map_err(Error::Random)?;
        Ok(Key { bytes })
    }

    /// Takes `bytes` as the key; refuses fewer than [`MIN_KEY_LEN`].
    pub fn from_bytes(mut bytes: Vec<u8>) -> Result<Key, Error> {
        if bytes.len() < MIN_KEY_LEN {
            let len = bytes.len();
            bytes.zeroize(); // wipe the rejected material too
            return Err(Error::KeyTooShort { path: None, len });
        }
        Ok(Key { bytes })
    }

    /// Reads a key file (format: see the crate documentation — 64+ hex digits
    /// as written by [`write_new_key_file`], or ≥ 32 raw bytes).
    ///
    /// Refuses a missing, empty, short or malformed file with an error that
    /// says how to make a proper one. Returns a [`Warning`] alongside the key
    /// when the file is readable by its group or by others.
    pub fn load(path: impl AsRef<Path>) -> Result<(Key, Option<Warning>), Error> {
        let path = path.as_ref();
        let io_err = |action, source| Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Error::KeyFileMissing {
                path: path.to_path_buf(),
            },
            _ => io_err("open key file", e),
        })?;
        // Metadata of the open handle, so the checks apply to the file read.
        let meta = file.metadata().map_err(|e| io_err("inspect key file", e))?;
        let malformed = |reason| Error::KeyFileMalformed {
            path: path.to_path_buf(),
            reason,
        };
        if !meta.is_file() {
            return Err(malformed("is not a regular file"));
        }
        // Capacity above the limit so reading never reallocates and leaves copies behind.
        let mut content = Zeroizing::new(Vec::with_capacity(MAX_KEY_FILE_LEN + 64));
        file.take(MAX_KEY_FILE_LEN as u64 + 1)
            .read_to_end(&mut content)
            .map_err(|e| io_err("read key file", e))?;
        if content.len() > MAX_KEY_FILE_LEN {
            return Err(malformed(
                "is larger than 4096 bytes, so it is not a key file",
            ));
        }
        let bytes = parse_key_file(&content).map_err(|p| match p {
            Problem::Empty => Error::KeyFileEmpty {
                path: path.to_path_buf(),
            },
            Problem::TooShort(len) => Error::KeyTooShort {
                path: Some(path.to_path_buf()),
                len,
            },
            Problem::Malformed(reason) => malformed(reason),
        })?;
        Ok((Key { bytes }, exposure_warning(path, &meta)))
    }

    /// The sub-key for one purpose: HMAC-SHA-256(key, `"obezlik/v1/" purpose`).
    pub(crate) fn subkey(&self, purpose: &str) -> [u8; 32] {
        let mut mac = hmac(&self.bytes);
        mac.update(b"obezlik/v1/");
        mac.update(purpose.as_bytes());
        let mut out = [0u8; 32];
        out.copy_from_slice(&mac.finalize().into_bytes());
        out
    }

    /// The key as the text a key file holds: lower-case hex and a newline.
    fn to_file_text(&self) -> Zeroizing<Vec<u8>> {
        let mut text = Zeroizing::new(Vec::with_capacity(self.bytes.len() * 2 + 1));
        crate::push_hex(&mut text, &self.bytes);
        text.push(b'\n');
        text
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

/// Why a key file's content was refused.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    Empty,
    TooShort(usize),
    Malformed(&'static str),
}

/// The key bytes of a key file's content (format in the crate documentation).
fn parse_key_file(content: &[u8]) -> Result<Vec<u8>, Problem> {
    let text = content.trim_ascii();
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    if text.iter().all(u8::is_ascii_hexdigit) {
        if !text.len().is_multiple_of(2) {
            return Err(Problem::Malformed("holds an odd number of hex digits"));
        }
        if text.len() < MIN_KEY_LEN * 2 {
            return Err(Problem::TooShort(text.len() / 2));
        }
        let bytes = text
            .chunks_exact(2)
            .map(|pair| (hex_value(pair[0]) << 4) | hex_value(pair[1]))
            .collect();
        return Ok(bytes);
    }
    // Random bytes are almost never all printable, typed text almost always is.
    if content
        .iter()
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
    {
        return Err(Problem::Malformed(
            "holds text that is not a hex key (a passphrase is not a key)",
        ));
    }
    if content.len() < MIN_KEY_LEN {
        return Err(Problem::TooShort(content.len()));
    }
    Ok(content.to_vec())
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0, // callers check is_ascii_hexdigit first
    }
}

#[cfg(unix)]
fn exposure_warning(path: &Path, meta: &fs::Metadata) -> Option<Warning> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| Warning::KeyFileExposed {
        path: path.to_path_buf(),
        mode,
    })
}

#[cfg(not(unix))]
fn exposure_warning(_path: &Path, _meta: &fs::Metadata) -> Option<Warning> {
    None
}

/// Creates a key file at `path` holding a new random key (64 hex digits and a
/// newline), readable and writable by its owner only (mode `0600` on Unix),
/// flushed to disk. Refuses to overwrite an existing file. Returns the key.
pub fn write_new_key_file(path: impl AsRef<Path>) -> Result<Key, Error> {
    let path = path.as_ref();
    let key = Key::generate()?;
    let text = key.to_file_text();

    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => Error::KeyFileExists {
            path: path.to_path_buf(),
        },
        _ => Error::Io {
            action: "create key file",
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    if let Err(e) = file.write_all(&text).and_then(|()| file.sync_all()) {
        drop(file);
        // A half-written key must not be mistaken for a good one later.
        let _ = fs::remove_file(path);
        return Err(Error::Io {
            action: "write key file",
            path: path.to_path_buf(),
            source: e,
        });
    }
    sync_parent_dir(path);
    Ok(key)
}

/// Best effort: makes the new directory entry itself survive a crash.
fn sync_parent_dir(path: &Path) {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The independent keys each mode uses, derived once per pseudonymizer.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct SubKeys {
    /// Keys `fake` surrogates.
    pub fake: [u8; 32],
    /// AES-256-SIV key: MAC half first, then CTR half (the `aes-siv` layout).
    pub siv: [u8; 64],
    /// Keys the format-preserving `encrypt` of digit identifiers.
    pub fpe: [u8; 32],
    /// `tag` ids: one AES-256-CMAC per label, keyed `tag/<LABEL>` (the
    /// label separates the domains, so the message is the value alone and
    /// most values fit one AES block). Each wipes its keys on drop.
    #[zeroize(skip)]
    pub tag: Vec<Cmac>,
}

impl SubKeys {
    pub fn derive(key: &Key) -> SubKeys {
        let mut siv = [0u8; 64];
        siv[..32].copy_from_slice(&key.subkey("encrypt/mac"));
        siv[32..].copy_from_slice(&key.subkey("encrypt/ctr"));
        let tag = Label::ALL
            .iter()
            .map(|l| {
                let mut k = key.subkey(&format!("tag/{}", l.as_str()));
                let mac = Cmac::new(&k);
                k.zeroize();
                mac
            })
            .collect();
        SubKeys {
            tag,
            fake: key.subkey("fake"),
            siv,
            fpe: key.subkey("encrypt/fpe"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_hex_and_raw_forms() {
        let hex = b"00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF\n";
        let k = parse_key_file(hex).unwrap();
        assert_eq!(k.len(), 32);
        assert_eq!(&k[..3], &[0x00, 0x11, 0x22]);
        assert_eq!(k[31], 0xff);

        let raw: Vec<u8> = (0u8..40).map(|i| i.wrapping_mul(97) ^ 0x80).collect();
        assert_eq!(parse_key_file(&raw).unwrap(), raw);
        // A trailing newline in a raw key is key material, not stripped.
        let mut raw_nl = raw.clone();
        raw_nl.push(b'\n');
        assert_eq!(parse_key_file(&raw_nl).unwrap(), raw_nl);
    }

    #[test]
    fn parse_refusals() {
        assert_eq!(parse_key_file(b""), Err(Problem::Empty));
        assert_eq!(parse_key_file(b" \n\t"), Err(Problem::Empty));
        assert_eq!(parse_key_file(b"abcd\n"), Err(Problem::TooShort(2)));
        assert!(matches!(
            parse_key_file(&[b'a'; 65]),
            Err(Problem::Malformed(_))
        ));
        assert!(matches!(
            parse_key_file(b"correct horse battery staple and more words here\n"),
            Err(Problem::Malformed(_))
        ));
        assert_eq!(parse_key_file(&[0x80; 31]), Err(Problem::TooShort(31)));
    }

    #[test]
    fn file_text_round_trips() {
        let key = Key::generate().unwrap();
        let text = key.to_file_text();
        assert_eq!(text.len(), 65);
        assert_eq!(parse_key_file(&text).unwrap(), key.bytes);
    }

    #[test]
    fn subkeys_are_independent() {
        let key = Key::from_bytes(vec![1; 32]).unwrap();
        let s = SubKeys::derive(&key);
        assert_ne!(s.fake, s.fpe);
        assert_ne!(s.siv[..32], s.siv[32..]);
        assert_ne!(s.fake[..], s.siv[..32]);
        // Each label's tag key is its own: one value, two labels, two ids.
        assert_eq!(s.tag.len(), Label::ALL.len());
        assert_ne!(s.tag[0].mac(b"79123456789"), s.tag[1].mac(b"79123456789"));
    }
}
