//! Time-based one-time codes (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, six digits,
//! 30-second steps — what every authenticator app reads from an `otpauth://` address.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

/// Seconds per step.
pub const STEP_SECS: i64 = 30;
/// Steps either side of now that are accepted: a phone's clock a little off, or a code
/// typed as it changed.
pub const DRIFT_STEPS: i64 = 1;

/// A shared secret: 160 random bits, as RFC 4226 recommends for HMAC-SHA1.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

/// The secret is a credential: it never goes into a log.
impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl Secret {
    pub fn generate() -> Secret {
        let mut bytes = vec![0u8; 20];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Secret(bytes)
    }

    /// Reads a secret as stored or as typed: base32, any case, spaces ignored.
    pub fn parse(text: &str) -> Option<Secret> {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '=')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        BASE32_NOPAD
            .decode(cleaned.as_bytes())
            .ok()
            .filter(|bytes| bytes.len() >= 10)
            .map(Secret)
    }

    /// Base32 without padding, as stored and as put in the `otpauth://` address.
    pub fn base32(&self) -> String {
        BASE32_NOPAD.encode(&self.0)
    }

    /// In groups of four, for a person to type into an app that cannot scan.
    pub fn grouped(&self) -> String {
        let text = self.base32();
        let chars: Vec<char> = text.chars().collect();
        chars
            .chunks(4)
            .map(|group| group.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The code for one step (RFC 4226 section 5.3: dynamic truncation, six digits).
    pub fn code_at(&self, step: i64) -> u32 {
        let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&self.0) else {
            unreachable!("HMAC takes a key of any length")
        };
        mac.update(&(step as u64).to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = (digest[19] & 0x0f) as usize;
        let binary = u32::from_be_bytes([
            digest[offset] & 0x7f,
            digest[offset + 1],
            digest[offset + 2],
            digest[offset + 3],
        ]);
        binary % 1_000_000
    }

    /// The step at which `code` is valid near `now`, if any — the latest one, so that a
    /// code is matched to one step only.
    pub fn matching_step(&self, code: u32, now: i64) -> Option<i64> {
        let current = now.div_euclid(STEP_SECS);
        (current - DRIFT_STEPS..=current + DRIFT_STEPS)
            .rev()
            .find(|step| self.code_at(*step) == code)
    }

    /// The address an authenticator app reads from the QR code (Google's Key Uri Format).
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let issuer_enc = percent(issuer);
        format!(
            "otpauth://totp/{issuer_enc}:{account}?secret={secret}&issuer={issuer_enc}&algorithm=SHA1&digits=6&period={STEP_SECS}",
            account = percent(account),
            secret = self.base32(),
        )
    }
}

/// Reads what a person typed as a six-digit code: spaces and dashes ignored.
pub fn parse_code(typed: &str) -> Option<u32> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The QR code of `text` as an SVG image (drawn here, on the server: no script, nothing
/// fetched).
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .build(),
    )
}

/// [`qr_svg`] as a `data:` address for an `<img>`, which can carry a text alternative.
pub fn qr_data_uri(text: &str) -> Option<String> {
    use base64::Engine;
    let svg = qr_svg(text)?;
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 column: the key is the ASCII "12345678901234567890" and
    /// the codes are the last six of the eight digits given there.
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = Secret(b"12345678901234567890".to_vec());
        for (time, code) in [
            (59_i64, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
            (20_000_000_000, 353_130),
        ] {
            assert_eq!(secret.code_at(time / STEP_SECS), code, "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let secret = Secret::generate();
        let now = 1_700_000_015;
        let step = now / STEP_SECS;
        assert_eq!(secret.matching_step(secret.code_at(step), now), Some(step));
        assert_eq!(
            secret.matching_step(secret.code_at(step - 1), now),
            Some(step - 1)
        );
        assert_eq!(
            secret.matching_step(secret.code_at(step + 1), now),
            Some(step + 1)
        );
        let far = secret.code_at(step - 3);
        if ![step - 1, step, step + 1]
            .iter()
            .any(|s| secret.code_at(*s) == far)
        {
            assert_eq!(secret.matching_step(far, now), None);
        }
    }

    #[test]
    fn secrets_round_trip_through_base32_as_typed() {
        let secret = Secret::generate();
        assert_eq!(secret.base32().len(), 32);
        assert_eq!(
            Secret::parse(&secret.grouped().to_lowercase()),
            Some(secret.clone())
        );
        assert_eq!(Secret::parse("not base32!"), None);
        assert!(!format!("{secret:?}").contains(&secret.base32()));
    }

    #[test]
    fn codes_are_read_with_spaces_and_refused_otherwise() {
        assert_eq!(parse_code(" 123 456 "), Some(123_456));
        assert_eq!(parse_code("012-345"), Some(12_345));
        assert_eq!(parse_code("12345"), None);
        assert_eq!(parse_code("12345a"), None);
        assert_eq!(parse_code("1234567"), None);
    }

    #[test]
    fn the_address_names_the_issuer_and_account() {
        let secret = Secret::parse("JBSWY3DPEHPK3PXP").unwrap();
        assert_eq!(
            secret.otpauth_uri("Scrutineer (West Mercia OPCC)", "nina@opcc.example"),
            "otpauth://totp/Scrutineer%20%28West%20Mercia%20OPCC%29:nina@opcc.example?secret=JBSWY3DPEHPK3PXP&issuer=Scrutineer%20%28West%20Mercia%20OPCC%29&algorithm=SHA1&digits=6&period=30"
        );
        let svg = qr_svg("otpauth://totp/x").unwrap();
        assert!(svg.contains("<svg") && svg.contains("<path"));
    }
}
