-- Bill payment reconciliation (issue 7): each run compares one business day (Asia/Shanghai) of the
-- gateway's statement, the hub's payments and the billers' statements, and keeps every mismatch it
-- found with the action it calls for. Money is integer fen.

CREATE TABLE reconciliation_runs (
  id                   TEXT PRIMARY KEY,
  -- The business day, YYYY-MM-DD in Asia/Shanghai (UTC+8, no daylight saving).
  business_day         TEXT NOT NULL,
  trigger              TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  -- The person who asked for a manual run; NULL for the daily job.
  requested_by         TEXT,
  state                TEXT NOT NULL CHECK (state IN ('done', 'failed')),
  -- Why a failed run failed (a statement could not be fetched, …).
  error                TEXT,
  started_at           TEXT NOT NULL,
  finished_at          TEXT NOT NULL,
  payments_checked     INTEGER NOT NULL DEFAULT 0,
  gateway_lines        INTEGER NOT NULL DEFAULT 0,
  biller_lines         INTEGER NOT NULL DEFAULT 0,
  -- The day's money on each side: charged and refunded at the gateway, posted net at the billers.
  gateway_charged_fen  INTEGER NOT NULL DEFAULT 0,
  gateway_refunded_fen INTEGER NOT NULL DEFAULT 0,
  biller_posted_fen    INTEGER NOT NULL DEFAULT 0,
  findings             INTEGER NOT NULL DEFAULT 0,
  -- Findings that need a person (the rest are in flight or for the resolver).
  unexplained          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reconciliation_runs_started ON reconciliation_runs (started_at);
-- One daily-job run per day, however many hub processes run the timer.
CREATE UNIQUE INDEX reconciliation_runs_scheduled ON reconciliation_runs (business_day) WHERE trigger = 'schedule';

CREATE TABLE reconciliation_findings (
  id             INTEGER PRIMARY KEY,
  run_id         TEXT NOT NULL REFERENCES reconciliation_runs (id),
  kind           TEXT NOT NULL,
  -- The hub's payment id: the gateway's order number and the biller's serial.
  payment_id     TEXT NOT NULL,
  -- The gateway or biller reference the finding is about, when there is one.
  reference      TEXT,
  biller_id      TEXT,
  hub_state      TEXT NOT NULL,
  gateway_state  TEXT NOT NULL,
  biller_state   TEXT NOT NULL,
  hub_fen        INTEGER,
  gateway_fen    INTEGER NOT NULL,
  biller_fen     INTEGER NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('wait', 'resolve', 'refund', 'refund-extra', 'post',
                   'reverse', 'investigate')),
  status         TEXT NOT NULL CHECK (status IN ('in-flight', 'resolvable', 'needs-person')),
  note           TEXT NOT NULL
);
CREATE INDEX reconciliation_findings_run ON reconciliation_findings (run_id, id);

-- The daily run reads a day of payments by creation time.
CREATE INDEX payments_created ON payments (created_at);
