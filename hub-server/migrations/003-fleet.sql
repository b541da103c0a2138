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

CREATE TABLE heartbeats_latest (
  kiosk_id       TEXT PRIMARY KEY REFERENCES kiosks (id),
  received_at    TEXT NOT NULL,
  payload        TEXT NOT NULL,
  history_count  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE heartbeat_history (
  id           INTEGER PRIMARY KEY,
  kiosk_id     TEXT NOT NULL REFERENCES kiosks (id),
  received_at  TEXT NOT NULL,
  payload      TEXT NOT NULL,
  -- The alerts this heartbeat calls for (domain.ts alertsCalledFor), as 'kind|device' strings.
  alerts       TEXT NOT NULL DEFAULT '[]'
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


-- One INSERT into the history records a heartbeat: the registry's last_seen and
-- agent version, the latest row, the history trimmed to the newest 288
-- (HISTORY_PER_KIOSK in modules/fleet/domain.ts), and the kiosk's alerts (the
-- ones the heartbeat calls for opened, every other open one closed, the
-- offline alert included) all follow in the same statement. The count kept beside the latest row makes the trim an index
-- lookup instead of a scan of the kiosk's history.
CREATE TRIGGER heartbeat_recorded AFTER INSERT ON heartbeat_history BEGIN
  UPDATE kiosks
     SET last_seen_at = NEW.received_at, agent_version = json_extract(NEW.payload, '$.agentVersion'), enrolled = 1
   WHERE id = NEW.kiosk_id;
  INSERT INTO heartbeats_latest (kiosk_id, received_at, payload, history_count)
    VALUES (NEW.kiosk_id, NEW.received_at, NEW.payload, 1)
    ON CONFLICT (kiosk_id) DO UPDATE
      SET received_at = excluded.received_at, payload = excluded.payload, history_count = history_count + 1;
  DELETE FROM heartbeat_history
   WHERE id = (SELECT min(id) FROM heartbeat_history WHERE kiosk_id = NEW.kiosk_id)
     AND (SELECT history_count FROM heartbeats_latest WHERE kiosk_id = NEW.kiosk_id) > 288;
  UPDATE heartbeats_latest SET history_count = 288 WHERE kiosk_id = NEW.kiosk_id AND history_count > 288;
  UPDATE alerts SET closed_at = NEW.received_at
   WHERE kiosk_id = NEW.kiosk_id AND closed_at IS NULL
     AND kind || '|' || device NOT IN (SELECT value FROM json_each(NEW.alerts));
  INSERT INTO alerts (id, kiosk_id, kind, device, opened_at)
    SELECT lower(hex(randomblob(16))), NEW.kiosk_id, substr(value, 1, instr(value, '|') - 1),
           substr(value, instr(value, '|') + 1), NEW.received_at
      FROM json_each(NEW.alerts) WHERE true
    ON CONFLICT DO NOTHING;
END;

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
