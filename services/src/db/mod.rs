//! The data layer's connection: one pool on SQLite or PostgreSQL, chosen by the URL.
//!
//! Decision (made once, for every query in Scrutineer): we use sqlx's `Any` driver, so every
//! statement is one SQL text run on both databases. That works where the two dialects agree
//! (`$1` placeholders, `RETURNING`, `ON CONFLICT`), and the Any driver maps only integers,
//! floats and text the same way on both. So times are Unix seconds in integer columns, flags
//! are 0/1 integers, and JSON is text; the conversions live beside the queries that read them.
//! Each backend has its own migrations directory with its own DDL.

pub mod backup;
pub mod codec;
pub(crate) mod filter;
pub mod fulltext;
pub(crate) mod paging;

use std::str::FromStr;
use std::time::Duration;

use anyhow::{bail, Context};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// The advisory lock PostgreSQL's writers take in turn ([`Db::begin`]); any number, the
/// same everywhere ("SCRUT" in ASCII).
const WRITERS_LOCK: i64 = 0x53_43_52_55_54;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Refuses loudly any URL that is for neither backend, rather than guessing.
    pub fn from_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            bail!("DATABASE_URL must start with sqlite: or postgres:// (got a URL for neither)")
        }
    }
}

/// How many connections a pool holds, and how long a request waits for one.
///
/// Every service takes at most one connection at a time: it never holds one (or a
/// transaction) while asking the pool for another. A request that did would wait on itself
/// once the pool ran dry, and concurrent requests would starve each other — the cause of
/// requests that stalled under load. The tests' scratch databases have a pool of one, so
/// any such nesting fails their run at once.
#[derive(Debug, Clone, Copy)]
pub struct Pool {
    /// `None`: 8 on SQLite, 16 on PostgreSQL.
    pub connections: Option<u32>,
    pub acquire_timeout: Duration,
}

impl Default for Pool {
    fn default() -> Pool {
        Pool {
            connections: None,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// For tests: SQLite's `max_page_count` on every connection, new ones included (0: as
    /// SQLite sets it), to make the database "full" on demand.
    #[cfg(feature = "test-support")]
    page_limit: std::sync::Arc<std::sync::atomic::AtomicI64>,
    /// The key second-factor secrets are sealed under (`common::sealing`), from the
    /// configuration: never stored in the database.
    sealing: Option<crate::common::sealing::SealingKey>,
    /// Writers of this process waiting for SQLite's write lock ([`Db::give_way`]).
    waiting: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Kept for tests that open a second pool, as a second server process would; never
    /// printed (it may hold a password).
    #[cfg_attr(not(feature = "test-support"), allow(dead_code))]
    url: String,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish()
    }
}

impl Db {
    /// Opens the pool. A SQLite file is created if missing, opened in WAL mode with
    /// `synchronous=FULL` (sqlx sets neither, and NORMAL can lose the last commits on power
    /// loss) and with foreign keys enforced.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        Db::connect_with(url, Pool::default()).await
    }

    /// [`Db::connect`] with a pool of the given size.
    pub async fn connect_with(url: &str, size: Pool) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url_creating_file(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).context("parsing DATABASE_URL")?;
        #[cfg(feature = "test-support")]
        let page_limit = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
        #[cfg(feature = "test-support")]
        let limit_on_connect = page_limit.clone();
        let pool = match backend {
            Backend::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(size.connections.unwrap_or(8))
                    .acquire_timeout(size.acquire_timeout)
                    .after_release(|conn, _meta| Box::pin(still_usable(conn)))
                    .after_connect(move |conn, _meta| {
                        #[cfg(feature = "test-support")]
                        let page_limit = limit_on_connect.load(std::sync::atomic::Ordering::SeqCst);
                        Box::pin(async move {
                            for pragma in [
                                "PRAGMA journal_mode = WAL",
                                "PRAGMA synchronous = FULL",
                                "PRAGMA foreign_keys = ON",
                                "PRAGMA busy_timeout = 10000",
                            ] {
                                conn.execute(pragma).await?;
                            }
                            #[cfg(feature = "test-support")]
                            if page_limit > 0 {
                                conn.execute(&*format!("PRAGMA max_page_count = {page_limit}"))
                                    .await?;
                            }
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(size.connections.unwrap_or(16))
                    .acquire_timeout(size.acquire_timeout)
                    .after_release(|conn, _meta| Box::pin(still_usable(conn)))
                    .connect_with(options)
                    .await
            }
        }
        .context("connecting to the database")?;
        Ok(Db {
            pool,
            backend,
            url,
            #[cfg(feature = "test-support")]
            page_limit,
            sealing: None,
            waiting: Default::default(),
        })
    }

    /// For long work written in many short transactions (an import): waits, up to half a
    /// second, while another writer of this process waits for SQLite's write lock. SQLite
    /// does not queue writers — a waiting one sleeps and retries — so a loop that begins
    /// its next transaction the moment it commits the last kept a sign-in waiting over a
    /// second. PostgreSQL's writers queue in order for their advisory lock already.
    pub(crate) async fn give_way(&self) {
        use std::sync::atomic::Ordering;
        if self.backend != Backend::Sqlite {
            return;
        }
        let until = tokio::time::Instant::now() + Duration::from_millis(500);
        while self.waiting.load(Ordering::Acquire) > 0 && tokio::time::Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// This handle with the key second-factor secrets are sealed under.
    pub fn with_sealing(mut self, key: crate::common::sealing::SealingKey) -> Db {
        self.sealing = Some(key);
        self
    }

    /// For tests: the key this handle seals with.
    #[cfg(feature = "test-support")]
    pub fn sealing_for_tests(&self) -> crate::common::sealing::SealingKey {
        self.sealing
            .clone()
            .expect("a scratch database has a secrets key")
    }

    /// The key secrets are sealed under, or why there is none.
    pub(crate) fn sealing(&self) -> crate::Result<&crate::common::sealing::SealingKey> {
        self.sealing.as_ref().ok_or_else(|| {
            crate::Error::Unexpected(anyhow::anyhow!(
                "no secrets key: set SCRUTINEER_SECRETS_KEY (make one with `scrutineer secrets keygen`)"
            ))
        })
    }

    /// For tests: makes a SQLite database "full" at `pages` pages (its size now, if
    /// smaller), on every connection from now on; `None` lifts the limit. Meant for a pool
    /// of one connection (the scratch databases'), whose connection is set here too.
    #[cfg(feature = "test-support")]
    pub async fn limit_pages(&self, pages: Option<i64>) -> anyhow::Result<()> {
        let pages = pages.unwrap_or(0);
        self.page_limit
            .store(pages, std::sync::atomic::Ordering::SeqCst);
        let shown = if pages > 0 { pages } else { 1_073_741_823 };
        sqlx::query(&format!("PRAGMA max_page_count = {shown}"))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => self.migrate_sqlite().await?,
            Backend::Postgres => {
                // A serving role that may not create tables (docs/SECURITY.md, "The audit trail")
                // cannot run the migrator even when it has nothing to do; so it runs only
                // when a migration is missing, and then needs the database's owner.
                if self.migrations_missing(&POSTGRES_MIGRATIONS).await {
                    POSTGRES_MIGRATIONS.run(&self.pool).await.context(
                        "running database migrations (on PostgreSQL as the database's owner)",
                    )?;
                }
            }
        }
        Ok(())
    }

    /// SQLite changes a table's constraints only by rebuilding the table, which must not
    /// cascade to, or be refused by, the rows that refer to it: its own procedure runs with
    /// foreign keys off and checks them afterwards (a pragma a transaction cannot change, so
    /// it is set on the connection around the migrations).
    async fn migrate_sqlite(&self) -> anyhow::Result<()> {
        let mut conn = self.pool.acquire().await?;
        conn.execute("PRAGMA foreign_keys = OFF").await?;
        let ran = SQLITE_MIGRATIONS.run(&mut *conn).await;
        let broken = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut *conn)
            .await
            .map(|rows| rows.len());
        conn.execute("PRAGMA foreign_keys = ON").await?;
        // Given back before loading data, which takes a connection of its own (a pool may
        // hold only one).
        drop(conn);
        ran.context("running database migrations")?;
        match broken.context("checking references after the migrations")? {
            0 => Ok(()),
            n => bail!("after the migrations, {n} rows refer to rows that do not exist"),
        }
    }

    /// Whether any of `migrator`'s migrations has not run successfully here.
    async fn migrations_missing(&self, migrator: &Migrator) -> bool {
        let done: Vec<i64> =
            match sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = true")
                .fetch_all(&self.pool)
                .await
            {
                Ok(done) => done,
                Err(_) => return true,
            };
        migrator.iter().any(|m| !done.contains(&m.version))
    }

    /// Begins a transaction that will write, after every other such transaction has ended:
    /// writers take turns. On SQLite that is its write lock, taken at once (`BEGIN
    /// IMMEDIATE`): a transaction that reads first and writes later would otherwise fail
    /// with "database is locked" when another writer got in between, instead of waiting its
    /// turn. On PostgreSQL it is a transaction-scoped advisory lock, taken first, so that
    /// the audit trail's hash chain (`audit::chain`) is extended by one writer at a time
    /// and in the order of the rows' ids; taken any later it could deadlock against the row
    /// locks the transaction already holds.
    pub async fn begin(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => {
                use std::sync::atomic::Ordering;
                self.waiting.fetch_add(1, Ordering::AcqRel);
                let begun = self.pool.begin_with("BEGIN IMMEDIATE").await;
                self.waiting.fetch_sub(1, Ordering::AcqRel);
                begun
            }
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(WRITERS_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// For `/healthz`: the database answers a query.
    pub async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .context("database ping")?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A second pool on the same database, as another server process would have (with the
    /// default size, for stories that act concurrently).
    #[cfg(feature = "test-support")]
    pub async fn another_pool(&self) -> Db {
        let db = Db::connect(&self.url)
            .await
            .expect("a second pool on the test database");
        match &self.sealing {
            Some(key) => db.with_sealing(key.clone()),
            None => db,
        }
    }
}

/// `n` placeholders for a multi-row INSERT, the first being the `after + 1`th value of the
/// statement: anonymous `?` on SQLite — its driver names each numbered `$n` through
/// `sqlite3_bind_parameter_name`, a linear search, so thousands of them in one statement
/// cost quadratic time (78% of an import's time in a profile) — and `$n` on PostgreSQL.
pub(crate) fn placeholders(backend: Backend, after: usize, n: usize) -> String {
    let mut out = String::with_capacity(n * 4);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        match backend {
            Backend::Sqlite => out.push('?'),
            Backend::Postgres => {
                use std::fmt::Write;
                let _ = write!(out, "${}", after + i + 1);
            }
        }
    }
    out
}

/// Whether a connection given back to the pool may be lent again: not if it is still inside
/// a transaction. When SQLite cannot COMMIT (a full disk, `max_page_count`), it may roll
/// the transaction back itself; sqlx's ROLLBACK then fails and its count of open
/// transactions stays at one, so every later `BEGIN IMMEDIATE` on that connection failed
/// ("attempted to call begin_with at non-zero transaction depth") and no write succeeded
/// again until a restart. Such a connection is closed here and the pool opens a new one.
/// A transaction dropped without COMMIT leaves a ROLLBACK queued: the ping waits for it
/// (the common case costs nothing, as no transaction is open).
async fn still_usable(conn: &mut sqlx::AnyConnection) -> sqlx::Result<bool> {
    use sqlx::Connection;
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    conn.ping().await?;
    let usable = !conn.is_in_transaction();
    if !usable {
        tracing::warn!("closed a database connection left inside a transaction it could not end");
    }
    Ok(usable)
}

/// True when `error` says the database cannot take work just now, and may later: a full
/// disk or database, a busy or locked file, an I/O failure, a connection refused, lost or
/// not available in time, a server shutting down or starting up. Read from error codes,
/// never from messages.
pub fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::BeginFailed
        | sqlx::Error::InvalidSavePointStatement => true,
        sqlx::Error::Database(e) => e.code().is_some_and(|code| unavailable_code(&code)),
        _ => false,
    }
}

/// SQLite's result codes (numbers: the primary code is the low byte) and PostgreSQL's
/// SQLSTATEs (five characters) that mean "not now" rather than "not this".
fn unavailable_code(code: &str) -> bool {
    // A SQLSTATE is always five characters, some all digits; SQLite's codes have at most four.
    if let (true, Ok(number)) = (code.len() < 5, code.parse::<i64>()) {
        // SQLITE_BUSY 5, SQLITE_LOCKED 6, SQLITE_NOMEM 7, SQLITE_READONLY 8 (a file
        // remounted read-only), SQLITE_IOERR 10, SQLITE_FULL 13, SQLITE_CANTOPEN 14,
        // SQLITE_PROTOCOL 15.
        return matches!(number & 0xff, 5 | 6 | 7 | 8 | 10 | 13 | 14 | 15);
    }
    // Class 08 connection exception; 53 insufficient resources (disk full, out of memory,
    // too many connections); 57P01-57P03 shutting down or starting up; 40001/40P01
    // serialization failure and deadlock, which a retry resolves.
    code.starts_with("08")
        || code.starts_with("53")
        || matches!(code, "57P01" | "57P02" | "57P03" | "40001" | "40P01")
}

/// Adds `mode=rwc` (create if missing) unless the URL says otherwise, and creates the
/// file's directory, so that a fresh start needs nothing prepared.
fn sqlite_url_creating_file(url: &str) -> anyhow::Result<String> {
    let path = sqlite_path(url)?;
    if path != ":memory:" {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating the directory {}", dir.display()))?;
            }
        }
        if !url.contains("mode=") {
            create_private(std::path::Path::new(path))?;
        }
    }
    Ok(if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// The path in a `sqlite:` address (`:memory:` included), without its options.
fn sqlite_path(url: &str) -> anyhow::Result<&str> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() {
        bail!("a SQLite DATABASE_URL needs a file path, e.g. sqlite://scrutineer.db");
    }
    Ok(path)
}

/// Creates the database file, if missing, readable and writable by its owner only: it holds
/// password hashes. (SQLite gives its `-wal` and `-shm` files the same permissions.)
fn create_private(path: &std::path::Path) -> anyhow::Result<()> {
    match open_new_private(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| format!("creating {}", path.display())),
    }
}

/// Creates a new, empty file readable by its owner only, refusing anything already at
/// `path` — a file, or a link even if it points nowhere (O_CREAT | O_EXCL does not follow
/// links).
fn create_new_private(path: &std::path::Path) -> anyhow::Result<()> {
    open_new_private(path).with_context(|| format!("creating {} as a new file", path.display()))
}

fn open_new_private(path: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

#[cfg(feature = "test-support")]
pub mod scratch {
    //! Throw-away databases for tests: a temporary SQLite file, or a new PostgreSQL database
    //! on the server named by `SCRUTINEER_TEST_POSTGRES_URL` (default the local `test`
    //! database), dropped when the test ends, even when it fails.
    //!
    //! Their pool has ONE connection and waits at most a few seconds for it: code that holds
    //! a connection while asking for another fails the test instead of starving a server
    //! under load. Stories that act concurrently use [`Db::another_pool`].

    use super::*;
    use rand::Rng;

    pub struct ScratchDb {
        pub db: Db,
        cleanup: Cleanup,
    }

    enum Cleanup {
        File(std::path::PathBuf),
        Database { admin_url: String, name: String },
    }

    /// One connection, and a short wait for it.
    pub const POOL: Pool = Pool {
        connections: Some(1),
        acquire_timeout: Duration::from_secs(5),
    };

    /// A new secrets key for a scratch database.
    fn test_key() -> crate::common::sealing::SealingKey {
        crate::common::sealing::SealingKey::parse(&crate::common::sealing::SealingKey::generate())
            .expect("a generated key parses")
    }

    fn unique_name() -> String {
        format!(
            "scrutineer_test_{}_{:08x}",
            std::process::id(),
            rand::thread_rng().gen::<u32>()
        )
    }

    pub fn postgres_admin_url() -> String {
        std::env::var("SCRUTINEER_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://127.0.0.1:5432/test".to_owned())
    }

    impl ScratchDb {
        pub async fn sqlite() -> ScratchDb {
            let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
            let db = Db::connect_with(&format!("sqlite://{}", path.display()), POOL)
                .await
                .expect("open scratch SQLite")
                .with_sealing(test_key());
            crate::prepare(&db).await.expect("migrate scratch SQLite");
            ScratchDb {
                db,
                cleanup: Cleanup::File(path),
            }
        }

        pub async fn postgres() -> ScratchDb {
            let admin_url = postgres_admin_url();
            let name = unique_name();
            let admin = Db::connect(&admin_url)
                .await
                .expect("PostgreSQL must run at SCRUTINEER_TEST_POSTGRES_URL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(admin.pool())
                .await
                .expect("create scratch database");
            admin.close().await;
            let (base, _) = admin_url.rsplit_once('/').expect("URL with a database");
            let db = Db::connect_with(&format!("{base}/{name}"), POOL)
                .await
                .expect("open scratch PostgreSQL")
                .with_sealing(test_key());
            crate::prepare(&db)
                .await
                .expect("migrate scratch PostgreSQL");
            ScratchDb {
                db,
                cleanup: Cleanup::Database { admin_url, name },
            }
        }

        /// The URL a separate process (the server under test) can open.
        pub fn url(&self) -> String {
            match &self.cleanup {
                Cleanup::File(path) => format!("sqlite://{}", path.display()),
                Cleanup::Database { admin_url, name } => {
                    let (base, _) = admin_url.rsplit_once('/').expect("URL with a database");
                    format!("{base}/{name}")
                }
            }
        }
    }

    impl Drop for ScratchDb {
        fn drop(&mut self) {
            match &self.cleanup {
                Cleanup::File(path) => {
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                    }
                }
                Cleanup::Database { admin_url, name } => {
                    let (admin_url, name) = (admin_url.clone(), name.clone());
                    // Drop runs inside the test's runtime, which cannot block on itself.
                    let _ = std::thread::spawn(move || {
                        let runtime = tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()
                            .expect("runtime");
                        runtime.block_on(async {
                            if let Ok(admin) = Db::connect(&admin_url).await {
                                let _ = sqlx::query(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .execute(admin.pool())
                                .await;
                                admin.close().await;
                            }
                        });
                    })
                    .join();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_is_chosen_by_url_and_others_are_refused() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgres://127.0.0.1/test").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::from_url("mysql://localhost/x").is_err());
    }

    #[test]
    fn placeholders_are_anonymous_on_sqlite_and_numbered_on_postgresql() {
        assert_eq!(placeholders(Backend::Sqlite, 3, 3), "?,?,?");
        assert_eq!(placeholders(Backend::Postgres, 3, 3), "$4,$5,$6");
    }

    #[test]
    fn not_now_is_told_from_not_this_by_code() {
        // SQLite: FULL, BUSY, an extended I/O error (SQLITE_IOERR_WRITE 778).
        for code in ["13", "5", "778"] {
            assert!(unavailable_code(code), "{code}");
        }
        // SQLite: constraint (a UNIQUE violation is 2067), PostgreSQL: unique violation.
        for code in ["19", "2067", "23505", "42601"] {
            assert!(!unavailable_code(code), "{code}");
        }
        for code in ["53100", "57P01", "08006"] {
            assert!(unavailable_code(code), "{code}");
        }
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(!is_unavailable(&sqlx::Error::RowNotFound));
    }

    #[test]
    fn sqlite_url_gets_create_mode() {
        let dir = std::env::temp_dir().join("scrutineer-url-test");
        let url = format!("sqlite://{}/a.db", dir.display());
        assert_eq!(
            sqlite_url_creating_file(&url).unwrap(),
            format!("{url}?mode=rwc")
        );
        assert!(dir.is_dir());
        assert_eq!(
            sqlite_url_creating_file("sqlite://a.db?mode=ro").unwrap(),
            "sqlite://a.db?mode=ro"
        );
        assert!(sqlite_url_creating_file("sqlite://").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_database_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let path = std::env::temp_dir().join(format!("scrutineer-mode-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        sqlite_url_creating_file(&format!("sqlite://{}", path.display())).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(mode & 0o777, 0o600);
    }
}
