-- People who sign in to the console, their sessions, the audit log, and kiosk enrollment/credentials.
CREATE TABLE people (
  id                    TEXT PRIMARY KEY,
  username              TEXT NOT NULL UNIQUE,
  display_name          TEXT NOT NULL,
  role                  TEXT NOT NULL CHECK (role IN ('admin', 'maintainer', 'operator', 'case-desk')),
  password_hash         TEXT NOT NULL, -- scrypt$N$r$p$salt$hash: per-user salt and parameters
  must_change_password  INTEGER NOT NULL DEFAULT 0,
  failed_attempts       INTEGER NOT NULL DEFAULT 0,
  locked_until          TEXT,
  created_at            TEXT NOT NULL,
  disabled              INTEGER NOT NULL DEFAULT 0
);

-- id is the sha256 (hex) of the cookie's random token; the token itself is never stored.
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  person_id   TEXT NOT NULL REFERENCES people(id),
  csrf_token  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  last_seen   TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  actor_kind   TEXT NOT NULL CHECK (actor_kind IN ('person', 'kiosk', 'system')),
  actor_id     TEXT,
  action       TEXT NOT NULL,
  target_kind  TEXT,
  target_id    TEXT,
  before_json  TEXT,
  after_json   TEXT,
  request_id   TEXT
);
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);

CREATE TABLE enrollment_codes (
  code_hash   TEXT PRIMARY KEY,
  kiosk_id    TEXT NOT NULL REFERENCES kiosks(id),
  created_by  TEXT REFERENCES people(id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
);

CREATE TABLE kiosk_credentials (
  credential_hash  TEXT PRIMARY KEY,
  kiosk_id         TEXT NOT NULL REFERENCES kiosks(id),
  created_at       TEXT NOT NULL,
  revoked_at       TEXT
);
CREATE INDEX kiosk_credentials_kiosk ON kiosk_credentials(kiosk_id);
