//! Second-factor secrets sealed at rest. An authenticator app's key must be readable to
//! check codes, so it cannot be hashed; stored in the clear, a stolen backup would yield
//! working codes. So it is encrypted (XChaCha20-Poly1305, RustCrypto's `chacha20poly1305`)
//! under a key from the configuration (`SCRUTINEER_SECRETS_KEY`, or a key file beside a
//! SQLite database), never in the database or its backups, with the account it belongs to
//! as associated data: a sealed value copied onto another account does not open.
//!
//! Stored as `v1.` and the URL-safe base64 of a random 24-byte nonce and the ciphertext.
//! `scrutineer secrets keygen` prints a new key; `scrutineer secrets rotate` seals every
//! stored value again under a new one.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

const PREFIX: &str = "v1.";

/// The key secrets are sealed under. Its bytes are never printed.
#[derive(Clone)]
pub struct SealingKey {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(<redacted>)")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    #[error("the secrets key must be 32 bytes in URL-safe base64 (make one with `scrutineer secrets keygen`)")]
    BadKey,
    #[error("a sealed secret could not be opened: it was sealed under another key, or altered")]
    WontOpen,
}

impl SealingKey {
    pub fn parse(text: &str) -> Result<SealingKey, SealError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim().trim_end_matches('='))
            .map_err(|_| SealError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| SealError::BadKey)?;
        Ok(SealingKey {
            cipher: XChaCha20Poly1305::new(&bytes.into()),
        })
    }

    /// A new random key, as the setting takes it.
    pub fn generate() -> String {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// `plain` sealed for `context` (the account it belongs to).
    pub fn seal(&self, plain: &str, context: &str) -> String {
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any length a secret has");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(out))
    }

    /// The value `stored` holds for `context`.
    pub fn open(&self, stored: &str, context: &str) -> Result<String, SealError> {
        let bytes = stored
            .strip_prefix(PREFIX)
            .and_then(|b64| URL_SAFE_NO_PAD.decode(b64).ok())
            .filter(|b| b.len() > 24)
            .ok_or(SealError::WontOpen)?;
        let (nonce, sealed) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| SealError::WontOpen)?;
        let plain = self
            .cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| SealError::WontOpen)?;
        String::from_utf8(plain).map_err(|_| SealError::WontOpen)
    }
}

/// Whether a stored value is sealed (written before sealing, it is not).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_for_its_account() {
        let key = SealingKey::parse(&SealingKey::generate()).unwrap();
        let sealed = key.seal("JBSWY3DPEHPK3PXP", "totp:7");
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            key.seal("JBSWY3DPEHPK3PXP", "totp:7"),
            "a new nonce each time"
        );
        assert_eq!(key.open(&sealed, "totp:7").unwrap(), "JBSWY3DPEHPK3PXP");
        assert_eq!(key.open(&sealed, "totp:8"), Err(SealError::WontOpen));
        let other = SealingKey::parse(&SealingKey::generate()).unwrap();
        assert_eq!(other.open(&sealed, "totp:7"), Err(SealError::WontOpen));
        let mut altered = sealed.clone();
        altered.pop();
        altered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(key.open(&altered, "totp:7"), Err(SealError::WontOpen));
        assert_eq!(SealingKey::parse("short").unwrap_err(), SealError::BadKey);
        assert!(format!("{key:?}").contains("redacted"));
    }
}
