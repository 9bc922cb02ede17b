-- Live records that follow the job's watermark (DESIGN §5.8).
--
-- A live record now reaches only as far as the worker's time is known: the watermark, or the last
-- event of a session still open, which may yet turn out to have closed there. How far a record
-- reaches therefore no longer orders its updates (a late event can move it back); the watermark it
-- was made at does. Rows written before reached the watermark plus one millisecond.
ALTER TABLE day_record_live ADD COLUMN watermark timestamptz;
UPDATE day_record_live SET watermark = covered_until - interval '1 millisecond';
ALTER TABLE day_record_live ALTER COLUMN watermark SET NOT NULL;

-- Whether no session of the worker was open where the record ends, before the day's end: readers
-- then take the worker as offline past covered_until up to the job's committed watermark
-- (stream_progress), so a quiet worker needs no write as the watermark moves. Rows written before
-- claim nothing past covered_until.
ALTER TABLE day_record_live ADD COLUMN quiet boolean NOT NULL DEFAULT false;
