-- A console alert when a kiosk printed a bill payment's receipt after a crash or power cut (issue 7):
-- the agent sends `payment.receipt-recovered` telemetry through its outbox; the maintainer should
-- look at that kiosk's tray (a receipt nobody was there to take). One alert per payment (its id in
-- `device`), opened when the telemetry row is stored and closed when a person acknowledges it: it
-- is an event, not a state a heartbeat reports, so heartbeats leave it open.

DROP TRIGGER heartbeat_recorded;

CREATE TABLE alerts_new (
  id               TEXT PRIMARY KEY,
  kiosk_id         TEXT NOT NULL REFERENCES kiosks (id),
  kind             TEXT NOT NULL CHECK (kind IN ('offline', 'paper-low', 'paper-out', 'device-fault', 'disk-low',
                     'version-behind', 'receipt-recovered')),
  device           TEXT NOT NULL DEFAULT '',
  opened_at        TEXT NOT NULL,
  closed_at        TEXT,
  acknowledged_at  TEXT,
  acknowledged_by  TEXT,
  note             TEXT
);
INSERT INTO alerts_new SELECT id, kiosk_id, kind, device, opened_at, closed_at, acknowledged_at, acknowledged_by, note
  FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;
CREATE UNIQUE INDEX alerts_one_open ON alerts (kiosk_id, kind, device) WHERE closed_at IS NULL;
CREATE INDEX alerts_open_by_age ON alerts (opened_at) WHERE closed_at IS NULL;

-- As in 003, except that a heartbeat closes only the alerts heartbeats open.
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
   WHERE kiosk_id = NEW.kiosk_id AND closed_at IS NULL AND kind != 'receipt-recovered'
     AND kind || '|' || device NOT IN (SELECT value FROM json_each(NEW.alerts));
  INSERT INTO alerts (id, kiosk_id, kind, device, opened_at)
    SELECT lower(hex(randomblob(16))), NEW.kiosk_id, substr(value, 1, instr(value, '|') - 1),
           substr(value, instr(value, '|') + 1), NEW.received_at
      FROM json_each(NEW.alerts) WHERE true
    ON CONFLICT DO NOTHING;
END;

-- The agent's outbox delivers at least once; a duplicate row is not inserted, so it opens nothing.
CREATE TRIGGER receipt_recovered_alert AFTER INSERT ON kiosk_outbox_items
  WHEN NEW.kind = 'telemetry' AND json_extract(NEW.body, '$.type') = 'payment.receipt-recovered'
BEGIN
  INSERT INTO alerts (id, kiosk_id, kind, device, opened_at)
    SELECT lower(hex(randomblob(16))), NEW.kiosk_id, 'receipt-recovered',
           coalesce(json_extract(NEW.body, '$.paymentId'), ''), NEW.received_at
     WHERE EXISTS (SELECT 1 FROM kiosks WHERE id = NEW.kiosk_id)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER receipt_recovered_acknowledged AFTER UPDATE OF acknowledged_at ON alerts
  WHEN NEW.kind = 'receipt-recovered' AND NEW.closed_at IS NULL AND NEW.acknowledged_at IS NOT NULL
BEGIN
  UPDATE alerts SET closed_at = NEW.acknowledged_at WHERE id = NEW.id;
END;
