package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a worker was doing at one instant across platforms (docs/design.md §5, "status at an
 * instant").
 *
 * @param engagedPlatforms the platforms executing an order at that instant: the liable ones
 * @param provisional whether the answer may still change: true when the instant lies within one
 *     silence timeout before the watermark, where a session still counted as online may turn out to
 *     have fallen silent
 */
public record Status(
    Instant at,
    WorkState state,
    List<String> onlinePlatforms,
    List<String> engagedPlatforms,
    boolean provisional) {

  public Status {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    onlinePlatforms = List.copyOf(onlinePlatforms);
    engagedPlatforms = List.copyOf(engagedPlatforms);
  }
}
