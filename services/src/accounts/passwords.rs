//! Password hashing: argon2id with the crate's defaults (m=19 MiB, t=2, p=1, the OWASP
//! minimum). Hashing is slow on purpose, so it runs on the blocking pool, never on the
//! async workers, and at most one per core at a time: each run takes 19 MiB and a core,
//! and a burst of sign-in attempts must queue rather than take the machine.

use std::sync::OnceLock;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use domain::NewPassword;

use crate::cpu::PerCore;
use crate::Result;

/// Password hashes computed at once, across the whole server: one per core.
static HASHERS: PerCore = PerCore::new();

/// Runs `work` on the blocking pool once a hashing slot is free.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    HASHERS
        .run(None, work)
        .await
        .map_err(|refused| anyhow::anyhow!("password hashing: {refused:?}"))
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?
        .to_string())
}

pub(crate) async fn hash(password: &NewPassword) -> Result<String> {
    let password = password.expose().to_owned();
    let hashed = bounded(move || hash_blocking(&password)).await??;
    Ok(hashed)
}

/// A hash of nothing anyone knows, verified against when the email is unknown so that an
/// unknown email takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY
        .get_or_init(|| hash_blocking("decoy password that matches no account").unwrap_or_default())
}

/// True only when `stored` is a valid hash of `candidate`. With no stored hash it still
/// does the work of one verification, and returns false.
pub(crate) async fn verify(candidate: String, stored: Option<String>) -> Result<bool> {
    let matched = bounded(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| decoy_hash().to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok();
        known && ok
    })
    .await?;
    Ok(matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let password = NewPassword::parse("a long enough passphrase").unwrap();
        let hashed = hash(&password).await.unwrap();
        assert!(
            hashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hashed}"
        );
        assert!(
            verify("a long enough passphrase".into(), Some(hashed.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("a long enough passphrasE".into(), Some(hashed))
            .await
            .unwrap());
        assert!(
            !verify("decoy password that matches no account".into(), None)
                .await
                .unwrap()
        );
    }
}
