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
        if let Some(problem) = look_alike(text) {
            return Err(format!("Email address {problem}"));
        }
        // Internationalised addresses could pass for another person's (Cyrillic "а" for
        // Latin "a"): staff and force addresses are plain ASCII.
        if !text.is_ascii() {
            return Err(
                "Email address must use only plain letters, digits and . _ % + - (no accents or other alphabets)"
                    .into(),
            );
        }
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

/// Why `text` could pass for something it is not, if it could: an invisible character
/// (zero-width space, joiner, soft hyphen, byte-order mark), a character that reorders text
/// (bidi controls), or a word mixing alphabets that share look-alike letters (Latin,
/// Greek, Cyrillic). The answer completes "Name …" or "Email address …".
pub fn look_alike(text: &str) -> Option<&'static str> {
    let hidden = |c: char| {
        matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
            | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}')
    };
    let reorders = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if text.chars().any(reorders) {
        return Some("must not contain characters that change the direction of text");
    }
    if text.chars().any(hidden) {
        return Some("must not contain invisible characters (such as a zero-width space)");
    }
    #[derive(PartialEq, Clone, Copy)]
    enum Script {
        Latin,
        Greek,
        Cyrillic,
    }
    let script = |c: char| match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            Some(Script::Latin)
        }
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        '\u{0400}'..='\u{052F}' => Some(Script::Cyrillic),
        _ => None,
    };
    let mixed = text
        .split(|c: char| c.is_whitespace() || matches!(c, '@' | '.' | '-' | '\''))
        .any(|word| {
            let mut scripts = word.chars().filter_map(script);
            scripts
                .next()
                .is_some_and(|first| scripts.any(|other| other != first))
        });
    mixed.then_some("mixes letters from different alphabets in one word (for example Latin and Cyrillic), so it could pass for another")
}

/// `jo.bloggs@opcc.example` as `j…@opcc.example`: enough for an administrator to
/// recognise a mistyped address in a log, not enough to harvest one. Every word of `text`
/// with an `@` in it is masked, so error messages that quote an address can be logged.
pub fn mask_emails(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.split_once('@') {
            Some((local, domain)) => {
                let first: String = local
                    .trim_start_matches(['<', '"', '\''])
                    .chars()
                    .take(1)
                    .collect();
                format!("{first}…@{domain}")
            }
            None => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
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
        if let Some(problem) = look_alike(text) {
            return Err(format!("Name {problem}"));
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
    /// They sign in with a second factor (an authenticator app).
    pub two_factor_on: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accounts_that_could_pass_for_another_are_refused() {
        for (email, why) in [
            ("admin\u{200b}@opcc.example", "invisible"),
            ("\u{0430}dmin@opcc.example", "alphabets"),
            ("admin@opcc.example\u{202e}", "direction"),
            ("zoë@opcc.example", "plain letters"),
        ] {
            let refused = Email::parse(email).unwrap_err();
            assert!(refused.contains(why), "{email:?}: {refused}");
        }
        for (name, why) in [
            ("Jo\u{202e}nimda", "direction"),
            ("Chief \u{0421}onstable", "alphabets"),
            ("Jo\u{200d}Bloggs", "invisible"),
        ] {
            let refused = DisplayName::parse(name).unwrap_err();
            assert!(refused.contains(why), "{name:?}: {refused}");
        }
        for fine in [
            "Zoë Ó Briain",
            "Jo Bloggs-Smith",
            "Αθηνά Παππά",
            "Ольга Иванова",
            "O'Neil",
        ] {
            assert!(DisplayName::parse(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn emails_in_log_text_are_masked() {
        assert_eq!(mask_emails("jo.bloggs@opcc.example"), "j…@opcc.example");
        assert_eq!(
            mask_emails("550 <jo@opcc.example> unknown"),
            "550 j…@opcc.example> unknown"
        );
        assert_eq!(mask_emails("no address here"), "no address here");
    }

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
        fn look_alikes_are_refused_and_plain_names_kept(name in "[A-Za-zÀ-ÿ' -]{1,40}") {
            let name = name.trim();
            prop_assume!(!name.is_empty());
            prop_assert!(DisplayName::parse(name).is_ok());
            let spoofed = format!("{name}\u{200b}x");
            prop_assert!(DisplayName::parse(&spoofed).is_err());
        }

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

/// One of a person's live sessions, as their sessions page lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionView {
    pub started: crate::LocalTime,
    pub last_seen: crate::LocalTime,
    /// "Chrome on Linux"
    pub browser: String,
    pub address: String,
    /// The session this page was asked for with.
    pub current: bool,
}
