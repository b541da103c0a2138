-- The fleet registry's first shape: enough for the walking skeleton's demo kiosk.
CREATE TABLE kiosks (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  address     TEXT NOT NULL,
  district    TEXT NOT NULL,
  latitude    REAL,
  longitude   REAL,
  created_at  TEXT NOT NULL
);

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
