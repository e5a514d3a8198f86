//! The practices of the couple space. Every query filters by the acting
//! member's couple; private rows also by their author.

use crate::{bounded, new_id, Member, Result, Store, StoreError};
use serde::Serialize;

/// The shortest pause: flooding takes about twenty minutes to settle.
pub const MIN_PAUSE_MINUTES: i64 = 20;
/// The longest pause before the topic must come back: a week.
pub const MAX_PAUSE_MINUTES: i64 = 7 * 24 * 60;
/// Limits on what a person can type into one field.
pub const MAX_SHORT: usize = 200;
pub const MAX_LONG: usize = 4000;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct Checkin {
    pub id: String,
    pub author_id: String,
    pub felt_safe: String,
    pub felt_unsafe: String,
    pub shared: i64,
    pub discussed: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct Promise {
    pub id: String,
    pub made_by: String,
    pub made_to: String,
    pub what: String,
    pub due_at: Option<i64>,
    /// `open`, `kept` or `broken`.
    pub status: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct Pause {
    pub id: String,
    pub called_by: String,
    pub topic: String,
    pub created_at: i64,
    pub resume_at: i64,
    pub resumed_at: Option<i64>,
    pub resumed_by: Option<String>,
}

impl Pause {
    /// Still paused: not resumed and the resume time not reached.
    pub fn is_running(&self, now: i64) -> bool {
        self.resumed_at.is_none() && now < self.resume_at
    }

    /// The resume time has come and nobody has reopened the topic yet: both
    /// partners are reminded.
    pub fn is_due(&self, now: i64) -> bool {
        self.resumed_at.is_none() && now >= self.resume_at
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct Appreciation {
    pub id: String,
    pub author_id: String,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct SpaceRequest {
    pub id: String,
    pub author_id: String,
    pub body: String,
    pub until_at: Option<i64>,
    pub acknowledged_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct ChatMessage {
    pub id: String,
    pub author_id: String,
    pub body: String,
    /// The behaviour ids the draft coach found, comma-separated.
    pub labels: String,
    pub sent_anyway: i64,
    pub created_at: i64,
}

/// A saved analysis. `analysis` is the JSON report, `html` the rendered one.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq, Eq)]
pub struct Report {
    pub id: String,
    pub owner_id: String,
    pub title: String,
    pub summary: String,
    pub shared: i64,
    pub created_at: i64,
}

/// Promise keeping per person: kept / (kept + broken), over all resolved
/// promises, plus the same per week for a trend.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Consistency {
    pub user_id: String,
    pub kept: i64,
    pub broken: i64,
    pub open: i64,
    /// None until one promise is resolved.
    pub score: Option<f64>,
    /// (week start as unix seconds, kept share that week), oldest first.
    pub weekly: Vec<(i64, f64)>,
}

const WEEK: i64 = 7 * 24 * 3600;

/// Kept share of resolved promises per person, overall and per week.
pub fn consistency(promises: &[Promise], user_id: &str) -> Consistency {
    let mine: Vec<&Promise> = promises.iter().filter(|p| p.made_by == user_id).collect();
    let count = |s: &str| mine.iter().filter(|p| p.status == s).count() as i64;
    let (kept, broken, open) = (count("kept"), count("broken"), count("open"));
    let score = (kept + broken > 0).then(|| kept as f64 / (kept + broken) as f64);
    let mut weeks: std::collections::BTreeMap<i64, (i64, i64)> = Default::default();
    for p in &mine {
        let Some(at) = p.resolved_at else { continue };
        let e = weeks.entry(at - at.rem_euclid(WEEK)).or_default();
        if p.status == "kept" {
            e.0 += 1;
        }
        e.1 += 1;
    }
    let weekly = weeks.into_iter().map(|(w, (k, n))| (w, k as f64 / n as f64)).collect();
    Consistency { user_id: user_id.to_string(), kept, broken, open, score, weekly }
}

impl Store {
    // ---- safety check-ins -------------------------------------------------

    /// The member's own check-ins and the ones their partner shared.
    pub async fn checkins(&self, m: &Member) -> Result<Vec<Checkin>> {
        Ok(sqlx::query_as(
            "SELECT id, author_id, felt_safe, felt_unsafe, shared, discussed, created_at FROM checkins \
             WHERE couple_id = $1 AND (author_id = $2 OR shared = 1) ORDER BY created_at DESC, id",
        )
        .bind(m.couple()?)
        .bind(&m.user.id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn add_checkin(&self, m: &Member, felt_safe: &str, felt_unsafe: &str, shared: bool, now: i64) -> Result<Checkin> {
        let couple = m.couple()?;
        let (safe, unsafe_) = (felt_safe.trim(), felt_unsafe.trim());
        if safe.is_empty() && unsafe_.is_empty() {
            return Err(StoreError::Invalid("write what felt safe, what felt unsafe, or both".into()));
        }
        if safe.chars().count() > MAX_LONG || unsafe_.chars().count() > MAX_LONG {
            return Err(StoreError::Invalid(format!("each answer is limited to {MAX_LONG} characters")));
        }
        let c = Checkin {
            id: new_id(),
            author_id: m.user.id.clone(),
            felt_safe: safe.into(),
            felt_unsafe: unsafe_.into(),
            shared: shared as i64,
            discussed: 0,
            created_at: now,
        };
        sqlx::query(
            "INSERT INTO checkins (id, couple_id, author_id, felt_safe, felt_unsafe, shared, discussed, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&c.id)
        .bind(couple)
        .bind(&c.author_id)
        .bind(&c.felt_safe)
        .bind(&c.felt_unsafe)
        .bind(c.shared)
        .bind(c.discussed)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(c)
    }

    /// Shares one of the member's own private check-ins.
    pub async fn share_checkin(&self, m: &Member, id: &str) -> Result<()> {
        let n = sqlx::query("UPDATE checkins SET shared = 1 WHERE id = $1 AND couple_id = $2 AND author_id = $3")
            .bind(id)
            .bind(m.couple()?)
            .bind(&m.user.id)
            .execute(self.pool())
            .await?
            .rows_affected();
        found(n)
    }

    /// Marks a shared check-in as talked about (either partner).
    pub async fn mark_discussed(&self, m: &Member, id: &str) -> Result<()> {
        let n = sqlx::query("UPDATE checkins SET discussed = 1 WHERE id = $1 AND couple_id = $2 AND shared = 1")
            .bind(id)
            .bind(m.couple()?)
            .execute(self.pool())
            .await?
            .rows_affected();
        found(n)
    }

    // ---- promises ---------------------------------------------------------

    pub async fn promises(&self, m: &Member) -> Result<Vec<Promise>> {
        Ok(sqlx::query_as(
            "SELECT id, made_by, made_to, what, due_at, status, created_at, resolved_at FROM promises \
             WHERE couple_id = $1 ORDER BY created_at DESC, id",
        )
        .bind(m.couple()?)
        .fetch_all(self.pool())
        .await?)
    }

    /// A promise from the member to their partner.
    pub async fn add_promise(&self, m: &Member, what: &str, due_at: Option<i64>, now: i64) -> Result<Promise> {
        let couple = m.couple()?;
        let partner = m.partner()?;
        let what = bounded("the promise", what, MAX_SHORT)?;
        if due_at.is_some_and(|d| d < now - 24 * 3600) {
            return Err(StoreError::Invalid("the date is in the past".into()));
        }
        let p = Promise {
            id: new_id(),
            made_by: m.user.id.clone(),
            made_to: partner.id.clone(),
            what,
            due_at,
            status: "open".into(),
            created_at: now,
            resolved_at: None,
        };
        sqlx::query(
            "INSERT INTO promises (id, couple_id, made_by, made_to, what, due_at, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&p.id)
        .bind(couple)
        .bind(&p.made_by)
        .bind(&p.made_to)
        .bind(&p.what)
        .bind(p.due_at)
        .bind(&p.status)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(p)
    }

    /// Marks an open promise kept or broken. Only the partner it was made to
    /// may: the maker does not grade their own promise.
    pub async fn resolve_promise(&self, m: &Member, id: &str, kept: bool, now: i64) -> Result<()> {
        let n = sqlx::query(
            "UPDATE promises SET status = $1, resolved_at = $2 WHERE id = $3 AND couple_id = $4 AND made_to = $5 AND status = 'open'",
        )
        .bind(if kept { "kept" } else { "broken" })
        .bind(now)
        .bind(id)
        .bind(m.couple()?)
        .bind(&m.user.id)
        .execute(self.pool())
        .await?
        .rows_affected();
        found(n)
    }

    // ---- pause and resume -------------------------------------------------

    pub async fn pauses(&self, m: &Member) -> Result<Vec<Pause>> {
        Ok(sqlx::query_as(
            "SELECT id, called_by, topic, created_at, resume_at, resumed_at, resumed_by FROM pauses \
             WHERE couple_id = $1 ORDER BY created_at DESC, id LIMIT 100",
        )
        .bind(m.couple()?)
        .fetch_all(self.pool())
        .await?)
    }

    /// Pauses not yet resumed: running ones and due ones.
    pub async fn open_pauses(&self, m: &Member) -> Result<Vec<Pause>> {
        Ok(sqlx::query_as(
            "SELECT id, called_by, topic, created_at, resume_at, resumed_at, resumed_by FROM pauses \
             WHERE couple_id = $1 AND resumed_at IS NULL ORDER BY resume_at, id",
        )
        .bind(m.couple()?)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn call_pause(&self, m: &Member, topic: &str, minutes: i64, now: i64) -> Result<Pause> {
        let couple = m.couple()?;
        let topic = bounded("the topic", topic, MAX_SHORT)?;
        if !(MIN_PAUSE_MINUTES..=MAX_PAUSE_MINUTES).contains(&minutes) {
            return Err(StoreError::Invalid(format!(
                "a pause lasts between {MIN_PAUSE_MINUTES} minutes (the body needs about that long to calm down) and a week"
            )));
        }
        let p = Pause {
            id: new_id(),
            called_by: m.user.id.clone(),
            topic,
            created_at: now,
            resume_at: now + minutes * 60,
            resumed_at: None,
            resumed_by: None,
        };
        sqlx::query("INSERT INTO pauses (id, couple_id, called_by, topic, created_at, resume_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&p.id)
            .bind(couple)
            .bind(&p.called_by)
            .bind(&p.topic)
            .bind(now)
            .bind(p.resume_at)
            .execute(self.pool())
            .await?;
        Ok(p)
    }

    /// Reopens a paused topic. Once the resume time has come either partner
    /// may; before it, only the one who asked for the pause (it is their time
    /// to calm down, not the other's to cut short).
    pub async fn resume_pause(&self, m: &Member, id: &str, now: i64) -> Result<()> {
        let n = sqlx::query(
            "UPDATE pauses SET resumed_at = $1, resumed_by = $2 WHERE id = $3 AND couple_id = $4 AND resumed_at IS NULL \
             AND (resume_at <= $5 OR called_by = $6)",
        )
        .bind(now)
        .bind(&m.user.id)
        .bind(id)
        .bind(m.couple()?)
        .bind(now)
        .bind(&m.user.id)
        .execute(self.pool())
        .await?
        .rows_affected();
        if n == 1 {
            return Ok(());
        }
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT resume_at FROM pauses WHERE id = $1 AND couple_id = $2 AND resumed_at IS NULL")
                .bind(id)
                .bind(m.couple()?)
                .fetch_optional(self.pool())
                .await?;
        match exists {
            Some(_) => Err(StoreError::Conflict("your partner asked for this pause; it reopens at the time they chose")),
            None => Err(StoreError::NotFound),
        }
    }

    // ---- appreciations ----------------------------------------------------

    pub async fn appreciations(&self, m: &Member) -> Result<Vec<Appreciation>> {
        Ok(sqlx::query_as(
            "SELECT id, author_id, body, created_at FROM appreciations WHERE couple_id = $1 ORDER BY created_at DESC, id LIMIT 500",
        )
        .bind(m.couple()?)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn add_appreciation(&self, m: &Member, body: &str, now: i64) -> Result<Appreciation> {
        let couple = m.couple()?;
        let a = Appreciation {
            id: new_id(),
            author_id: m.user.id.clone(),
            body: bounded("the appreciation", body, MAX_LONG)?,
            created_at: now,
        };
        sqlx::query("INSERT INTO appreciations (id, couple_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&a.id)
            .bind(couple)
            .bind(&a.author_id)
            .bind(&a.body)
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(a)
    }

    // ---- space requests ---------------------------------------------------

    pub async fn space_requests(&self, m: &Member) -> Result<Vec<SpaceRequest>> {
        Ok(sqlx::query_as(
            "SELECT id, author_id, body, until_at, acknowledged_at, created_at FROM space_requests \
             WHERE couple_id = $1 ORDER BY created_at DESC, id LIMIT 200",
        )
        .bind(m.couple()?)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn add_space_request(&self, m: &Member, body: &str, until_at: Option<i64>, now: i64) -> Result<SpaceRequest> {
        let couple = m.couple()?;
        let s = SpaceRequest {
            id: new_id(),
            author_id: m.user.id.clone(),
            body: bounded("the request", body, MAX_SHORT)?,
            until_at,
            acknowledged_at: None,
            created_at: now,
        };
        sqlx::query("INSERT INTO space_requests (id, couple_id, author_id, body, until_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&s.id)
            .bind(couple)
            .bind(&s.author_id)
            .bind(&s.body)
            .bind(s.until_at)
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(s)
    }

    /// The partner acknowledges a request (no reply field: space is granted,
    /// not negotiated).
    pub async fn acknowledge_space(&self, m: &Member, id: &str, now: i64) -> Result<()> {
        let n = sqlx::query(
            "UPDATE space_requests SET acknowledged_at = $1 WHERE id = $2 AND couple_id = $3 AND author_id <> $4 AND acknowledged_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .bind(m.couple()?)
        .bind(&m.user.id)
        .execute(self.pool())
        .await?
        .rows_affected();
        found(n)
    }

    // ---- chat -------------------------------------------------------------

    /// The latest `limit` messages, oldest first.
    pub async fn chat(&self, m: &Member, limit: i64) -> Result<Vec<ChatMessage>> {
        let mut v: Vec<ChatMessage> = sqlx::query_as(
            "SELECT id, author_id, body, labels, sent_anyway, created_at FROM chat_messages \
             WHERE couple_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(m.couple()?)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        v.reverse();
        Ok(v)
    }

    pub async fn add_chat_message(&self, m: &Member, body: &str, labels: &[&str], sent_anyway: bool, now: i64) -> Result<ChatMessage> {
        let couple = m.couple()?;
        let c = ChatMessage {
            id: new_id(),
            author_id: m.user.id.clone(),
            body: bounded("the message", body, MAX_LONG)?,
            labels: labels.join(","),
            sent_anyway: sent_anyway as i64,
            created_at: now,
        };
        sqlx::query(
            "INSERT INTO chat_messages (id, couple_id, author_id, body, labels, sent_anyway, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&c.id)
        .bind(couple)
        .bind(&c.author_id)
        .bind(&c.body)
        .bind(&c.labels)
        .bind(c.sent_anyway)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(c)
    }

    // ---- reports ----------------------------------------------------------

    /// The member's own reports and those their partner shared.
    pub async fn reports(&self, m: &Member) -> Result<Vec<Report>> {
        Ok(sqlx::query_as(
            "SELECT id, owner_id, title, summary, shared, created_at FROM reports \
             WHERE owner_id = $1 OR (couple_id = $2 AND shared = 1) ORDER BY created_at DESC, id",
        )
        .bind(&m.user.id)
        .bind(m.couple.as_deref().unwrap_or(""))
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn add_report(&self, m: &Member, title: &str, summary: &str, analysis: &str, html: &str, now: i64) -> Result<Report> {
        let r = Report {
            id: new_id(),
            owner_id: m.user.id.clone(),
            title: bounded("the title", title, MAX_SHORT)?,
            summary: summary.to_string(),
            shared: 0,
            created_at: now,
        };
        sqlx::query(
            "INSERT INTO reports (id, couple_id, owner_id, title, summary, analysis, html, shared, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&r.id)
        .bind(m.couple.as_deref())
        .bind(&r.owner_id)
        .bind(&r.title)
        .bind(&r.summary)
        .bind(analysis)
        .bind(html)
        .bind(0i64)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(r)
    }

    /// One visible report with its JSON analysis and HTML.
    pub async fn report(&self, m: &Member, id: &str) -> Result<(Report, String, String)> {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT id, owner_id, title, summary, shared, created_at, analysis, html FROM reports \
             WHERE id = $1 AND (owner_id = $2 OR (couple_id = $3 AND shared = 1))",
        )
        .bind(id)
        .bind(&m.user.id)
        .bind(m.couple.as_deref().unwrap_or(""))
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let report = Report {
            id: row.try_get(0)?,
            owner_id: row.try_get(1)?,
            title: row.try_get(2)?,
            summary: row.try_get(3)?,
            shared: row.try_get(4)?,
            created_at: row.try_get(5)?,
        };
        Ok((report, row.try_get(6)?, row.try_get(7)?))
    }

    /// Shares or unshares one of the member's own reports with the partner.
    pub async fn share_report(&self, m: &Member, id: &str, shared: bool) -> Result<()> {
        let couple = m.couple()?;
        let n = sqlx::query("UPDATE reports SET shared = $1, couple_id = $2 WHERE id = $3 AND owner_id = $4")
            .bind(shared as i64)
            .bind(couple)
            .bind(id)
            .bind(&m.user.id)
            .execute(self.pool())
            .await?
            .rows_affected();
        found(n)
    }

    pub async fn delete_report(&self, m: &Member, id: &str) -> Result<()> {
        let n = sqlx::query("DELETE FROM reports WHERE id = $1 AND owner_id = $2")
            .bind(id)
            .bind(&m.user.id)
            .execute(self.pool())
            .await?
            .rows_affected();
        found(n)
    }
}

fn found(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
