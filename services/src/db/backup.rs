//! Backups of a SQLite database, taken while the server runs, and restoring one.
//!
//! `VACUUM INTO` writes a consistent copy of one read snapshot: in WAL mode the server's
//! readers and writers carry on meanwhile, and a commit either is in the copy whole or not
//! at all. The copy is checked (`PRAGMA integrity_check`) before it is called a backup. A
//! restore goes only into a new, empty file, and runs the migrations afterwards, so a
//! backup taken by an older Scrutineer comes back on the current schema. PostgreSQL has
//! its own tools for both (`pg_dump` / `pg_restore`; docs/OPERATIONS.md, "Backups").

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::{Backend, Db};

/// The tables whose rows a backup or restore reports, so that a person can compare.
const COUNTED: [&str; 7] = [
    "users",
    "boards",
    "meetings",
    "actions",
    "questions",
    "stop_searches",
    "audit_events",
];

/// What a backup or a restore holds: rows per table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub rows: Vec<(&'static str, i64)>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.rows.iter().map(|(t, n)| format!("{t} {n}")).collect();
        write!(f, "{}", parts.join(", "))
    }
}

const POSTGRES: &str = "On PostgreSQL, back up with `pg_dump --format=custom` and restore with `pg_restore` (docs/OPERATIONS.md, \"Backups\")";

/// The file a `sqlite://` address names.
pub fn sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    if Backend::from_url(url)? != Backend::Sqlite {
        bail!("{POSTGRES}");
    }
    match super::sqlite_path(url)? {
        ":memory:" => bail!("a database in memory cannot be backed up or restored into"),
        path => Ok(PathBuf::from(path)),
    }
}

async fn summary(db: &Db) -> anyhow::Result<Summary> {
    let mut rows = Vec::new();
    for table in COUNTED {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(db.pool())
            .await?;
        rows.push((table, n));
    }
    Ok(Summary { rows })
}

async fn check(db: &Db, what: &Path) -> anyhow::Result<()> {
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(db.pool())
        .await?;
    if verdict != "ok" {
        bail!(
            "{} failed SQLite's integrity check: {verdict}",
            what.display()
        );
    }
    Ok(())
}

/// Writes a backup of `db` to `to` (which must not exist), checks it, and says what it holds.
pub async fn backup(db: &Db, to: &Path) -> anyhow::Result<Summary> {
    if db.backend() != Backend::Sqlite {
        bail!("{POSTGRES}");
    }
    // `symlink_metadata`: a link, even one pointing nowhere, is something that exists (a
    // dangling link was followed, and the copy written world-readable where it pointed).
    if std::fs::symlink_metadata(to).is_ok() {
        bail!("{} already exists: choose a new file name", to.display());
    }
    let target = to
        .to_str()
        .context("the backup's file name must be valid UTF-8")?;
    // Readable by its owner only, like the database: it holds password hashes. VACUUM INTO
    // writes into an empty file as it finds it. Made new here (O_EXCL, which also refuses
    // a link put there since the check above), never opened as found.
    super::create_new_private(to)?;
    if let Err(e) = sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(db.pool())
        .await
    {
        let _ = std::fs::remove_file(to);
        return Err(e).with_context(|| format!("writing the backup to {}", to.display()));
    }
    let copy = Db::connect(&format!("sqlite://{target}")).await?;
    let checked = async {
        check(&copy, to).await?;
        summary(&copy).await
    }
    .await;
    copy.close().await;
    checked
}

/// Restores the backup `from` into the new SQLite database `url` names (no file there, or
/// an empty one), migrates it and says what it holds.
pub async fn restore(from: &Path, url: &str) -> anyhow::Result<Summary> {
    let target = sqlite_file(url)?;
    if std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "{} is a link: restore into a new file of its own",
            target.display()
        );
    }
    if std::fs::metadata(&target)
        .map(|m| m.len() > 0)
        .unwrap_or(false)
    {
        bail!(
            "{} already holds a database: restore into a new file (move the old one aside first)",
            target.display()
        );
    }
    if !from.is_file() {
        bail!("{} is not a file", from.display());
    }
    let source = Db::connect(&format!(
        "sqlite://{}",
        from.to_str()
            .context("the backup's file name must be valid UTF-8")?
    ))
    .await?;
    let copied = async {
        check(&source, from).await?;
        let known: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('_sqlx_migrations', 'audit_events')",
        )
        .fetch_one(source.pool())
        .await?;
        if known != 2 {
            bail!("{} is not a Scrutineer database", from.display());
        }
        // VACUUM INTO needs the target absent or empty; made empty and private first.
        let _ = std::fs::remove_file(&target);
        super::create_new_private(&target)?;
        sqlx::query("VACUUM INTO $1")
            .bind(target.to_str().context("the database's file name must be valid UTF-8")?)
            .execute(source.pool())
            .await
            .with_context(|| format!("writing {}", target.display()))?;
        Ok(())
    }
    .await;
    source.close().await;
    copied?;
    let restored = Db::connect(url).await?;
    let result = async {
        crate::prepare(&restored).await?;
        check(&restored, &target).await?;
        summary(&restored).await
    }
    .await;
    restored.close().await;
    result
}
