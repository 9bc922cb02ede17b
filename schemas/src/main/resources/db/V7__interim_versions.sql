-- Interim versions (DESIGN §5): sealed on request (evidence, an incident report) before the day
-- settles, covering events up to the job's watermark; provisional, anchored like every version,
-- and followed by the SETTLED version when the day settles.
ALTER TABLE day_record_version DROP CONSTRAINT day_record_version_reason_check;
ALTER TABLE day_record_version ADD CONSTRAINT day_record_version_reason_check
  CHECK (reason IN ('SETTLED', 'CORRECTION', 'INTERIM'));
