package io.shiftproof.cli.demo;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DaySegments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One platform's part of a worker-day as the day's segments tell it: when the platform had the
 * worker online and when engaged. This is the view a platform has on its own, without the others.
 *
 * @param platform the platform's name
 * @param online the platform's online intervals, sorted, disjoint and not touching
 * @param engaged the platform's engaged intervals (en route or on task), likewise
 */
record PlatformDay(String platform, List<MicrosInterval> online, List<MicrosInterval> engaged) {

  PlatformDay {
    online = List.copyOf(online);
    engaged = List.copyOf(engaged);
  }

  /** Every platform that appears in the record's segments, in name order. */
  static List<PlatformDay> of(DayRecord record) {
    Map<String, List<MicrosInterval>> online = new TreeMap<>();
    Map<String, List<MicrosInterval>> engaged = new TreeMap<>();
    for (DaySegments.Segment segment : segmentsInTimeOrder(record)) {
      MicrosInterval interval = new MicrosInterval(segment.fromMicros(), segment.toMicros());
      for (String platform : segment.onlinePlatforms()) {
        append(online.computeIfAbsent(platform, p -> new ArrayList<>()), interval);
      }
      for (String platform : segment.engagedPlatforms()) {
        append(engaged.computeIfAbsent(platform, p -> new ArrayList<>()), interval);
      }
    }
    // Engaged implies online; the union keeps a platform even if a record broke that rule.
    Set<String> platforms = new TreeSet<>(online.keySet());
    platforms.addAll(engaged.keySet());
    List<PlatformDay> days = new ArrayList<>();
    for (String platform : platforms) {
      days.add(
          new PlatformDay(
              platform,
              online.getOrDefault(platform, List.of()),
              engaged.getOrDefault(platform, List.of())));
    }
    return List.copyOf(days);
  }

  static List<DaySegments.Segment> segmentsInTimeOrder(DayRecord record) {
    List<DaySegments.Segment> segments = new ArrayList<>(DaySegments.of(record));
    segments.sort((a, b) -> Long.compare(a.fromMicros(), b.fromMicros()));
    return segments;
  }

  Duration onlineTime() {
    return measure(online);
  }

  Duration engagedTime() {
    return measure(engaged);
  }

  Duration longestStretch() {
    return FatigueStretch.longest(engaged);
  }

  /** Segments are maximal for the whole set of platforms, so one platform's time spans several. */
  private static void append(List<MicrosInterval> intervals, MicrosInterval next) {
    int last = intervals.size() - 1;
    if (last >= 0 && intervals.get(last).toMicros() == next.fromMicros()) {
      intervals.set(last, new MicrosInterval(intervals.get(last).fromMicros(), next.toMicros()));
    } else {
      intervals.add(next);
    }
  }

  private static Duration measure(List<MicrosInterval> intervals) {
    long micros = 0;
    for (MicrosInterval interval : intervals) {
      micros += interval.lengthMicros();
    }
    return Duration.ofNanos(micros * 1_000L);
  }
}
