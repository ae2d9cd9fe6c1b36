-- 督办 (issue 14.3): orders urged (催办) and 催办 notices, orders supervised by hand (督办), and
-- orders the policy escalated to the street and to the district, counted in the period they happened
-- (src/domain/metrics/contribution.ts). History from before this release is counted once the
-- rollups are re-summed from the events: `npm run sla:repair`.
ALTER TABLE rollup_counts ADD COLUMN "urgedOrders" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_counts ADD COLUMN "urges" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_counts ADD COLUMN "supervisedOrders" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_counts ADD COLUMN "escalatedStreet" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_counts ADD COLUMN "escalatedDistrict" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "urgedOrders" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "urges" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "supervisedOrders" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "escalatedStreet" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "escalatedDistrict" INTEGER NOT NULL DEFAULT 0;
