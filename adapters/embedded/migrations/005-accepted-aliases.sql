-- Aliases an operator accepted into the gazetteer (issue 18.7), replayed over the place index at start
-- so routing keeps reading them after a restart. One row per (code, alias); seq keeps the order.
CREATE TABLE IF NOT EXISTS accepted_aliases (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL,
  alias TEXT NOT NULL,
  accepted_by TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  UNIQUE (code, alias)
);
