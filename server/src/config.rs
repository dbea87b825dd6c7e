//! Configuration: every setting is a command-line option with an environment variable
//! behind it, so the README's table and `scrutineer --help` say the same thing.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use services::sessions::SessionPolicy;

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
}

#[derive(Debug, Clone, Args)]
pub struct ServeSettings {
    /// The address and port to listen on.
    #[arg(long, env = "SCRUTINEER_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Marks the session cookie `Secure` (and names it `__Host-…`). Set it whenever people
    /// reach Scrutineer over HTTPS, which is everywhere but a developer's machine.
    #[arg(long, env = "SCRUTINEER_COOKIE_SECURE", action = clap::ArgAction::SetTrue, value_parser = clap::builder::BoolishValueParser::new())]
    pub cookie_secure: bool,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SCRUTINEER_SESSION_IDLE_MINUTES", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub session_idle_minutes: u32,

    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, env = "SCRUTINEER_SESSION_ABSOLUTE_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=168))]
    pub session_absolute_hours: u32,

    /// An action or question counts as "due soon" this many days before its due date.
    #[arg(long, env = "SCRUTINEER_DUE_SOON_DAYS", default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=90))]
    pub due_soon_days: u32,

    /// The built site (wasm, JavaScript, CSS) that `cargo leptos build` writes.
    #[arg(long, env = "SCRUTINEER_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
}

impl ServeSettings {
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
