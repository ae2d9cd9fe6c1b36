-- 协办 (issue 14.2): the stations assisting each order (every part not removed), so a station's inbox
-- lists the orders it assists beside those it leads. Rewritten with the view whenever its parts
-- change; no order before this release has parts, so there is nothing to backfill.
CREATE TABLE IF NOT EXISTS order_assists (
  station_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  PRIMARY KEY (station_id, order_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS order_assists_by_order ON order_assists (order_id);
