package io.shiftproof.streamjobs.worktime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * A half-open interval {@code [from, to)} over which every platform's state is constant; only the
 * platforms that are online appear in {@code platformStates}.
 */
record StateSlice(Instant from, Instant to, SortedMap<String, WorkState> platformStates) {

  Duration length() {
    return Duration.between(from, to);
  }

  /** {@code state(t) = max_p state_p(t)}. */
  WorkState crossPlatformState() {
    return platformStates.values().stream().reduce(WorkState.OFFLINE, WorkState::max);
  }

  List<String> onlinePlatforms() {
    return platformStates.entrySet().stream()
        .filter(entry -> entry.getValue().isOnline())
        .map(SortedMap.Entry::getKey)
        .toList();
  }

  List<String> engagedPlatforms() {
    return platformStates.entrySet().stream()
        .filter(entry -> entry.getValue().isEngaged())
        .map(SortedMap.Entry::getKey)
        .toList();
  }
}
