package io.shiftproof.streamjobs.worktime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A maximal half-open interval {@code [from, to)} of a day over which the cross-platform state, the
 * set of online platforms and the set of engaged (liable) platforms are all constant. Time outside
 * every segment is {@link WorkState#OFFLINE}, so segments never have that state.
 *
 * @param onlinePlatforms platforms with {@code state_p ≥ AVAILABLE}, sorted by name
 * @param engagedPlatforms platforms with {@code state_p ≥ EN_ROUTE}, sorted by name
 */
public record Segment(
    Instant from,
    Instant to,
    WorkState state,
    List<String> onlinePlatforms,
    List<String> engagedPlatforms) {

  public Segment {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(state, "state");
    onlinePlatforms = List.copyOf(onlinePlatforms);
    engagedPlatforms = List.copyOf(engagedPlatforms);
  }

  public Duration length() {
    return Duration.between(from, to);
  }
}
