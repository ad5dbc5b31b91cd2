//! Keyed pseudonyms for personal data: this crate replaces the findings of
//! `obezlik-detect` with pseudonyms under a secret key, and turns `encrypt`
//! output back into the original. It knows nothing about detection, files or
//! command lines.
//!
//! # Use
//!
//! ```
//! use obezlik_detect::{Finding, Label};
//! use obezlik_pseudo::{Key, Mode, Pseudonymizer};
//!
//! let key = Key::from_bytes(vec![7; 32])?; // in real use: Key::load(path)
//! let p = Pseudonymizer::builder().key(key).mode(Mode::Tag).build()?;
//! let text = "звоните +7 (912) 345-67-89";
//! let found = [Finding { label: Label::Phone, start: 15, end: text.len(), score: 1.0 }];
//! let out = p.anonymize(text.as_bytes(), &found);
//! assert!(out.starts_with("звоните [PHONE:".as_bytes()));
//! # Ok::<(), obezlik_pseudo::Error>(())
//! ```
//!
//! # Keys
//!
//! A [`Key`] is at least [`MIN_KEY_LEN`] (32) secret bytes. Independent sub-keys
//! are derived from it with HMAC-SHA-256 over `"obezlik/v1/<purpose>"`
//! (`tag/<LABEL>` for each label, `fake`, `encrypt/mac`, `encrypt/ctr`,
//! `encrypt/fpe`), so learning one mode's output
//! says nothing about another's key.
//!
//! **Key file format.** [`write_new_key_file`] (what `obezlik keygen` runs)
//! writes 32 random bytes as 64 lower-case hex digits and a newline, with mode
//! `0600`. [`Key::load`] accepts either that form (any even number ≥ 64 of hex
//! digits, upper or lower case, surrounding ASCII whitespace ignored) or a raw
//! binary file of at least 32 bytes taken exactly as it is (e.g.
//! `head -c 32 /dev/urandom > K`). A file of other printable text is refused: a
//! passphrase is not a key.
//!
//! # Modes and formats
//!
//! Every value is [`normalize`]d before keying, so one person's phone written
//! two ways gets one pseudonym. See [`Mode`] for what each mode writes; in short:
//!
//! | mode | `+7 (912) 345-67-89` becomes |
//! |---|---|
//! | `tag` | `[PHONE:1f0c9a2b]` — first 8 hex digits of AES-256-CMAC(the `PHONE` tag key, normalised value) |
//! | `fake` | `+7 (9xx) xxx-xx-xx` — keyed surrogate in the same layout, valid check digits; names: `Иванову Ивану` → e.g. `Маркову Федору` (same gender, case and shape) |
//! | `mask` | `+7 (***) ***-**-89` |
//! | `redact` | `[PHONE]` |
//! | `encrypt` | `[[PHONE=+7 (9xx) xxx-xx-xx]]` — format-preserving for digit identifiers (same layout, valid check digits); `[[EMAIL~<base64url>]]` (AES-SIV) for everything else; both reversible with [`Pseudonymizer::reidentify_into`] |
//!
//! **Format-preserving digits.** For a digit identifier (PHONE, INN, OGRN,
//! OGRNIP, SNILS, PASSPORT, CARD, ACCOUNT, KZ_IIN) written only in digits
//! and layout characters, with at least six digits to permute (the minimum
//! domain of NIST SP 800-38G), `encrypt` writes `[[` LABEL `=` V `]]`, V the
//! number in its own layout with the free digits permuted by a keyed
//! FF1-shaped Feistel network (10 rounds, HMAC-SHA-256 round function, the
//! kept prefix — a phone's country code, a card's issuer prefix, a passport's series — in the
//! tweak) and the check digits recomputed, cycle-walking until they are
//! valid: an encrypted ИНН is still a valid ИНН. Reidentify inverts it. These
//! values are deterministic but **not authenticated**: under another key, or
//! with a digit changed, one decrypts to another valid-looking number rather
//! than failing; the SIV tokens do fail.
//!
//! **Encrypt token format.** `[[` LABEL `~` B `]]`, where LABEL is the label's
//! SPEC name and B is the unpadded base64url (`A–Z a–z 0–9 - _`) encoding of
//! the 16-byte SIV tag followed by the ciphertext of the original bytes, under
//! AES-256-SIV (RFC 5297) with the associated data `obezlik/v1/encrypt` and
//! the label name. Encryption is deterministic: equal values under one key give
//! equal tokens. A token never contains whitespace or `]`. Any `[[LABEL~` in
//! text given to reidentify is treated as a token: one that is not closed,
//! does not decode or does not authenticate is an error naming its byte
//! offset, never silently passed through.
//!
//! **Line breaks.** SPEC §3 forbids merging lines, so a replacement that does
//! not keep the original layout (`tag`, `redact`, `encrypt`, `fake` e-mail/IP
//! and fallbacks) is followed by the line breaks (`\n` or `\r\n`) the original
//! value contained. Reidentify drops those again after a token when they are
//! still there.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod cmac;
mod digits;
mod error;
mod fake;
mod fake_name;
mod fpe;
mod key;
mod mask;
mod mode;
mod normalize;
mod pseudonymizer;
mod token;

pub use error::{Error, Warning};
pub use key::{write_new_key_file, Key, MIN_KEY_LEN};
pub use mode::Mode;
pub use normalize::normalize;
pub use pseudonymizer::{Pseudonymizer, PseudonymizerBuilder, ReidentifyStats};

/// Appends the lower-case hex digits of `bytes` to `out`.
fn push_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 0x0f)]);
    }
}
