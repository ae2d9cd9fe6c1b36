-- Retention (issue 15.3): closed orders older than a configured age move to an archive file
-- (adapters/embedded/sqlite-archive.ts). What stays behind in the hot store: the order's identity, so
-- a repeated push of the same (source, external id) still finds it, and its last rollup contribution,
-- so a rebuild of the figures still counts it (archived orders are closed: their figures are final).
CREATE TABLE IF NOT EXISTS archived_orders (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  archived_at TEXT NOT NULL,
  UNIQUE (source, external_id)
);
CREATE TABLE IF NOT EXISTS archived_contributions (order_id TEXT PRIMARY KEY, cells TEXT NOT NULL);
