package io.shiftproof.cli.demo;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DaySegment;
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
    DaySegment longest = null;
    for (DaySegment segment : record.getSegments()) {
      if (!segment.getEngagedPlatforms().isEmpty()
          && (longest == null
              || segment.getToMicros() - segment.getFromMicros()
                  > longest.getToMicros() - longest.getFromMicros())) {
        longest = segment;
      }
    }
    if (longest == null) {
      return Optional.empty();
    }
    long middle = longest.getFromMicros() + (longest.getToMicros() - longest.getFromMicros()) / 2;
    // Whole seconds: an incident time as a person would report it.
    Instant at = Instant.EPOCH.plus(middle, ChronoUnit.MICROS).truncatedTo(ChronoUnit.SECONDS);
    return Optional.of(
        new DemoClaim(
            at, longest.getEngagedPlatforms().get(0), List.copyOf(longest.getEngagedPlatforms())));
  }
}
