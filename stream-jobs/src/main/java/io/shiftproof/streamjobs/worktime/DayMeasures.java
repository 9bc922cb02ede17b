package io.shiftproof.streamjobs.worktime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Measures a day's slices into its totals and merges them into its segments. */
final class DayMeasures {

  private DayMeasures() {}

  static DayTotals totals(List<StateSlice> slices, Duration stretchJoinGap) {
    Duration online = Duration.ZERO;
    Duration engaged = Duration.ZERO;
    Duration onTask = Duration.ZERO;
    Duration multiApp = Duration.ZERO;
    Duration platformSum = Duration.ZERO;
    for (StateSlice slice : slices) {
      Duration length = slice.length();
      WorkState state = slice.crossPlatformState();
      int onlinePlatforms = slice.onlinePlatforms().size();
      if (state.isOnline()) {
        online = online.plus(length);
      }
      if (state.isEngaged()) {
        engaged = engaged.plus(length);
      }
      if (state == WorkState.ON_TASK) {
        onTask = onTask.plus(length);
      }
      if (onlinePlatforms >= 2) {
        multiApp = multiApp.plus(length);
      }
      // Added once per online platform: Duration.multipliedBy goes through BigDecimal, which was a
      // twentieth of a live update's time.
      for (int platform = 0; platform < onlinePlatforms; platform++) {
        platformSum = platformSum.plus(length);
      }
    }
    return new DayTotals(
        online.getSeconds(),
        engaged.getSeconds(),
        onTask.getSeconds(),
        multiApp.getSeconds(),
        platformSum.getSeconds(),
        longestStretch(slices, stretchJoinGap).getSeconds());
  }

  /**
   * Joins engaged time separated by gaps shorter than {@code joinGap} (touching slices have a gap
   * of zero) and returns the longest joined span. A gap of exactly {@code joinGap} is a real break.
   */
  static Duration longestStretch(List<StateSlice> slices, Duration joinGap) {
    Duration longest = Duration.ZERO;
    Instant stretchStart = null;
    Instant stretchEnd = null;
    for (StateSlice slice : slices) {
      if (!slice.crossPlatformState().isEngaged()) {
        continue;
      }
      if (stretchEnd == null
          || Duration.between(stretchEnd, slice.from()).compareTo(joinGap) >= 0) {
        stretchStart = slice.from();
      }
      stretchEnd = slice.to();
      Duration span = Duration.between(stretchStart, stretchEnd);
      if (span.compareTo(longest) > 0) {
        longest = span;
      }
    }
    return longest;
  }

  static List<Segment> segments(List<StateSlice> slices) {
    List<Segment> segments = new ArrayList<>();
    for (StateSlice slice : slices) {
      Segment next =
          new Segment(
              slice.from(),
              slice.to(),
              slice.crossPlatformState(),
              slice.onlinePlatforms(),
              slice.engagedPlatforms());
      int last = segments.size() - 1;
      if (last >= 0 && continues(segments.get(last), next)) {
        Segment previous = segments.get(last);
        segments.set(
            last,
            new Segment(
                previous.from(),
                next.to(),
                previous.state(),
                previous.onlinePlatforms(),
                previous.engagedPlatforms()));
      } else {
        segments.add(next);
      }
    }
    return List.copyOf(segments);
  }

  private static boolean continues(Segment previous, Segment next) {
    return previous.to().equals(next.from())
        && previous.state() == next.state()
        && previous.onlinePlatforms().equals(next.onlinePlatforms())
        && previous.engagedPlatforms().equals(next.engagedPlatforms());
  }
}
