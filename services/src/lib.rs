//! The server side of Scrutineer that knows nothing of HTTP or pages.
//!
//! Server functions and the command line call these services; the services validate, check
//! who may do what, write the change and its audit event in one transaction, and return
//! plain data. Everything here is tested against SQLite and PostgreSQL (see `tests/`).

pub mod accounts;
pub mod audit;
mod cpu;
pub mod csv;
pub mod db;
pub mod demo;
pub mod equality;
mod error;
pub mod evidence;
pub mod london;
pub mod markdown;
pub mod meetings;
#[cfg(test)]
mod no_panic;
pub mod register;
pub mod typed;
pub mod visibility;
pub mod work;

pub use db::{Backend, Db};
pub use error::{gather, Error, Result};

/// Bytes as lower-case hex: how hashes (file checksums, tokens, the audit chain) are kept.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Seconds since the Unix epoch, UTC: how every time is stored (see `db`).
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A closed-set value read back from the database: anything else there is a bug, not the
/// person's problem.
pub(crate) fn stored<T>(parsed: std::result::Result<T, String>) -> Result<T> {
    parsed.map_err(|e| Error::Unexpected(anyhow::Error::msg(e)))
}

/// RFC 3339 form of a stored time, for pages and exports.
pub fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
