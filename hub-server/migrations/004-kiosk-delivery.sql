-- Kiosk request idempotency and the kiosk outbox (issue 5). Independent of 001-003 but the kiosks.
-- A kiosk's POST with an Idempotency-Key: the first request's body hash and, once answered, the
-- response, replayed for a retry with the same body. `state` is 'in-progress' while it runs.
CREATE TABLE kiosk_idempotency (
  kiosk_id      TEXT NOT NULL,
  key           TEXT NOT NULL,
  method        TEXT NOT NULL,
  path          TEXT NOT NULL,
  body_hash     TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('in-progress', 'done')),
  status        INTEGER,
  content_type  TEXT,
  response      TEXT,
  created_at    TEXT NOT NULL,
  completed_at  TEXT,
  PRIMARY KEY (kiosk_id, key)
);

-- Telemetry and journal rows a kiosk delivered through its outbox, each id stored once.
CREATE TABLE kiosk_outbox_items (
  kiosk_id     TEXT NOT NULL,
  id           TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('telemetry', 'journal')),
  at           TEXT NOT NULL,
  body         TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  PRIMARY KEY (kiosk_id, id)
);
CREATE INDEX kiosk_outbox_items_kind ON kiosk_outbox_items (kiosk_id, kind, at);
