//! People who sign in, and the values that describe them.

use serde::{Deserialize, Serialize};

use crate::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UserId(pub i64);

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// An email address, trimmed and lower-cased so that one person has one account.
///
/// Deliberately not RFC 5322 in full: it accepts what people type into a form and refuses
/// what cannot be an address (no `@`, spaces, no dot in the domain, over 254 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(text: &str) -> Result<Email, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter an email address".into());
        }
        if text.chars().count() > Self::MAX_LEN {
            return Err(format!(
                "Email address must be {} characters or fewer",
                Self::MAX_LEN
            ));
        }
        let shape = "Enter an email address in the correct format, like name@example.org";
        let Some((local, domain)) = text.rsplit_once('@') else {
            return Err(shape.into());
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty()
            || !domain_ok
            || text.chars().any(|c| c.is_whitespace() || c.is_control())
            || local.contains('@')
        {
            return Err(shape.into());
        }
        Ok(Email(text.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name shown to other users and in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_LEN: usize = 100;

    pub fn parse(text: &str) -> Result<DisplayName, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter a name".into());
        }
        if text.chars().count() > Self::MAX_LEN {
            return Err(format!(
                "Name must be {} characters or fewer",
                Self::MAX_LEN
            ));
        }
        if text.chars().any(char::is_control) {
            return Err("Name must not contain control characters".into());
        }
        Ok(DisplayName(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DisplayName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password someone has chosen, checked against the length rules of OWASP ASVS 5.0
/// (long passphrases allowed, no composition rules). Not `Serialize`, not `Display`, and its
/// `Debug` is redacted, so it cannot leak into a response or a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_LEN: usize = 12;
    pub const MAX_LEN: usize = 128;

    pub fn parse(text: &str) -> Result<NewPassword, String> {
        let length = text.chars().count();
        if length == 0 {
            return Err("Enter a password".into());
        }
        if length < Self::MIN_LEN {
            return Err(format!(
                "Password must be {} characters or more",
                Self::MIN_LEN
            ));
        }
        if length > Self::MAX_LEN {
            return Err(format!(
                "Password must be {} characters or fewer",
                Self::MAX_LEN
            ));
        }
        if text.trim().is_empty() {
            return Err("Password must not be only spaces".into());
        }
        Ok(NewPassword(text.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

/// What a page may know about a user: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub last_sign_in_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_is_trimmed_and_lowercased() {
        let email = Email::parse("  Jo.Bloggs@WestMidlands-PCC.gov.uk ").unwrap();
        assert_eq!(email.as_str(), "jo.bloggs@westmidlands-pcc.gov.uk");
    }

    #[test]
    fn email_refuses_what_cannot_be_an_address() {
        for bad in [
            "",
            "   ",
            "nobody",
            "@example.org",
            "a@b",
            "a@.org",
            "a@example.",
            "a b@example.org",
            "a@@example.org",
            "a@exa..mple.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(Email::parse(&long).unwrap_err().contains("254"));
    }

    #[test]
    fn display_name_limits() {
        assert_eq!(DisplayName::parse(" Ada ").unwrap().as_str(), "Ada");
        assert_eq!(DisplayName::parse("").unwrap_err(), "Enter a name");
        assert!(DisplayName::parse(&"x".repeat(101)).is_err());
        assert!(DisplayName::parse("a\u{7}b").is_err());
    }

    #[test]
    fn password_lengths() {
        assert!(NewPassword::parse("short").unwrap_err().contains("12"));
        assert!(NewPassword::parse(&"x".repeat(129))
            .unwrap_err()
            .contains("128"));
        assert!(NewPassword::parse(&" ".repeat(20)).is_err());
        assert!(NewPassword::parse("correct horse battery").is_ok());
        assert_eq!(
            format!("{:?}", NewPassword::parse("correct horse battery").unwrap()),
            "NewPassword(<redacted>)"
        );
    }

    proptest! {
        #[test]
        fn parsed_email_is_stable(local in "[a-zA-Z0-9._%+-]{1,40}", host in "[a-z0-9-]{1,30}", tld in "[a-z]{2,6}") {
            let text = format!("{local}@{host}.{tld}");
            let once = Email::parse(&text).unwrap();
            let twice = Email::parse(once.as_str()).unwrap();
            prop_assert_eq!(once, twice);
        }

        #[test]
        fn display_name_never_panics_and_never_exceeds_limit(text in "\\PC{0,200}") {
            if let Ok(name) = DisplayName::parse(&text) {
                prop_assert!(name.as_str().chars().count() <= DisplayName::MAX_LEN);
                prop_assert!(!name.as_str().is_empty());
            }
        }
    }
}
