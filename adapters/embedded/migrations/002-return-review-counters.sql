-- 退单审核 (issue 14.4): returns awaiting review, accepted and rejected, counted per returning station
-- in the period of the return (src/domain/metrics/contribution.ts).
ALTER TABLE rollup_counts ADD COLUMN "returnsPending" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_counts ADD COLUMN "returnsAccepted" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_counts ADD COLUMN "returnsRejected" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "returnsPending" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "returnsAccepted" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_station_counts ADD COLUMN "returnsRejected" INTEGER NOT NULL DEFAULT 0;
