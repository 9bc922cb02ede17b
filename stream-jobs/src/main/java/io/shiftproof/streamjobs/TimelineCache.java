package io.shiftproof.streamjobs;

import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recently used workers' timelines, kept in memory next to the {@code events} state they
 * are restored from, so that a live update does not read (and with RocksDB, deserialize) every
 * event of the worker and rebuild the timeline each time the watermark moves.
 *
 * <p>The cache is derived data only: the operator adds every event it stores to the cached timeline
 * too, and drops the entry whenever it removes events from state. An entry that is missing
 * (evicted, or after a restart, when the operator starts with an empty cache) is restored from
 * state, so the cache can change how fast a record is computed but never what it says. A cached
 * timeline also keeps its sessions' replays, so that each update applies only the events new to it;
 * a restored one applies every event once on its first update.
 */
final class TimelineCache {

  private final Map<String, WorkerTimeline> timelines;

  /** A cache of at most {@code capacity} workers, evicting the least recently used. */
  TimelineCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: got " + capacity + ", want at least 1");
    }
    this.timelines =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, WorkerTimeline> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached timeline of {@code workerRef}, if any. */
  Optional<WorkerTimeline> get(String workerRef) {
    return Optional.ofNullable(timelines.get(workerRef));
  }

  void put(WorkerTimeline timeline) {
    timelines.put(timeline.workerRef(), timeline);
  }

  /** Forgets a worker whose stored events were removed; the next use restores from state. */
  void invalidate(String workerRef) {
    timelines.remove(workerRef);
  }
}
