-- One schema for SQLite and PostgreSQL: TEXT ids made by the application,
-- BIGINT unix seconds, BIGINT 0/1 flags. Every row that belongs to a person
-- cascades when that person's account is deleted.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE couples (
    id TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- A person belongs to at most one couple; a couple has at most two members
-- (enforced by the application inside the pairing transaction).
CREATE TABLE memberships (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL
);
CREATE INDEX memberships_couple ON memberships(couple_id);

CREATE TABLE invites (
    code_hash TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-ins, by key (an e-mail address or a client address), for the
-- rate limit. Shared by every server instance.
CREATE TABLE signin_failures (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures(key, at);

CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    felt_safe TEXT NOT NULL,
    felt_unsafe TEXT NOT NULL,
    shared BIGINT NOT NULL,
    discussed BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX checkins_couple ON checkins(couple_id, created_at);

CREATE TABLE promises (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    made_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    made_to TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    due_at BIGINT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX promises_couple ON promises(couple_id, created_at);

CREATE TABLE pauses (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    called_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resume_at BIGINT NOT NULL,
    resumed_at BIGINT,
    resumed_by TEXT
);
CREATE INDEX pauses_couple ON pauses(couple_id, created_at);

CREATE TABLE appreciations (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX appreciations_couple ON appreciations(couple_id, created_at);

CREATE TABLE space_requests (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    until_at BIGINT,
    acknowledged_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX space_requests_couple ON space_requests(couple_id, created_at);

CREATE TABLE chat_messages (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    labels TEXT NOT NULL,
    sent_anyway BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX chat_messages_couple ON chat_messages(couple_id, created_at);

-- A report belongs to its uploader; couple_id is set while they are in a
-- couple so that it can be shared with the partner.
CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    couple_id TEXT REFERENCES couples(id) ON DELETE SET NULL,
    owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    analysis TEXT NOT NULL,
    html TEXT NOT NULL,
    shared BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX reports_owner ON reports(owner_id, created_at);
CREATE INDEX reports_couple ON reports(couple_id, created_at);
