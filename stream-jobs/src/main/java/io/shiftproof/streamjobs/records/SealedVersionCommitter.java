package io.shiftproof.streamjobs.records;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * <p>Runs with parallelism 1: sealed versions are few (workers × days × corrections), and one
 * writer gives each checkpoint one batch, which is what anchoring a Merkle root per checkpoint
 * needs (DESIGN §6).
 */
public final class SealedVersionCommitter extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<DayRecordUpdate, Void> {

  private static final long serialVersionUID = 1L;

  private final RecordStoreConfig store;
  private final String jobName;

  /** Versions received since the last checkpoint barrier. */
  private transient List<DayRecordUpdate> sinceLastBarrier;

  /** Versions covered by a checkpoint that has not been confirmed complete, by checkpoint id. */
  private transient TreeMap<Long, PendingCheckpoint> pending;

  private transient ListState<PendingCheckpoint> pendingState;
  private transient long currentWatermark;
  private transient Connection connection;

  public SealedVersionCommitter(RecordStoreConfig store, String jobName) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobName = Objects.requireNonNull(jobName, "jobName");
  }

  /** The versions of one checkpoint and the watermark they are complete up to. */
  public record PendingCheckpoint(
      long checkpointId, long watermarkMillis, List<DayRecordUpdate> versions) {}

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
  }

  @Override
  public void open() throws Exception {
    super.open();
    connection = store.connect();
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
    pending.put(id, new PendingCheckpoint(id, currentWatermark, List.copyOf(sinceLastBarrier)));
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
        DayRecordStore.insertVersions(connection, checkpoint.versions(), checkpoint.checkpointId());
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

  @Override
  public void close() throws Exception {
    try {
      if (connection != null) {
        connection.close();
      }
    } finally {
      super.close();
    }
  }
}
