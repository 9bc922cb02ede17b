package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the state intervals of all platforms into slices of constant per-platform state, by a sweep
 * over interval boundaries that counts, per platform and state, how many intervals are active.
 */
final class PlatformStateSweep {

  private PlatformStateSweep() {}

  /**
   * The slices within the half-open window {@code [windowStart, windowEnd)} during which at least
   * one platform is online, in time order. Adjacent slices may carry equal states (where an
   * interval ends under a higher one); merging them is the caller's concern.
   */
  static List<StateSlice> slices(
      List<StateInterval> intervals, Instant windowStart, Instant windowEnd) {
    TreeMap<Instant, List<Change>> changes = new TreeMap<>();
    for (StateInterval interval : intervals) {
      Instant from = latest(interval.from(), windowStart);
      Instant to = earliest(interval.to(), windowEnd);
      if (from.isBefore(to)) {
        changes.computeIfAbsent(from, at -> new ArrayList<>()).add(new Change(interval, +1));
        changes.computeIfAbsent(to, at -> new ArrayList<>()).add(new Change(interval, -1));
      }
    }
    List<StateSlice> slices = new ArrayList<>();
    Map<String, int[]> activeCounts = new TreeMap<>();
    Instant sliceStart = null;
    for (Map.Entry<Instant, List<Change>> boundary : changes.entrySet()) {
      if (sliceStart != null) {
        SortedMap<String, WorkState> states = statesOf(activeCounts);
        if (!states.isEmpty()) {
          slices.add(new StateSlice(sliceStart, boundary.getKey(), states));
        }
      }
      boundary.getValue().forEach(change -> apply(change, activeCounts));
      sliceStart = boundary.getKey();
    }
    return slices;
  }

  private static void apply(Change change, Map<String, int[]> activeCounts) {
    int[] counts =
        activeCounts.computeIfAbsent(
            change.interval().platform(), platform -> new int[WorkState.values().length]);
    counts[change.interval().state().ordinal()] += change.delta();
  }

  private static SortedMap<String, WorkState> statesOf(Map<String, int[]> activeCounts) {
    SortedMap<String, WorkState> states = new TreeMap<>();
    activeCounts.forEach(
        (platform, counts) -> {
          WorkState highest = WorkState.OFFLINE;
          for (WorkState state : WorkState.values()) {
            if (counts[state.ordinal()] > 0) {
              highest = state;
            }
          }
          if (highest.isOnline()) {
            states.put(platform, highest);
          }
        });
    return states;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private record Change(StateInterval interval, int delta) {}
}
