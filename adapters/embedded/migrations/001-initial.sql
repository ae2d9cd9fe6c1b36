-- Migration 1: the schema every release before versioned migrations created with IF NOT EXISTS
-- (the order log and views, the metrics rollups, the webhook delivery tables). IF NOT EXISTS stays, so
-- a data directory from such a release adopts it without change; a new one gets every table.
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
CREATE TABLE IF NOT EXISTS contributions (order_id TEXT PRIMARY KEY, cells TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rollup_counts (
  period TEXT NOT NULL, district TEXT NOT NULL, street TEXT NOT NULL, station TEXT NOT NULL, type TEXT NOT NULL, topic TEXT NOT NULL,
  "received" INTEGER NOT NULL DEFAULT 0, "returned" INTEGER NOT NULL DEFAULT 0, "reopened" INTEGER NOT NULL DEFAULT 0, "extended" INTEGER NOT NULL DEFAULT 0, "accepted" INTEGER NOT NULL DEFAULT 0, "acceptedOnTime" INTEGER NOT NULL DEFAULT 0, "resolved" INTEGER NOT NULL DEFAULT 0, "resolvedOnTime" INTEGER NOT NULL DEFAULT 0, "valid" INTEGER NOT NULL DEFAULT 0, "contacted" INTEGER NOT NULL DEFAULT 0, "solved" INTEGER NOT NULL DEFAULT 0, "satisfied" INTEGER NOT NULL DEFAULT 0, "basic" INTEGER NOT NULL DEFAULT 0, "respN" INTEGER NOT NULL DEFAULT 0, "respSum" INTEGER NOT NULL DEFAULT 0, "resN" INTEGER NOT NULL DEFAULT 0, "resSum" INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (period, district, street, station, type, topic)
);
CREATE INDEX IF NOT EXISTS rollup_counts_street ON rollup_counts (period, street);
CREATE TABLE IF NOT EXISTS rollup_hist (
  period TEXT NOT NULL, district TEXT NOT NULL, street TEXT NOT NULL, station TEXT NOT NULL, type TEXT NOT NULL, topic TEXT NOT NULL, kind TEXT NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (period, district, street, station, type, topic, kind, bucket)
);
CREATE TABLE IF NOT EXISTS rollup_station_counts (
  period TEXT NOT NULL, district TEXT NOT NULL, street TEXT NOT NULL, station TEXT NOT NULL,
  "received" INTEGER NOT NULL DEFAULT 0, "returned" INTEGER NOT NULL DEFAULT 0, "reopened" INTEGER NOT NULL DEFAULT 0, "extended" INTEGER NOT NULL DEFAULT 0, "accepted" INTEGER NOT NULL DEFAULT 0, "acceptedOnTime" INTEGER NOT NULL DEFAULT 0, "resolved" INTEGER NOT NULL DEFAULT 0, "resolvedOnTime" INTEGER NOT NULL DEFAULT 0, "valid" INTEGER NOT NULL DEFAULT 0, "contacted" INTEGER NOT NULL DEFAULT 0, "solved" INTEGER NOT NULL DEFAULT 0, "satisfied" INTEGER NOT NULL DEFAULT 0, "basic" INTEGER NOT NULL DEFAULT 0, "respN" INTEGER NOT NULL DEFAULT 0, "respSum" INTEGER NOT NULL DEFAULT 0, "resN" INTEGER NOT NULL DEFAULT 0, "resSum" INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (period, district, street, station)
);
CREATE TABLE IF NOT EXISTS rollup_station_hist (
  period TEXT NOT NULL, district TEXT NOT NULL, street TEXT NOT NULL, station TEXT NOT NULL, kind TEXT NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (period, district, street, station, kind, bucket)
);
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  event_types TEXT,
  description TEXT,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  disabled_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_subscriptions_by_source ON webhook_subscriptions (source);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  subscription_id TEXT NOT NULL,
  source TEXT NOT NULL,
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  next_attempt_at INTEGER,
  attempts TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  UNIQUE (subscription_id, order_id, seq)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_lane ON webhook_deliveries (subscription_id, order_id, seq) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_source ON webhook_deliveries (source, status, n);
CREATE TABLE IF NOT EXISTS webhook_projection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL
);
