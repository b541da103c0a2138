-- Bill payment, first half (issue 7): the accounts a kiosk looked up and the quotes it was given.
-- kiosk_id is not a foreign key: a kiosk removed from the registry leaves its money records intact.

-- A looked-up account, stood for by an unguessable token so the screen never sends the account twice.
CREATE TABLE billing_lookups (
  token       TEXT PRIMARY KEY,
  kiosk_id    TEXT NOT NULL,
  biller_id   TEXT NOT NULL,
  account     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX billing_lookups_expiry ON billing_lookups (expires_at);

-- A priced selection of bills, payable until expires_at. Money is integer fen.
CREATE TABLE billing_quotes (
  id              TEXT PRIMARY KEY,
  kiosk_id        TEXT NOT NULL,
  biller_id       TEXT NOT NULL,
  account         TEXT NOT NULL,
  account_masked  TEXT NOT NULL,
  items           TEXT NOT NULL,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
  fee_fen         INTEGER NOT NULL CHECK (fee_fen >= 0),
  total_fen       INTEGER NOT NULL CHECK (total_fen = amount_fen + fee_fen),
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL
);
CREATE INDEX billing_quotes_kiosk ON billing_quotes (kiosk_id, created_at);
