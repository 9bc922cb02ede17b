package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a worker was doing at one instant across platforms (docs/design.md §5, "status at an
 * instant").
 *
 * @param engagedPlatforms the platforms executing an order at that instant: the liable ones
 * @param provisional whether an event arriving after the watermark passed it may still change the
 *     answer: true until the instant's day settles, as for its day record
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
