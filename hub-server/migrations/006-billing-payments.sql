-- Bill payment, second half (issue 7): payments, the one gateway charge each may have, and the
-- append-only history of every state a payment passed through. Money is integer fen.

CREATE TABLE payments (
  id             TEXT PRIMARY KEY,
  kiosk_id       TEXT NOT NULL,
  -- One payment per quote: paying a quote again answers with the payment it already has.
  quote_id       TEXT NOT NULL UNIQUE REFERENCES billing_quotes (id),
  method         TEXT NOT NULL CHECK (method IN ('qr', 'payment-code', 'card')),
  state          TEXT NOT NULL CHECK (state IN ('created', 'awaiting_payer', 'authorizing', 'paid', 'posting',
                   'posted', 'failed', 'refunding', 'refunded', 'unknown')),
  -- For 'unknown': whose answer was lost (domain.ts PaymentStage), so the resolver knows whom to ask.
  stage          TEXT CHECK (stage IN ('charge', 'post', 'refund')),
  reason         TEXT,
  total_fen      INTEGER NOT NULL CHECK (total_fen > 0),
  qr_content     TEXT,
  qr_expires_at  TEXT,
  gateway_ref    TEXT UNIQUE,
  posting_ref    TEXT,
  refund_ref     TEXT,
  post_attempts  INTEGER NOT NULL DEFAULT 0,
  receipt_token  TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK ((state = 'unknown') = (stage IS NOT NULL))
);
CREATE INDEX payments_open ON payments (updated_at) WHERE state NOT IN ('posted', 'failed', 'refunded');
CREATE INDEX payments_kiosk ON payments (kiosk_id, created_at);

-- The gateway charge of a payment, claimed before the gateway is asked to take money: the
-- primary key lets only one caller ever ask, whatever is retried or restarted.
CREATE TABLE payment_charges (
  payment_id    TEXT PRIMARY KEY REFERENCES payments (id),
  method        TEXT NOT NULL,
  amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
  requested_at  TEXT NOT NULL
);

-- Every state a payment entered, written by the triggers below in the statement that changed it.
CREATE TABLE payment_events (
  id          INTEGER PRIMARY KEY,
  payment_id  TEXT NOT NULL REFERENCES payments (id),
  from_state  TEXT,
  to_state    TEXT NOT NULL,
  reason      TEXT,
  at          TEXT NOT NULL
);
CREATE INDEX payment_events_payment ON payment_events (payment_id, id);

CREATE TRIGGER payment_created AFTER INSERT ON payments BEGIN
  INSERT INTO payment_events (payment_id, from_state, to_state, reason, at)
    VALUES (NEW.id, NULL, NEW.state, NEW.reason, NEW.created_at);
END;

CREATE TRIGGER payment_moved AFTER UPDATE OF state ON payments WHEN OLD.state IS NOT NEW.state BEGIN
  INSERT INTO payment_events (payment_id, from_state, to_state, reason, at)
    VALUES (NEW.id, OLD.state, NEW.state, NEW.reason, NEW.updated_at);
END;

-- A backstop under domain.ts TRANSITIONS: a final payment never moves again.
CREATE TRIGGER payment_final_stays BEFORE UPDATE OF state ON payments
  WHEN OLD.state IN ('posted', 'failed', 'refunded') AND NEW.state IS NOT OLD.state BEGIN
  SELECT RAISE(ABORT, 'a final payment never changes state');
END;

CREATE TRIGGER payment_events_no_update BEFORE UPDATE ON payment_events BEGIN
  SELECT RAISE(ABORT, 'payment_events is append-only');
END;

CREATE TRIGGER payment_events_no_delete BEFORE DELETE ON payment_events BEGIN
  SELECT RAISE(ABORT, 'payment_events is append-only');
END;
