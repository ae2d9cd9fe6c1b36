-- 重复件 (issue 14.1): the caller's phone of each order, indexed with the arrival time, so the duplicate
-- lookup at intake (OrderStore.byCallerPhone) is one index range, never a scan. A plain column the
-- store writes when it inserts an order (the caller never changes), not a column generated from the
-- view: SQLite cannot parse a view nested deeper than its JSON limit (an order stored before the
-- free-form bounds), and a generated column would make every write and this index fail on it.
ALTER TABLE orders ADD COLUMN caller_phone TEXT;
UPDATE orders SET caller_phone = json_extract(view, '$.order.caller.phone') WHERE json_valid(view);
CREATE INDEX IF NOT EXISTS orders_by_caller_phone ON orders (caller_phone, received_ms) WHERE caller_phone IS NOT NULL;
