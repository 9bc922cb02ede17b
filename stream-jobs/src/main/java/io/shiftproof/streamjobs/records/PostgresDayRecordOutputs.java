package io.shiftproof.streamjobs.records;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Stores the job's output in the hub's PostgreSQL tables ({@code db/V2__day_records.sql}). */
public final class PostgresDayRecordOutputs implements DayRecordOutputs {
  /** Live records are what a status query about the last minutes sees: keep them this fresh. */
  private static final Duration LIVE_MAX_DELAY = Duration.ofSeconds(1);

  private static final int MAX_BATCH = 1_000;

  private final RecordStoreConfig store;
  private final String jobName;

  public PostgresDayRecordOutputs(RecordStoreConfig store, String jobName) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobName = Objects.requireNonNull(jobName, "jobName");
  }

  @Override
  public void attach(
      DataStream<DayRecordUpdate> live,
      DataStream<DayRecordUpdate> sealed,
      DataStream<LateEvent> tooLate) {
    live.sinkTo(
            new PostgresBatchSink<DayRecordUpdate>(
                store, DayRecordStore::upsertLive, MAX_BATCH, LIVE_MAX_DELAY))
        .name("live-day-records")
        .uid("live-day-records");
    sealed
        .transform("sealed-day-versions", Types.VOID, new SealedVersionCommitter(store, jobName))
        .uid("sealed-day-versions")
        .setParallelism(1)
        .setMaxParallelism(1);
    tooLate
        .sinkTo(
            new PostgresBatchSink<LateEvent>(
                store, DayRecordStore::insertLateEvents, MAX_BATCH, LIVE_MAX_DELAY))
        .name("too-late-events")
        .uid("too-late-events");
  }
}
