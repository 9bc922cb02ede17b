package io.shiftproof.streamjobs.records;

import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.records.DayRecordStore;
import io.shiftproof.records.LateEvent;
import io.shiftproof.records.RecordStoreConfig;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Stores the job's output in the hub's PostgreSQL tables ({@code db/V2__day_records.sql}), with
 * each checkpoint's sealed versions anchored on a ledger first ({@code
 * db/V6__anchored_batches.sql}).
 */
public final class PostgresDayRecordOutputs implements DayRecordOutputs {
  /** Live records are what a status query about the last minutes sees: keep them this fresh. */
  private static final Duration LIVE_MAX_DELAY = Duration.ofSeconds(1);

  private static final int MAX_BATCH = 1_000;

  private final RecordStoreConfig store;
  private final String jobName;
  private final LedgerEndpoint ledger;

  private PostgresDayRecordOutputs(RecordStoreConfig store, String jobName, LedgerEndpoint ledger) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobName = Objects.requireNonNull(jobName, "jobName");
    this.ledger = ledger;
  }

  /** The hub's outputs: sealed versions are stored once their batch is anchored on the ledger. */
  public static PostgresDayRecordOutputs anchored(
      RecordStoreConfig store, String jobName, LedgerEndpoint ledger) {
    return new PostgresDayRecordOutputs(store, jobName, Objects.requireNonNull(ledger, "ledger"));
  }

  /**
   * Sealed versions stored without anchors or proofs: for measuring what anchoring costs, and for
   * tests of the records alone. No hub runs this way.
   */
  public static PostgresDayRecordOutputs unanchored(RecordStoreConfig store, String jobName) {
    return new PostgresDayRecordOutputs(store, jobName, null);
  }

  @Override
  public void attach(
      DataStream<DayRecordUpdate> live,
      DataStream<DayRecordUpdate> sealed,
      DataStream<LateEvent> tooLate) {
    live.sinkTo(
            new PostgresBatchSink<DayRecordUpdate>(
                store,
                (c, batch) ->
                    DayRecordStore.upsertLive(
                        c, batch.stream().map(DayRecordUpdate::liveRecord).toList()),
                MAX_BATCH,
                LIVE_MAX_DELAY))
        .name("live-day-records")
        .uid("live-day-records");
    sealed
        .transform(
            "sealed-day-versions", Types.VOID, new SealedVersionCommitter(store, jobName, ledger))
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
