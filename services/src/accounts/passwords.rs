//! Password hashing: argon2id with the crate's defaults (m=19 MiB, t=2, p=1, the OWASP
//! minimum). Hashing is slow on purpose, so it runs on the blocking pool, never on the
//! async workers, and at most one per core at a time: each run takes 19 MiB and a core,
//! and a burst of sign-in attempts must queue rather than take the machine.

use std::sync::OnceLock;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use domain::NewPassword;

use crate::common::cpu::PerCore;
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
    #[cfg(feature = "test-support")]
    hashed::note(password.expose());
    let password = password.expose().to_owned();
    let hashed = bounded(move || hash_blocking(&password)).await??;
    Ok(hashed)
}

/// For tests: which passwords were hashed (by their SHA-256), so that a test can tell that
/// some work was not done before a cheaper refusal — never by timing it.
#[cfg(feature = "test-support")]
pub mod hashed {
    use sha2::{Digest, Sha256};
    use std::sync::Mutex;

    static SEEN: Mutex<Vec<[u8; 32]>> = Mutex::new(Vec::new());

    pub(super) fn note(password: &str) {
        let digest: [u8; 32] = Sha256::digest(password.as_bytes()).into();
        SEEN.lock().unwrap_or_else(|p| p.into_inner()).push(digest);
    }

    /// How many times `password` was hashed in this process.
    pub fn times(password: &str) -> usize {
        let digest: [u8; 32] = Sha256::digest(password.as_bytes()).into();
        SEEN.lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|d| **d == digest)
            .count()
    }
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

/// The pattern of the passwords breached most often, which zxcvbn rates too kindly: one
/// known word (or two run together) then only digits and symbols — "Summer2026!!",
/// "alexadmin2026", "Scrutineer1!".
fn is_word_then_numbers(password: &str, words: &[&str]) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = password.to_lowercase();
    let letters: String = lower.chars().take_while(|c| c.is_alphabetic()).collect();
    let tail = &lower[letters.len()..];
    if letters.is_empty() || tail.is_empty() || tail.chars().any(char::is_alphabetic) {
        return false;
    }
    let known =
        |word: &str| words.iter().any(|w| w.eq_ignore_ascii_case(word)) || MONTHS.contains(&word);
    known(&letters)
        || (1..letters.len()).any(|cut| {
            letters.is_char_boundary(cut) && known(&letters[..cut]) && known(&letters[cut..])
        })
}

/// Words a guesser tries first against an OPCC's accounts.
const SERVICE_WORDS: &[&str] = &[
    "scrutineer",
    "opcc",
    "pcc",
    "police",
    "policing",
    "crime",
    "commissioner",
    "constable",
    "board",
    "equality",
    "admin",
    "administrator",
    "secretariat",
    "summer",
    "winter",
    "spring",
    "autumn",
    "welcome",
];

/// The lowest zxcvbn score accepted (0–4): 3 is "safely unguessable" (about 10^8 guesses
/// or more); lower is a common password, a keyboard walk, a name or a date.
const MIN_SCORE: u8 = 3;

/// Why `password` is too easy to guess, if it is: zxcvbn's estimate, with its own
/// dictionaries of common passwords, names and words, and with `about` (the person's email
/// and name) counted as known to a guesser.
pub(crate) fn too_guessable(password: &NewPassword, about: &[&str]) -> Option<String> {
    // The person's words one by one and run together ("alexadmin" from "Alex Admin"),
    // and the words a guesser tries first against this service's accounts: its name, the
    // office's, the seasons and the years around now ("Summer2026!!" once passed).
    let joined: Vec<String> = about
        .iter()
        .map(|text| {
            let text = text.split('@').next().unwrap_or(text);
            text.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    let years: Vec<String> = (this_year - 2..=this_year + 1)
        .map(|y| y.to_string())
        .collect();
    let words: Vec<&str> = about
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.len() >= 3)
        .chain(about.iter().copied())
        .chain(joined.iter().map(String::as_str))
        .chain(SERVICE_WORDS.iter().copied())
        .chain(years.iter().map(String::as_str))
        .collect();
    if is_word_then_numbers(password.expose(), &words) {
        return Some(
            "Choose a password that is harder to guess. A season, a month, your name or a word about this service followed by numbers or symbols is among the first things guessed. A few unrelated words make a good one."
                .to_owned(),
        );
    }
    let estimate = zxcvbn::zxcvbn(password.expose(), &words);
    if u8::from(estimate.score()) >= MIN_SCORE {
        return None;
    }
    let mut message = "Choose a password that is harder to guess.".to_owned();
    let feedback = estimate.feedback();
    let warning = feedback.and_then(|f| f.warning());
    let suggestions = feedback.map(|f| f.suggestions()).unwrap_or_default();
    if let Some(warning) = warning {
        message.push_str(&format!(" {warning}"));
    }
    for suggestion in suggestions {
        message.push_str(&format!(" {suggestion}"));
    }
    if warning.is_none() && suggestions.is_empty() {
        message.push_str(" A few unrelated words make a good one.");
    }
    Some(message)
}

/// [`too_guessable`] as a field error on `password`.
pub(crate) fn check_guessable(password: &NewPassword, about: &[&str]) -> crate::Result<()> {
    match too_guessable(password, about) {
        Some(message) => Err(crate::Error::invalid("password", message)),
        None => Ok(()),
    }
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

#[cfg(test)]
mod guessing {
    use super::*;

    fn rated(text: &str, about: &[&str]) -> Option<String> {
        too_guessable(&NewPassword::parse(text).unwrap(), about)
    }

    #[test]
    fn common_and_personal_passwords_are_refused_with_a_reason() {
        let common = rated("Password12345", &[]).expect("a common password");
        assert!(
            common.starts_with("Choose a password that is harder to guess."),
            "{common}"
        );
        assert!(common.contains("commonly used password"), "{common}");
        assert!(rated("qwertyuiop123", &[]).is_some(), "a keyboard walk");
        assert!(
            rated("aaaaaaaaaaaaaaaa", &[]).is_some(),
            "one letter repeated"
        );
        // Her own name and email are known to a guesser.
        assert!(rated("dana.fairweather", &[]).is_none());
        let personal = rated(
            "dana.fairweather",
            &["dana.fairweather@opcc.example", "Dana Fairweather"],
        )
        .expect("her own name");
        assert!(personal.contains("Add another word"), "{personal}");
        assert_eq!(rated("correct horse battery staple", &[]), None);
        // A season and the year; her name run together with the year; the service's name.
        let year = chrono::Datelike::year(&chrono::Utc::now());
        assert!(
            rated(&format!("Summer{year}!!"), &[]).is_some(),
            "season and year"
        );
        assert!(
            rated(
                &format!("alexadmin{year}"),
                &["alex.admin@opcc.example", "Alex Admin"]
            )
            .is_some(),
            "her name run together"
        );
        assert!(
            rated(&format!("Scrutineer{year}!"), &[]).is_some(),
            "the service"
        );
        assert_eq!(
            rated("ivy chooses her own words", &["ivy@opcc.example"]),
            None
        );
    }
}
