-- 重复件 (issue 14.1): the caller's phone of each order, read from its view by a virtual generated column
-- (nothing in the write path changes), indexed with the arrival time, so the duplicate lookup at intake
-- (OrderStore.byCallerPhone) is one index range, never a scan.
ALTER TABLE orders ADD COLUMN caller_phone TEXT GENERATED ALWAYS AS (json_extract(view, '$.order.caller.phone')) VIRTUAL;
CREATE INDEX IF NOT EXISTS orders_by_caller_phone ON orders (caller_phone, received_ms) WHERE caller_phone IS NOT NULL;
