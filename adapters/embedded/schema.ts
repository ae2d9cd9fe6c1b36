// SQLite schema of the embedded store. The events table is the truth; orders is a view folded from it
// in the same transaction, so a crash can never leave one without the other.
export const schemaVersion = 1;

export const schema = `
CREATE TABLE IF NOT EXISTS events (
  pos INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (order_id, seq)
);
CREATE TABLE IF NOT EXISTS orders (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  station_id TEXT,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  view TEXT NOT NULL,
  -- The due-time index of the SLA sweeper: the earliest warning or breach still to emit.
  next_fire_at INTEGER,
  -- The SLA figures as last assessed, so a repair can report what a policy change moved.
  sla TEXT,
  -- For the auditors' lists: an open target past its due time; the last valid callback unsatisfied;
  -- the division code the order is counted under (scopes filter by its prefix).
  overdue INTEGER NOT NULL DEFAULT 0,
  unsatisfied INTEGER NOT NULL DEFAULT 0,
  place_code TEXT NOT NULL DEFAULT '',
  received_ms INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source, external_id)
);
CREATE INDEX IF NOT EXISTS orders_by_received ON orders (received_ms);
CREATE INDEX IF NOT EXISTS orders_overdue ON orders (overdue, n) WHERE overdue = 1;
CREATE INDEX IF NOT EXISTS orders_unsatisfied ON orders (unsatisfied, n) WHERE unsatisfied = 1;
CREATE INDEX IF NOT EXISTS orders_by_fire ON orders (next_fire_at) WHERE next_fire_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS orders_by_station ON orders (station_id, n);
CREATE INDEX IF NOT EXISTS orders_by_state ON orders (state, n);
CREATE INDEX IF NOT EXISTS orders_by_source ON orders (source, n);
CREATE TABLE IF NOT EXISTS idempotency (
  source TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  order_id TEXT NOT NULL,
  PRIMARY KEY (source, key)
);
CREATE TABLE IF NOT EXISTS raw_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  content_type TEXT NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS raw_by_order ON raw_requests (order_id);
`;
