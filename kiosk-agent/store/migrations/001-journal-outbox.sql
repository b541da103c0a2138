-- The journal: one row per step of a money, booking or case call, appended and never changed.
-- The state of an idempotency key is derived from its rows (intent, then outcome, then print).
CREATE TABLE journal (
  seq    INTEGER PRIMARY KEY,
  key    TEXT NOT NULL,
  entry  TEXT NOT NULL CHECK (entry IN ('intent', 'outcome', 'print')),
  kind   TEXT NOT NULL,
  at     TEXT NOT NULL,
  -- Masked summary only: amounts, references, masked account and card numbers.
  data   TEXT NOT NULL
);
CREATE INDEX journal_key ON journal (key, seq);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

-- What still has to reach the hub: telemetry and copies of journal rows, each with an id the
-- hub stores once. A row leaves when the hub acknowledged its id.
CREATE TABLE outbox (
  seq    INTEGER PRIMARY KEY,
  id     TEXT NOT NULL UNIQUE,
  kind   TEXT NOT NULL CHECK (kind IN ('telemetry', 'journal')),
  at     TEXT NOT NULL,
  body   TEXT NOT NULL,
  bytes  INTEGER NOT NULL
);
CREATE INDEX outbox_kind ON outbox (kind, seq);
