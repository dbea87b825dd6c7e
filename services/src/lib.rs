//! The server side of Scrutineer that knows nothing of HTTP or pages.
//!
//! Server functions and the command line call these services; the services validate, check
//! who may do what, write the change and its audit event in one transaction, and return
//! plain data. Everything here is tested against SQLite and PostgreSQL (see `tests/`).

pub mod accounts;
pub mod audit;
pub mod common;
pub mod db;
pub mod demo;
pub mod equality;
mod error;
pub mod evidence;
pub mod meetings;
#[cfg(test)]
mod no_panic;
pub mod register;
pub mod visibility;
pub mod work;

pub use common::clock::{now, rfc3339};
pub use db::{Backend, Db};
pub use error::{gather, Error, Result};

/// Makes a database ready to serve: the migrations its schema lacks (`Db::migrate`), then
/// what the areas need of a new or upgraded database — the Census 2021 population table
/// (`services/data/`, loaded once), the audit events written before the trail became a
/// hash chain sealed into it (once), and imports a stopped server left unfinished removed.
/// Kept here, above the areas, so that the data layer uses none of them.
pub async fn prepare(db: &Db) -> anyhow::Result<()> {
    use anyhow::Context;
    db.migrate().await?;
    evidence::populations::ensure_census(db)
        .await
        .context("loading the Census 2021 population table")?;
    let sealed = audit::chain::seal_earlier_events(db)
        .await
        .context("sealing the audit trail's earlier events into its hash chain")?;
    if sealed > 0 {
        tracing::info!(
            sealed,
            "the audit trail's earlier events are now in its hash chain"
        );
    }
    let abandoned = evidence::import::abandon_unfinished(db)
        .await
        .map_err(|e| anyhow::anyhow!("removing imports a stopped server left unfinished: {e}"))?;
    if abandoned > 0 {
        tracing::info!(
            abandoned,
            "removed imports a stopped server left unfinished"
        );
    }
    Ok(())
}

/// Bytes as lower-case hex: how hashes (file checksums, tokens, the audit chain) are kept.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A closed-set value read back from the database: anything else there is a bug, not the
/// person's problem.
pub(crate) fn stored<T>(parsed: std::result::Result<T, String>) -> Result<T> {
    parsed.map_err(|e| Error::Unexpected(anyhow::Error::msg(e)))
}
