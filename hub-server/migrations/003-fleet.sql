-- The fleet: registry columns, heartbeats (latest + bounded history), alerts,
-- commands, screenshots and versioned configuration sets. Independent of 002.
ALTER TABLE kiosks ADD COLUMN group_name TEXT;
ALTER TABLE kiosks ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE kiosks ADD COLUMN agent_version TEXT;
ALTER TABLE kiosks ADD COLUMN enrolled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kiosks ADD COLUMN last_seen_at TEXT;
ALTER TABLE kiosks ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kiosks ADD COLUMN maintenance INTEGER NOT NULL DEFAULT 0;
CREATE INDEX kiosks_district ON kiosks (district, id);
CREATE INDEX kiosks_last_seen ON kiosks (last_seen_at);

CREATE TABLE heartbeats_latest (
  kiosk_id     TEXT PRIMARY KEY REFERENCES kiosks (id),
  received_at  TEXT NOT NULL,
  payload      TEXT NOT NULL
);

CREATE TABLE heartbeat_history (
  id           INTEGER PRIMARY KEY,
  kiosk_id     TEXT NOT NULL REFERENCES kiosks (id),
  received_at  TEXT NOT NULL,
  payload      TEXT NOT NULL
);
CREATE INDEX heartbeat_history_kiosk ON heartbeat_history (kiosk_id, id);

CREATE TABLE alerts (
  id               TEXT PRIMARY KEY,
  kiosk_id         TEXT NOT NULL REFERENCES kiosks (id),
  kind             TEXT NOT NULL CHECK (kind IN ('offline', 'paper-low', 'paper-out', 'device-fault', 'disk-low', 'version-behind')),
  device           TEXT NOT NULL DEFAULT '',
  opened_at        TEXT NOT NULL,
  closed_at        TEXT,
  acknowledged_at  TEXT,
  acknowledged_by  TEXT,
  note             TEXT
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (kiosk_id, kind, device) WHERE closed_at IS NULL;
CREATE INDEX alerts_open_by_age ON alerts (opened_at) WHERE closed_at IS NULL;

CREATE TABLE commands (
  id           TEXT PRIMARY KEY,
  kiosk_id     TEXT NOT NULL REFERENCES kiosks (id),
  kind         TEXT NOT NULL CHECK (kind IN ('reload-ui', 'restart-browser', 'set-maintenance', 'take-screenshot', 'set-config', 'reprint-last-receipt', 'send-logs')),
  args         TEXT NOT NULL DEFAULT '{}',
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  picked_at    TEXT,
  done_at      TEXT,
  result       TEXT,
  state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'picked', 'done', 'failed', 'expired'))
);
CREATE INDEX commands_kiosk ON commands (kiosk_id, created_at);
CREATE INDEX commands_queued ON commands (state, expires_at) WHERE state = 'queued';

CREATE TABLE screenshots (
  id          TEXT PRIMARY KEY,
  kiosk_id    TEXT NOT NULL REFERENCES kiosks (id),
  command_id  TEXT REFERENCES commands (id),
  taken_at    TEXT NOT NULL,
  png         BLOB NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL
);
CREATE INDEX screenshots_kiosk ON screenshots (kiosk_id, taken_at);

CREATE TABLE config_sets (
  id          INTEGER PRIMARY KEY,
  scope       TEXT NOT NULL CHECK (scope IN ('kiosk', 'group')),
  scope_id    TEXT NOT NULL,
  version     INTEGER NOT NULL,
  "values"    TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (scope, scope_id, version)
);
