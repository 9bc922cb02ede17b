package io.shiftproof.streamjobs.state;

import io.shiftproof.streamjobs.records.SealedDay;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One worker's bookkeeping of its days, apart from the events themselves: kept as a single state
 * value, read once and written once per event or timer. As separate map states it cost a dozen or
 * more state accesses and several key scans per call, each a RocksDB round trip.
 *
 * <p>Days are epoch days. The maps are small (the days around now and those still open for
 * corrections) and mutable; the owner writes the value back after changing it.
 */
public final class WorkerDays {

  private final TreeMap<Long, LiveDay> openDays;
  private final TreeMap<Long, SealedDay> sealedDays;
  private final TreeMap<Long, Long> touchedDays;
  private long pendingUpdate;
  private boolean hasPendingUpdate;

  public WorkerDays() {
    this(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  WorkerDays(
      TreeMap<Long, LiveDay> openDays,
      TreeMap<Long, SealedDay> sealedDays,
      TreeMap<Long, Long> touchedDays) {
    this.openDays = openDays;
    this.sealedDays = sealedDays;
    this.touchedDays = touchedDays;
  }

  /** Days not yet settled, each with what its last emitted live record says, if any. */
  public Map<Long, LiveDay> openDays() {
    return openDays;
  }

  /** Settled days still inside the correction horizon, with their latest sealed version. */
  public Map<Long, SealedDay> sealedDays() {
    return sealedDays;
  }

  /**
   * Days touched since their last emission, each with the latest event time (epoch ms) that touched
   * it: a day stays touched until the watermark has passed that event, so it is not forgotten when
   * an update fires before the event is complete.
   */
  public Map<Long, Long> touchedDays() {
    return touchedDays;
  }

  /** The time of the one pending live-update timer, if any. */
  public OptionalLong pendingUpdate() {
    return hasPendingUpdate ? OptionalLong.of(pendingUpdate) : OptionalLong.empty();
  }

  public void setPendingUpdate(long timestamp) {
    pendingUpdate = timestamp;
    hasPendingUpdate = true;
  }

  public void clearPendingUpdate() {
    pendingUpdate = 0;
    hasPendingUpdate = false;
  }

  /** Whether no day is open, sealed or touched: the worker has nothing left to emit. */
  public boolean hasNoDays() {
    return openDays.isEmpty() && sealedDays.isEmpty() && touchedDays.isEmpty();
  }

  /**
   * A copy whose maps can change independently of this one's. Sealed days are shared: they are
   * replaced, never changed.
   */
  WorkerDays copy() {
    WorkerDays copy =
        new WorkerDays(
            new TreeMap<>(openDays), new TreeMap<>(sealedDays), new TreeMap<>(touchedDays));
    copy.pendingUpdate = pendingUpdate;
    copy.hasPendingUpdate = hasPendingUpdate;
    return copy;
  }
}
