package io.shiftproof.schemas.wire;

import io.shiftproof.schemas.avro.CompactSegment;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DaySegment;
import io.shiftproof.schemas.avro.WorkState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one place that writes and reads a day record's segments (docs/design.md §5.6). Since schema
 * version 2 a record holds them compactly, as gaps, durations and platform bit masks over the
 * record's {@code platforms}, because the segments are most of a record's canonical bytes and so of
 * what is stored, hashed and anchored. Readers see plain {@link Segment}s, whichever form the
 * record holds: a record of schema version 1 has its segments in the old {@code segments} field,
 * which version 2 writes empty.
 */
public final class DaySegments {
  /** A segment's platforms are the bits of an Avro int, so a record names at most 32 platforms. */
  public static final int MAX_PLATFORMS = Integer.SIZE;

  private DaySegments() {}

  /**
   * A half-open interval {@code [fromMicros, toMicros)} of a day (microseconds since the epoch)
   * with constant state and platform sets. The platform sets are kept sorted by name, each name
   * once, which is the order the compact form gives them back in.
   */
  public record Segment(
      long fromMicros,
      long toMicros,
      WorkState state,
      List<String> onlinePlatforms,
      List<String> engagedPlatforms) {

    public Segment {
      Objects.requireNonNull(state, "state");
      onlinePlatforms = List.copyOf(new TreeSet<>(onlinePlatforms));
      engagedPlatforms = List.copyOf(new TreeSet<>(engagedPlatforms));
    }

    public long lengthMicros() {
      return toMicros - fromMicros;
    }
  }

  /**
   * Sets {@code record}'s segments to {@code segments} in the compact form, in the order given
   * (time order keeps the numbers small; any order decodes back as it was), and the old field
   * empty.
   *
   * @throws IllegalArgumentException if the segments name more than {@link #MAX_PLATFORMS}
   *     platforms
   */
  public static DayRecord.Builder write(DayRecord.Builder record, List<Segment> segments) {
    List<String> platforms = platformsOf(segments);
    List<CompactSegment> compact = new ArrayList<>(segments.size());
    long start = segments.isEmpty() ? 0L : segments.get(0).fromMicros();
    long previousEnd = start;
    for (Segment s : segments) {
      compact.add(
          new CompactSegment(
              s.fromMicros() - previousEnd,
              s.lengthMicros(),
              s.state(),
              mask(s.onlinePlatforms(), platforms),
              mask(s.engagedPlatforms(), platforms)));
      previousEnd = s.toMicros();
    }
    return record
        .setSegments(List.of())
        .setPlatforms(platforms)
        .setSegmentsStartMicros(start)
        .setCompactSegments(compact);
  }

  /**
   * The record's segments, from the compact form or, for a record of schema version 1, from the old
   * field.
   *
   * @throws MalformedRecordException if the record holds both forms, or a mask names a platform the
   *     record does not list
   */
  public static List<Segment> of(DayRecord record) {
    if (!record.getSegments().isEmpty()) {
      if (!record.getCompactSegments().isEmpty()) {
        throw malformed("segments and compactSegments: got both, want one of them empty");
      }
      return record.getSegments().stream().map(DaySegments::ofVersionOne).toList();
    }
    List<String> platforms = List.copyOf(record.getPlatforms());
    if (platforms.size() > MAX_PLATFORMS) {
      throw malformed("platforms: got " + platforms.size() + ", want at most " + MAX_PLATFORMS);
    }
    List<Segment> segments = new ArrayList<>(record.getCompactSegments().size());
    long previousEnd = record.getSegmentsStartMicros();
    try {
      for (CompactSegment c : record.getCompactSegments()) {
        long from = Math.addExact(previousEnd, c.getGapMicros());
        long to = Math.addExact(from, c.getDurationMicros());
        segments.add(
            new Segment(
                from,
                to,
                c.getState(),
                names(c.getOnlineMask(), platforms),
                names(c.getEngagedMask(), platforms)));
        previousEnd = to;
      }
    } catch (ArithmeticException e) {
      throw malformed("compactSegments: got instants beyond the range of microsecond longs");
    }
    return List.copyOf(segments);
  }

  private static Segment ofVersionOne(DaySegment s) {
    return new Segment(
        s.getFromMicros(),
        s.getToMicros(),
        s.getState(),
        s.getOnlinePlatforms(),
        s.getEngagedPlatforms());
  }

  private static List<String> platformsOf(List<Segment> segments) {
    TreeSet<String> platforms = new TreeSet<>();
    for (Segment s : segments) {
      platforms.addAll(s.onlinePlatforms());
      platforms.addAll(s.engagedPlatforms());
    }
    if (platforms.size() > MAX_PLATFORMS) {
      throw new IllegalArgumentException(
          "platforms: got " + platforms.size() + ", want at most " + MAX_PLATFORMS);
    }
    return List.copyOf(platforms);
  }

  private static int mask(List<String> names, List<String> platforms) {
    int mask = 0;
    for (String name : names) {
      mask |= 1 << platforms.indexOf(name);
    }
    return mask;
  }

  private static List<String> names(int mask, List<String> platforms) {
    if (platforms.size() < MAX_PLATFORMS && mask >>> platforms.size() != 0) {
      throw malformed(
          "compactSegments: got a platform mask of "
              + Integer.toBinaryString(mask)
              + ", want bits for the "
              + platforms.size()
              + " platforms only");
    }
    List<String> names = new ArrayList<>(Integer.bitCount(mask));
    for (int i = 0; i < platforms.size(); i++) {
      if ((mask >>> i & 1) != 0) {
        names.add(platforms.get(i));
      }
    }
    return names;
  }

  private static MalformedRecordException malformed(String message) {
    return new MalformedRecordException(ErrorCode.MALFORMED_AVRO, message, null);
  }
}
