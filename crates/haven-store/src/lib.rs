//! haven-store: everything the couple space keeps, on SQLite (the default, one
//! file in the data directory) or PostgreSQL (`postgres://…`), through one set
//! of migrations and one query set (`$1` placeholders work on both).
//!
//! Isolation lives here, not in the pages: every read and write of couple data
//! takes the [`Member`] acting and filters by their couple id in SQL, and
//! private rows (unshared check-ins and reports) also by their author. A
//! server handler cannot forget the check because it has no query without it.
//!
//! Server instances keep no state: sessions, rate-limit counters, pauses and
//! reminders all live in the database, so several instances can serve the
//! same couples from one PostgreSQL.

mod account;
mod practices;

pub use account::{Member, Session, User, INVITE_TTL_SECS, MAX_SIGNIN_FAILURES, SESSION_TTL_SECS, SIGNIN_WINDOW_SECS};
pub use practices::*;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::path::Path;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// Which database the store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What can go wrong. `NotFound` is also what an outsider gets for another
/// couple's row: the store never says "exists but not yours".
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(&'static str),
    #[error("{0}")]
    Invalid(String),
    #[error("too many failed sign-ins; try again in {0} seconds")]
    RateLimited(i64),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Every table of the schema.
const TABLES: &[&str] = &[
    "users",
    "couples",
    "memberships",
    "invites",
    "sessions",
    "signin_failures",
    "checkins",
    "promises",
    "pauses",
    "appreciations",
    "space_requests",
    "chat_messages",
    "reports",
];

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The store: a connection pool and the backend it talks to. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Opens (creating when missing) the database at `url` and brings its
    /// schema up to date. `sqlite://PATH` or `postgres://…`.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(StoreError::Invalid(format!("unsupported database URL {url:?}: use sqlite://PATH or postgres://USER@HOST/DB")));
        };
        let url = if backend == Backend::Sqlite && !url.contains("mode=") {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        } else {
            url.to_string()
        };
        let opts = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL keeps readers off the writer's back; FULL sync
                        // makes an acknowledged write survive a power cut, not
                        // only a crash; foreign keys make deletion cascade.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store { pool, backend })
    }

    /// Opens `haven.db` inside `dir`, creating the directory (mode 0700 on
    /// Unix: the data is intimate) and the database when missing.
    pub async fn open_dir(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Invalid(format!("cannot create data directory {}: {e}", dir.display())))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        let path = dir.join("haven.db");
        Store::open(&format!("sqlite://{}", path.display())).await
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A cheap round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// The database's own consistency check: SQLite's `PRAGMA
    /// integrity_check` ("ok" when sound); on PostgreSQL, which recovers from
    /// its write-ahead log by itself, a read of every table.
    pub async fn integrity_check(&self) -> Result<String> {
        match self.backend {
            Backend::Sqlite => Ok(sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&self.pool).await?),
            Backend::Postgres => {
                for table in TABLES {
                    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(&self.pool).await?;
                }
                Ok("ok".into())
            }
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A fresh random id (128 bits, hex).
pub(crate) fn new_id() -> String {
    random_token(16)
}

/// `bytes` random bytes from the OS, hex-encoded.
pub fn random_token(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

/// SHA-256 of a secret token, hex: what the database keeps instead of the
/// token, so a copy of the database does not hand out live sessions.
pub(crate) fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Trims `s` and checks it is between 1 and `max` characters.
pub(crate) fn bounded(field: &str, s: &str, max: usize) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(StoreError::Invalid(format!("{field} is empty")));
    }
    if t.chars().count() > max {
        return Err(StoreError::Invalid(format!("{field} is longer than {max} characters")));
    }
    Ok(t.to_string())
}

/// For test suites: creates a fresh, uniquely named database on the
/// PostgreSQL server of `admin_url` (a URL to any database there, e.g.
/// `postgres://haven:haven@127.0.0.1/postgres`) and returns its URL.
#[doc(hidden)]
pub async fn create_test_database(admin_url: &str) -> Result<String> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!("haven_test_{}", random_token(6));
    let mut conn = sqlx::AnyConnection::connect(admin_url).await?;
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await?;
    conn.close().await?;
    let (base, _) = admin_url.rsplit_once('/').ok_or_else(|| StoreError::Invalid("the admin URL has no database name".into()))?;
    let query = admin_url.split_once('?').map(|(_, q)| format!("?{q}")).unwrap_or_default();
    Ok(format!("{base}/{name}{query}"))
}

/// For test suites: the stores to run against. Always a fresh SQLite file in
/// `dir`; also a fresh PostgreSQL database when `HAVEN_TEST_DATABASE_URL` is
/// set. Under CI (`CI` set) a missing PostgreSQL is an error, so the suite
/// cannot silently skip it.
#[doc(hidden)]
pub async fn test_stores(dir: &Path) -> Vec<(Backend, String)> {
    let mut v = vec![(Backend::Sqlite, format!("sqlite://{}", dir.join("haven.db").display()))];
    match std::env::var("HAVEN_TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => {
            let url = create_test_database(&admin).await.expect("creating a PostgreSQL test database");
            v.push((Backend::Postgres, url));
        }
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but HAVEN_TEST_DATABASE_URL is not: the PostgreSQL half of the suite would be skipped"
            );
            eprintln!("note: HAVEN_TEST_DATABASE_URL unset; testing SQLite only");
        }
    }
    v
}
