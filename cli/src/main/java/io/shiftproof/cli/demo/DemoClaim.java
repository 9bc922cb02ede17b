package io.shiftproof.cli.demo;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DaySegments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The incident the demo files a claim for: the middle of the shown worker's longest engaged
 * segment, when the worker was executing an order, and the platform that dispatched it.
 *
 * @param platform the engaged platform that reports the incident (the first, if several)
 * @param engagedPlatforms every platform engaged at that instant, the liable ones
 */
public record DemoClaim(Instant incidentAt, String platform, List<String> engagedPlatforms) {
  /** The incident for a record, if the worker was ever engaged that day. */
  public static Optional<DemoClaim> of(DayRecord record) {
    DaySegments.Segment longest = null;
    for (DaySegments.Segment segment : DaySegments.of(record)) {
      if (!segment.engagedPlatforms().isEmpty()
          && (longest == null
              || segment.toMicros() - segment.fromMicros()
                  > longest.toMicros() - longest.fromMicros())) {
        longest = segment;
      }
    }
    if (longest == null) {
      return Optional.empty();
    }
    long middle = longest.fromMicros() + (longest.toMicros() - longest.fromMicros()) / 2;
    // Whole seconds: an incident time as a person would report it.
    Instant at = Instant.EPOCH.plus(middle, ChronoUnit.MICROS).truncatedTo(ChronoUnit.SECONDS);
    return Optional.of(
        new DemoClaim(
            at, longest.engagedPlatforms().get(0), List.copyOf(longest.engagedPlatforms())));
  }
}
