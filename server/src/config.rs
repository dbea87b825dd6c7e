//! Configuration: every setting is a command-line option with an environment variable
//! behind it, so the table in docs/OPERATIONS.md and `scrutineer --help` say the same thing.

use services::accounts::two_factor::Policy;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use services::accounts::sessions::SessionPolicy;

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Where the data lives: `sqlite://path/to/file.db` (created on first start) or
    /// `postgres://user@host:port/database`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://scrutineer.db",
        global = true
    )]
    pub database_url: String,

    /// Log filter in `tracing`'s syntax, for example `info` or `server=debug,info`.
    #[arg(long, env = "SCRUTINEER_LOG", default_value = "info", global = true)]
    pub log: String,

    /// Logs as JSON lines instead of text.
    #[arg(long, env = "SCRUTINEER_LOG_JSON", global = true, action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new())]
    pub log_json: bool,

    /// The key second-factor secrets are sealed under (`scrutineer secrets keygen` makes
    /// one). Unset, a SQLite database's key is kept in a file beside it
    /// (`<database>.secrets-key`, made on first start, readable by its owner only);
    /// PostgreSQL needs it set, the same on every server.
    #[arg(
        long,
        env = "SCRUTINEER_SECRETS_KEY",
        global = true,
        hide_env_values = true
    )]
    pub secrets_key: Option<SecretsKey>,
}

/// The secrets key as given: never printed.
#[derive(Clone)]
pub struct SecretsKey(pub String);

impl std::str::FromStr for SecretsKey {
    type Err = String;
    fn from_str(text: &str) -> Result<SecretsKey, String> {
        services::common::sealing::SealingKey::parse(text).map_err(|e| e.to_string())?;
        Ok(SecretsKey(text.trim().to_owned()))
    }
}

impl std::fmt::Debug for SecretsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeSettings {
    /// The address and port to listen on.
    #[arg(long, env = "SCRUTINEER_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Marks the session cookie `Secure` (and names it `__Host-…`) and sends HSTS. On by
    /// default unless the server listens on a loopback address (a developer's machine):
    /// anywhere else people reach Scrutineer over HTTPS, through a TLS proxy. `false` only
    /// for a deliberate plain-HTTP setup.
    #[arg(long, env = "SCRUTINEER_COOKIE_SECURE", num_args = 0..=1, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub cookie_secure: Option<bool>,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SCRUTINEER_SESSION_IDLE_MINUTES", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub session_idle_minutes: u32,

    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, env = "SCRUTINEER_SESSION_ABSOLUTE_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=168))]
    pub session_absolute_hours: u32,

    /// An action or question counts as "due soon" this many days before its due date.
    #[arg(long, env = "SCRUTINEER_DUE_SOON_DAYS", default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=90))]
    pub due_soon_days: u32,

    /// Where the phase banner's "Tell us what you think of it" link goes: a feedback form
    /// (`https://…`) or an address (`mailto:governance@opcc.example`). Without it the banner
    /// asks people to tell the OPCC governance team.
    #[arg(long, env = "SCRUTINEER_FEEDBACK_URL", value_parser = feedback_url)]
    pub feedback_url: Option<String>,

    /// The SMTP server reminder emails go through, e.g. `smtp://relay.internal:25`,
    /// `smtp://user:password@smtp.example.org:587?tls=required` (STARTTLS) or
    /// `smtps://smtp.example.org:465`. Without it no email is sent.
    #[arg(long, env = "SCRUTINEER_SMTP_URL")]
    pub smtp_url: Option<SmtpUrl>,

    /// The sender of reminder emails, e.g. `Scrutineer <scrutineer@opcc.example>`.
    #[arg(
        long,
        env = "SCRUTINEER_MAIL_FROM",
        default_value = "Scrutineer <scrutineer@localhost>"
    )]
    pub mail_from: String,

    /// Owners are reminded this many days before an action's due date (and once when it
    /// is overdue).
    #[arg(long, env = "SCRUTINEER_REMINDER_DAYS", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub reminder_days: u32,

    /// How often, in seconds, the reminder job looks for reminders to send.
    #[arg(long, env = "SCRUTINEER_REMINDER_EVERY_SECONDS", default_value_t = 900, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub reminder_every_seconds: u64,

    /// The address people reach Scrutineer at, for links in emails and calendar feeds,
    /// e.g. `https://scrutineer.opcc.example`. Defaults to `http://` and the listening
    /// address.
    #[arg(long, env = "SCRUTINEER_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Addresses of the proxies in front of Scrutineer (comma-separated), whose
    /// `X-Forwarded-For` header names the real client: sign-in throttling and the audit
    /// trail then count clients, not the proxy. From any other peer the header is ignored.
    #[arg(long, env = "SCRUTINEER_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// `required` (everyone signs in with a code from an authenticator app, and sets one up
    /// at their next sign-in) or `optional` (for the transition: those who have set one up
    /// are asked for it).
    #[arg(long, env = "SCRUTINEER_SECOND_FACTOR", default_value = "required", value_parser = parse_second_factor)]
    pub second_factor: Policy,

    /// The built site (wasm, JavaScript, CSS) that the site build (`scripts/lib.sh`) writes.
    #[arg(long, env = "SCRUTINEER_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
}

fn parse_second_factor(text: &str) -> Result<Policy, String> {
    Policy::parse(text).ok_or_else(|| "expected `required` or `optional`".to_owned())
}

/// An SMTP address, which may hold a password: never printed whole.
#[derive(Clone)]
pub struct SmtpUrl(pub String);

impl std::str::FromStr for SmtpUrl {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.starts_with("smtp://") || text.starts_with("smtps://") {
            Ok(SmtpUrl(text.to_owned()))
        } else {
            Err("an SMTP address starts with smtp:// or smtps://".to_owned())
        }
    }
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = self.0.rsplit('@').next().unwrap_or_default();
        let scheme = if self.0.starts_with("smtps") {
            "smtps"
        } else {
            "smtp"
        };
        let host = host
            .trim_start_matches("smtps://")
            .trim_start_matches("smtp://");
        write!(f, "{scheme}://…@{host}")
    }
}

impl ServeSettings {
    /// Whether Scrutineer is served over HTTPS: said outright, or assumed off loopback.
    pub fn secure(&self) -> bool {
        self.cookie_secure
            .unwrap_or_else(|| !self.addr.ip().is_loopback())
    }

    /// The address links in emails and calendar feeds start with: the configured one, never
    /// a request's `Host` header (which the client chooses).
    pub fn public_url(&self) -> String {
        let scheme = if self.secure() { "https" } else { "http" };
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("{scheme}://{}", self.addr))
            .trim_end_matches('/')
            .to_owned()
    }

    pub fn session_policy(&self) -> SessionPolicy {
        SessionPolicy {
            idle_secs: i64::from(self.session_idle_minutes) * 60,
            absolute_secs: i64::from(self.session_absolute_hours) * 60 * 60,
        }
    }
}

/// `serve`'s settings from the environment alone, for `scrutineer` run with no command.
#[derive(Debug, clap::Parser)]
struct ServeFromEnv {
    #[command(flatten)]
    serve: ServeSettings,
}

impl ServeSettings {
    pub fn from_env() -> Result<ServeSettings, clap::Error> {
        use clap::Parser;
        ServeFromEnv::try_parse_from(["scrutineer"]).map(|parsed| parsed.serve)
    }
}

/// A feedback address people can follow from any page: `https://`, `http://` or `mailto:`.
fn feedback_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let scheme_ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len());
    if scheme_ok
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<')
    {
        Ok(text.to_owned())
    } else {
        Err("give an https://, http:// or mailto: address".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> ServeSettings {
        use clap::Parser;
        let mut all = vec!["scrutineer"];
        all.extend_from_slice(args);
        ServeFromEnv::try_parse_from(all).unwrap().serve
    }

    #[test]
    fn served_anywhere_but_loopback_is_secure_unless_said_otherwise() {
        let local = parse(&["--addr", "127.0.0.1:3000"]);
        assert!(!local.secure());
        assert_eq!(local.public_url(), "http://127.0.0.1:3000");
        let open = parse(&["--addr", "0.0.0.0:3000"]);
        assert!(open.secure());
        assert_eq!(open.public_url(), "https://0.0.0.0:3000");
        assert!(!parse(&["--addr", "0.0.0.0:3000", "--cookie-secure", "false"]).secure());
        assert!(parse(&["--addr", "127.0.0.1:3000", "--cookie-secure"]).secure());
        let named = parse(&["--public-url", "https://scrutineer.opcc.example/"]);
        assert_eq!(named.public_url(), "https://scrutineer.opcc.example");
        let proxies = parse(&["--trusted-proxies", "10.0.0.1,::1"]);
        assert_eq!(proxies.trusted_proxies.len(), 2);
    }

    #[test]
    fn the_feedback_link_is_a_web_or_mail_address() {
        assert_eq!(parse(&[]).feedback_url, None);
        for good in [
            "https://forms.opcc.example/feedback",
            "mailto:governance@opcc.example",
        ] {
            assert_eq!(
                parse(&["--feedback-url", good]).feedback_url.as_deref(),
                Some(good)
            );
        }
        for bad in [
            "javascript:alert(1)",
            "https://",
            "forms.opcc.example",
            "https://x/\"a",
        ] {
            assert!(feedback_url(bad).is_err(), "{bad}");
        }
    }
}
