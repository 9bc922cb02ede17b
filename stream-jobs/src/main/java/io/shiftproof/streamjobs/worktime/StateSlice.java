package io.shiftproof.streamjobs.worktime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

  // Loops rather than streams: every live update asks these of every slice of the day, several
  // times, and the stream pipelines were a tenth of a live update's time.

  /** {@code state(t) = max_p state_p(t)}. */
  WorkState crossPlatformState() {
    WorkState highest = WorkState.OFFLINE;
    for (WorkState state : platformStates.values()) {
      highest = WorkState.max(highest, state);
    }
    return highest;
  }

  List<String> onlinePlatforms() {
    List<String> online = new ArrayList<>(platformStates.size());
    platformStates.forEach(
        (platform, state) -> {
          if (state.isOnline()) {
            online.add(platform);
          }
        });
    return Collections.unmodifiableList(online);
  }

  List<String> engagedPlatforms() {
    List<String> engaged = new ArrayList<>(platformStates.size());
    platformStates.forEach(
        (platform, state) -> {
          if (state.isEngaged()) {
            engaged.add(platform);
          }
        });
    return Collections.unmodifiableList(engaged);
  }
}
