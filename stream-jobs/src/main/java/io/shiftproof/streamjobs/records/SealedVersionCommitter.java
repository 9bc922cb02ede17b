package io.shiftproof.streamjobs.records;

import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.records.DayRecordStore;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.records.SealedBatch;
import io.shiftproof.records.SealedVersion;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Stores sealed day-record versions exactly once: a version is written to PostgreSQL only after the
 * checkpoint that covers it has completed, in one transaction per checkpoint.
 *
 * <p>Why not write at once: after a failure the job restarts from its last checkpoint and replays
 * the events since; their interleaving with watermarks may differ, so a version sealed before the
 * failure could come out with other content the second time under the same number. Holding versions
 * until their checkpoint completes means only versions the restored state agrees with are ever
 * stored. Versions of a completed checkpoint whose notification was lost are in the restored state
 * and are written on restart; the table's key makes writing one twice a no-op.
 *
 * <p>With a ledger, each checkpoint's versions are one Merkle batch, anchored before they are
 * stored (docs/design.md §6). A version is never visible without its inclusion proof. The batch id
 * (chain, run, checkpoint) is fixed when the checkpoint is taken and kept with its versions in the
 * state, so anchoring a restored checkpoint again is a no-op: the ledger returns a batch it already
 * holds with the same content. The run is a random nonce drawn at every start and never restored,
 * because checkpoint ids are not unique across starts: restoring a savepoint or an older checkpoint
 * (or the same one twice) numbers the next checkpoints from there again, and a batch id of a later
 * checkpoint the earlier run anchored, reused for other versions, would be refused.
 *
 * <p>Runs with parallelism 1: sealed versions are few (workers × days × corrections), and one
 * writer gives each checkpoint one batch.
 */
public final class SealedVersionCommitter extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<DayRecordUpdate, Void> {

  private static final long serialVersionUID = 1L;

  private final RecordStoreConfig store;
  private final String jobName;
  private final LedgerEndpoint ledger;

  /** Versions received since the last checkpoint barrier. */
  private transient List<DayRecordUpdate> sinceLastBarrier;

  /** Versions covered by a checkpoint that has not been confirmed complete, by checkpoint id. */
  private transient TreeMap<Long, PendingCheckpoint> pending;

  private transient ListState<PendingCheckpoint> pendingState;
  private transient long currentWatermark;
  private transient Connection connection;

  /** Names the batches of checkpoints taken since this start; see the class comment. */
  private transient String run;

  private transient BatchAnchoring anchoring;

  /**
   * @param ledger where to anchor each checkpoint's batch; null stores versions unanchored, which
   *     only benchmarks do, to measure what anchoring costs
   */
  public SealedVersionCommitter(RecordStoreConfig store, String jobName, LedgerEndpoint ledger) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobName = Objects.requireNonNull(jobName, "jobName");
    this.ledger = ledger;
  }

  /**
   * The versions of one checkpoint, the watermark they are complete up to, and the id of the batch
   * they are anchored as.
   */
  public record PendingCheckpoint(
      long checkpointId, String batchId, long watermarkMillis, List<DayRecordUpdate> versions) {}

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    sinceLastBarrier = new ArrayList<>();
    pending = new TreeMap<>();
    currentWatermark = Long.MIN_VALUE;
    pendingState =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "pending-sealed-versions", TypeInformation.of(PendingCheckpoint.class)));
    for (PendingCheckpoint restored : pendingState.get()) {
      pending.put(restored.checkpointId(), restored);
    }
    run = UUID.randomUUID().toString();
  }

  @Override
  public void open() throws Exception {
    super.open();
    connection = store.connect();
    if (ledger != null) {
      anchoring = new BatchAnchoring(ledger, jobName);
    }
    // Everything restored belongs to the checkpoint the job restarted from, which completed.
    commitUpTo(Long.MAX_VALUE);
  }

  @Override
  public void processElement(StreamRecord<DayRecordUpdate> element) {
    sinceLastBarrier.add(element.getValue());
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    currentWatermark = mark.getTimestamp();
    super.processWatermark(mark);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    long id = context.getCheckpointId();
    String batchId = jobName + "/" + run + "/" + id;
    pending.put(
        id, new PendingCheckpoint(id, batchId, currentWatermark, List.copyOf(sinceLastBarrier)));
    sinceLastBarrier = new ArrayList<>();
    pendingState.update(new ArrayList<>(pending.values()));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    commitUpTo(checkpointId);
  }

  /** Writes every pending checkpoint up to {@code checkpointId}, oldest first. */
  private void commitUpTo(long checkpointId) throws Exception {
    Map<Long, PendingCheckpoint> due = pending.headMap(checkpointId, true);
    if (due.isEmpty()) {
      return;
    }
    try {
      for (PendingCheckpoint checkpoint : due.values()) {
        store(checkpoint);
        DayRecordStore.recordProgress(
            connection, jobName, 0, checkpoint.watermarkMillis(), checkpoint.checkpointId());
      }
      connection.commit();
    } catch (Exception e) {
      connection.rollback();
      throw e;
    }
    due.clear();
  }

  /** Anchors the checkpoint's versions if there is a ledger, then stores them. */
  private void store(PendingCheckpoint checkpoint) throws Exception {
    if (checkpoint.versions().isEmpty()) {
      return;
    }
    List<SealedVersion> versions =
        checkpoint.versions().stream().map(DayRecordUpdate::sealedVersion).toList();
    if (anchoring == null) {
      DayRecordStore.insertVersions(connection, versions, checkpoint.checkpointId());
      return;
    }
    SealedBatch batch = SealedBatch.of(versions);
    DayRecordStore.insertAnchoredBatch(
        connection,
        batch,
        anchoring.anchor(batch, checkpoint.batchId()),
        checkpoint.checkpointId());
  }

  @Override
  public void close() throws Exception {
    try {
      if (anchoring != null) {
        anchoring.close();
      }
      if (connection != null) {
        connection.close();
      }
    } finally {
      super.close();
    }
  }
}
