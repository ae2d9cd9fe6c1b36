-- Issue 15.3: a station's inbox (its orders in the open states, oldest first) read through one index
-- range per state, so a page costs what the station has open, not every order it ever held: with
-- (station_id, n) alone, a page walks past all of the station's closed history before its first open
-- order. The list query names this index (INDEXED BY), so the planner cannot fall back to that walk.
CREATE INDEX IF NOT EXISTS orders_by_station_state ON orders (station_id, state, n);
