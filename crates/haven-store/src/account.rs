//! Accounts, sessions, the sign-in rate limit, pairing with a one-time code,
//! leaving a couple, exporting and deleting one's data.

use crate::{bounded, new_id, random_token, token_hash, Result, Store, StoreError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

/// A session lasts 30 days from sign-in.
pub const SESSION_TTL_SECS: i64 = 30 * 24 * 3600;
/// An invite code works once, for 24 hours.
pub const INVITE_TTL_SECS: i64 = 24 * 3600;
/// Failed attempts allowed per key inside the window before sign-in is
/// refused for the rest of the window.
pub const MAX_SIGNIN_FAILURES: i64 = 5;
pub const SIGNIN_WINDOW_SECS: i64 = 15 * 60;
const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub created_at: i64,
}

/// The person acting, with their couple and partner when paired. Every
/// couple-data method of the store takes one.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub user: User,
    pub couple: Option<String>,
    pub partner: Option<User>,
}

impl Member {
    pub(crate) fn couple(&self) -> Result<&str> {
        self.couple.as_deref().ok_or(StoreError::Conflict("pair with your partner first"))
    }

    pub(crate) fn partner(&self) -> Result<&User> {
        self.partner.as_ref().ok_or(StoreError::Conflict("your partner has not joined yet"))
    }

    /// The display name for a user id of this couple.
    pub fn name_of(&self, id: &str) -> &str {
        if id == self.user.id {
            "you"
        } else {
            self.partner.as_ref().filter(|p| p.id == id).map_or("your former partner", |p| p.name.as_str())
        }
    }
}

/// A signed-in session. `token` goes to the browser in a cookie; only its
/// hash is stored. `csrf` is the token every form and API write must echo.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub csrf: String,
    pub member: Member,
}

fn normalise_email(email: &str) -> Result<String> {
    let e = email.trim().to_lowercase();
    let ok = e.len() <= 254 && e.split_once('@').is_some_and(|(a, d)| !a.is_empty() && d.contains('.') && !d.starts_with('.'));
    if !ok || e.chars().any(char::is_whitespace) {
        return Err(StoreError::Invalid("enter a valid e-mail address".into()));
    }
    Ok(e)
}

/// Argon2 work runs on a small fixed pool of threads, one per core: each
/// hash takes 19 MiB and most of a core for tens of milliseconds, so a burst
/// of sign-ins queues here instead of spreading over tokio's blocking pool,
/// where every thread's allocator arena would keep its own 19 MiB (seen: 1 GB
/// of RSS in a soak) and the CPU would be oversubscribed.
fn on_hasher<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> impl std::future::Future<Output = Option<T>> {
    type Job = Box<dyn FnOnce() + Send>;
    static POOL: std::sync::OnceLock<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
        for i in 0..threads {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("haven-argon2-{i}"))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                })
                .expect("spawn a hashing thread");
        }
        std::sync::Mutex::new(tx)
    });
    let (done, result) = tokio::sync::oneshot::channel();
    let sent = pool.lock().is_ok_and(|tx| {
        tx.send(Box::new(move || {
            let _ = done.send(job());
        }))
        .is_ok()
    });
    async move {
        if !sent {
            return None;
        }
        result.await.ok()
    }
}

async fn hash_password(password: String) -> Result<String> {
    on_hasher(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        // Argon2::default() is argon2id v19, m=19 MiB, t=2, p=1 (OWASP's
        // recommended minimum).
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| StoreError::Hash(e.to_string()))
    })
    .await
    .unwrap_or_else(|| Err(StoreError::Hash("the hashing pool is gone".into())))
}

async fn verify_password(password: String, hash: String) -> bool {
    on_hasher(move || PasswordHash::new(&hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()))
        .await
        .unwrap_or(false)
}

/// A valid argon2id hash of a random password: verified against when the
/// e-mail is unknown, so that the answer takes as long as for a known one.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2KqHHjmrTXUm0nF4KNH7NdsmYWdbY1cpm8/q3J6sCbs";

impl Store {
    pub async fn sign_up(&self, email: &str, name: &str, password: &str, now: i64) -> Result<User> {
        let email = normalise_email(email)?;
        let name = bounded("name", name, 60)?;
        let n = password.chars().count();
        if n < MIN_PASSWORD_CHARS {
            return Err(StoreError::Invalid(format!("choose a password of at least {MIN_PASSWORD_CHARS} characters")));
        }
        if n > MAX_PASSWORD_CHARS {
            return Err(StoreError::Invalid(format!("passwords are limited to {MAX_PASSWORD_CHARS} characters")));
        }
        let hash = hash_password(password.to_string()).await?;
        let user = User { id: new_id(), email, name, created_at: now };
        let res = sqlx::query("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&user.id)
            .bind(&user.email)
            .bind(&user.name)
            .bind(&hash)
            .bind(now)
            .execute(self.pool())
            .await;
        match res {
            Ok(_) => Ok(user),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(StoreError::Conflict("an account with this e-mail already exists"))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether `password` is this user's (to confirm a destructive action).
    pub async fn check_password(&self, user_id: &str, password: &str) -> Result<bool> {
        let hash: Option<String> =
            sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(user_id).fetch_optional(self.pool()).await?;
        Ok(verify_password(password.to_string(), hash.unwrap_or_else(|| DUMMY_HASH.to_string())).await)
    }

    /// Checks the rate limit for every key, then the password. A failure is
    /// recorded against every key (the e-mail and the client address).
    pub async fn sign_in(&self, email: &str, password: &str, client: &str, now: i64) -> Result<Session> {
        let email = email.trim().to_lowercase();
        let keys = [format!("email:{email}"), format!("client:{client}")];
        for (i, key) in keys.iter().enumerate() {
            // A client (one address) may try more accounts than one account
            // may be tried.
            let limit = if i == 0 { MAX_SIGNIN_FAILURES } else { MAX_SIGNIN_FAILURES * 6 };
            self.check_rate(key, limit, now).await?;
        }
        let row = sqlx::query("SELECT id, password_hash FROM users WHERE email = $1").bind(&email).fetch_optional(self.pool()).await?;
        let (id, hash) = match row {
            Some(r) => (Some(r.try_get::<String, _>(0)?), r.try_get::<String, _>(1)?),
            None => (None, DUMMY_HASH.to_string()),
        };
        let ok = verify_password(password.to_string(), hash).await;
        match id {
            Some(id) if ok => self.create_session(&id, now).await,
            _ => {
                for key in &keys {
                    sqlx::query("INSERT INTO signin_failures (key, at) VALUES ($1, $2)").bind(key).bind(now).execute(self.pool()).await?;
                }
                Err(StoreError::Invalid("wrong e-mail or password".into()))
            }
        }
    }

    async fn check_rate(&self, key: &str, limit: i64, now: i64) -> Result<()> {
        let since = now - SIGNIN_WINDOW_SECS;
        let row = sqlx::query("SELECT COUNT(*), MIN(at) FROM signin_failures WHERE key = $1 AND at > $2")
            .bind(key)
            .bind(since)
            .fetch_one(self.pool())
            .await?;
        let count: i64 = row.try_get(0)?;
        if count >= limit {
            let oldest: Option<i64> = row.try_get(1)?;
            return Err(StoreError::RateLimited((oldest.unwrap_or(now) + SIGNIN_WINDOW_SECS - now).max(1)));
        }
        Ok(())
    }

    /// A fresh session (a new token every sign-in: no session fixation).
    pub async fn create_session(&self, user_id: &str, now: i64) -> Result<Session> {
        let token = random_token(32);
        let csrf = random_token(32);
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash(&token))
            .bind(user_id)
            .bind(&csrf)
            .bind(now)
            .bind(now + SESSION_TTL_SECS)
            .execute(self.pool())
            .await?;
        // Housekeeping that any instance may do: expired sessions and old
        // failure counters go.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now).execute(self.pool()).await?;
        sqlx::query("DELETE FROM signin_failures WHERE at < $1").bind(now - SIGNIN_WINDOW_SECS).execute(self.pool()).await?;
        let member = self.member(user_id).await?;
        Ok(Session { token, csrf, member })
    }

    /// The live session for a cookie token, with its member, couple and
    /// partner. One query: this runs on every request, and four round trips
    /// were most of the time of a draft check over HTTP.
    pub async fn session(&self, token: &str, now: i64) -> Result<Option<Session>> {
        if token.len() != 64 {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT s.csrf, u.id, u.email, u.name, u.created_at, m.couple_id, p.id, p.email, p.name, p.created_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             LEFT JOIN memberships m ON m.user_id = u.id \
             LEFT JOIN memberships pm ON pm.couple_id = m.couple_id AND pm.user_id <> u.id \
             LEFT JOIN users p ON p.id = pm.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash(token))
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user = User { id: row.try_get(1)?, email: row.try_get(2)?, name: row.try_get(3)?, created_at: row.try_get(4)? };
        let partner = match row.try_get::<Option<String>, _>(6)? {
            Some(id) => Some(User { id, email: row.try_get(7)?, name: row.try_get(8)?, created_at: row.try_get(9)? }),
            None => None,
        };
        let member = Member { user, couple: row.try_get(5)?, partner };
        Ok(Some(Session { token: token.to_string(), csrf: row.try_get(0)?, member }))
    }

    pub async fn sign_out(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(token)).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn member(&self, user_id: &str) -> Result<Member> {
        let user: User = sqlx::query_as("SELECT id, email, name, created_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let couple: Option<String> =
            sqlx::query_scalar("SELECT couple_id FROM memberships WHERE user_id = $1").bind(user_id).fetch_optional(self.pool()).await?;
        let partner = match &couple {
            Some(c) => {
                sqlx::query_as(
                    "SELECT u.id, u.email, u.name, u.created_at FROM users u JOIN memberships m ON m.user_id = u.id \
                     WHERE m.couple_id = $1 AND u.id <> $2",
                )
                .bind(c)
                .bind(user_id)
                .fetch_optional(self.pool())
                .await?
            }
            None => None,
        };
        Ok(Member { user, couple, partner })
    }

    /// Makes a one-time code for the partner to join; starts the couple when
    /// the member has none yet.
    pub async fn create_invite(&self, m: &Member, now: i64) -> Result<String> {
        if m.partner.is_some() {
            return Err(StoreError::Conflict("you are already paired"));
        }
        let couple = match &m.couple {
            Some(c) => c.clone(),
            None => {
                let c = new_id();
                let mut tx = self.pool().begin().await?;
                sqlx::query("INSERT INTO couples (id, created_at) VALUES ($1, $2)").bind(&c).bind(now).execute(&mut *tx).await?;
                sqlx::query("INSERT INTO memberships (user_id, couple_id, joined_at) VALUES ($1, $2, $3)")
                    .bind(&m.user.id)
                    .bind(&c)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                c
            }
        };
        let code = invite_code();
        sqlx::query("DELETE FROM invites WHERE created_by = $1").bind(&m.user.id).execute(self.pool()).await?;
        sqlx::query("INSERT INTO invites (code_hash, couple_id, created_by, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash(&canonical_code(&code)))
            .bind(&couple)
            .bind(&m.user.id)
            .bind(now + INVITE_TTL_SECS)
            .execute(self.pool())
            .await?;
        Ok(code)
    }

    /// Joins the couple of the code's maker. The code works once; wrong codes
    /// count against the same rate limit as wrong passwords.
    pub async fn accept_invite(&self, m: &Member, code: &str, now: i64) -> Result<()> {
        if m.partner.is_some() {
            return Err(StoreError::Conflict("you are already paired"));
        }
        let key = format!("invite:{}", m.user.id);
        self.check_rate(&key, MAX_SIGNIN_FAILURES, now).await?;
        let hash = token_hash(&canonical_code(code));
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query("SELECT couple_id, created_by FROM invites WHERE code_hash = $1 AND expires_at > $2")
            .bind(&hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            drop(tx);
            sqlx::query("INSERT INTO signin_failures (key, at) VALUES ($1, $2)").bind(&key).bind(now).execute(self.pool()).await?;
            return Err(StoreError::Invalid("that code is wrong or has expired; ask your partner for a new one".into()));
        };
        let couple: String = row.try_get(0)?;
        let maker: String = row.try_get(1)?;
        if maker == m.user.id {
            return Err(StoreError::Invalid("this is your own code: give it to your partner".into()));
        }
        // Only one acceptance can delete the row.
        let taken = sqlx::query("DELETE FROM invites WHERE code_hash = $1").bind(&hash).execute(&mut *tx).await?.rows_affected();
        let members: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE couple_id = $1").bind(&couple).fetch_one(&mut *tx).await?;
        if taken != 1 || members >= 2 {
            return Err(StoreError::Conflict("this couple is already complete"));
        }
        // A member alone in a couple of their own (they made a code first)
        // moves over; their solo couple had no partner data.
        if let Some(own) = &m.couple {
            sqlx::query("DELETE FROM memberships WHERE user_id = $1").bind(&m.user.id).execute(&mut *tx).await?;
            sqlx::query("UPDATE reports SET couple_id = NULL WHERE couple_id = $1").bind(own).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM couples WHERE id = $1").bind(own).execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO memberships (user_id, couple_id, joined_at) VALUES ($1, $2, $3)")
            .bind(&m.user.id)
            .bind(&couple)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE reports SET couple_id = $1, shared = 0 WHERE owner_id = $2")
            .bind(&couple)
            .bind(&m.user.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Leaves the couple. The leaver's private check-ins go; their reports
    /// stay theirs but are no longer shared; what they shared (appreciations,
    /// chat, shared check-ins) stays with the partner who received it. The
    /// couple itself goes when its last member leaves.
    pub async fn leave_couple(&self, m: &Member) -> Result<()> {
        let couple = m.couple()?;
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM checkins WHERE couple_id = $1 AND author_id = $2 AND shared = 0")
            .bind(couple)
            .bind(&m.user.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE reports SET couple_id = NULL, shared = 0 WHERE owner_id = $1").bind(&m.user.id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM invites WHERE couple_id = $1").bind(couple).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM memberships WHERE user_id = $1").bind(&m.user.id).execute(&mut *tx).await?;
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE couple_id = $1").bind(couple).fetch_one(&mut *tx).await?;
        if left == 0 {
            sqlx::query("DELETE FROM couples WHERE id = $1").bind(couple).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deletes the account and everything its owner wrote (cascading foreign
    /// keys), and the couple when no one is left in it.
    pub async fn delete_account(&self, user_id: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let couple: Option<String> =
            sqlx::query_scalar("SELECT couple_id FROM memberships WHERE user_id = $1").bind(user_id).fetch_optional(&mut *tx).await?;
        sqlx::query("DELETE FROM users WHERE id = $1").bind(user_id).execute(&mut *tx).await?;
        if let Some(c) = couple {
            let left: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE couple_id = $1").bind(&c).fetch_one(&mut *tx).await?;
            if left == 0 {
                sqlx::query("DELETE FROM couples WHERE id = $1").bind(&c).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Everything stored about or by this person, as one JSON document.
    pub async fn export(&self, m: &Member) -> Result<serde_json::Value> {
        let me = &m.user.id;
        let checkins = self.rows_json("SELECT * FROM checkins WHERE author_id = $1 ORDER BY created_at", me).await?;
        let promises = self.rows_json("SELECT * FROM promises WHERE made_by = $1 OR made_to = $1 ORDER BY created_at", me).await?;
        let pauses = self.rows_json("SELECT * FROM pauses WHERE called_by = $1 ORDER BY created_at", me).await?;
        let appreciations = self.rows_json("SELECT * FROM appreciations WHERE author_id = $1 ORDER BY created_at", me).await?;
        let space = self.rows_json("SELECT * FROM space_requests WHERE author_id = $1 ORDER BY created_at", me).await?;
        let chat = self.rows_json("SELECT * FROM chat_messages WHERE author_id = $1 ORDER BY created_at", me).await?;
        let reports = self.rows_json("SELECT * FROM reports WHERE owner_id = $1 ORDER BY created_at", me).await?;
        Ok(json!({
            "format": "haven-export/1",
            "account": {"id": m.user.id, "email": m.user.email, "name": m.user.name, "created_at": m.user.created_at},
            "couple": m.couple,
            "partner": m.partner.as_ref().map(|p| json!({"name": p.name})),
            "checkins": checkins, "promises": promises, "pauses": pauses, "appreciations": appreciations,
            "space_requests": space, "chat_messages": chat, "reports": reports,
        }))
    }

    /// Rows of a `SELECT *` as JSON objects (TEXT and BIGINT columns only).
    async fn rows_json(&self, sql: &'static str, user: &str) -> Result<Vec<serde_json::Value>> {
        use sqlx::Column;
        let rows = sqlx::query(sql).bind(user).fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let mut o = serde_json::Map::new();
            for (i, c) in r.columns().iter().enumerate() {
                let v = if let Ok(s) = r.try_get::<Option<String>, _>(i) {
                    json!(s)
                } else if let Ok(n) = r.try_get::<Option<i64>, _>(i) {
                    json!(n)
                } else {
                    serde_json::Value::Null
                };
                o.insert(c.name().to_string(), v);
            }
            out.push(serde_json::Value::Object(o));
        }
        Ok(out)
    }
}

const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A code a person can read aloud: 10 characters from 31 unambiguous ones
/// (about 49 bits), shown as XXXXX-XXXXX.
fn invite_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    let chars: String = (0..10).map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char).collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// Upper case, without spaces or dashes: how the code is hashed.
fn canonical_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_codes_are_readable_and_canonicalise() {
        let c = invite_code();
        assert_eq!(c.len(), 11);
        assert_eq!(&c[5..6], "-");
        assert_eq!(canonical_code(&c.to_lowercase().replace('-', " ")), canonical_code(&c));
    }

    #[test]
    fn dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(normalise_email(" Ana@Example.org ").unwrap(), "ana@example.org");
        assert!(normalise_email("ana").is_err());
        assert!(normalise_email("a b@x.org").is_err());
        assert!(normalise_email("@x.org").is_err());
    }
}
