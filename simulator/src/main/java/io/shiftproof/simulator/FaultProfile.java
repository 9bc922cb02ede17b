package io.shiftproof.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The delivery and device faults a simulated platform injects, so the hub's handling of them can be
 * exercised. All rates are probabilities in {@code [0, 1]}; {@link #none()} injects nothing.
 *
 * @param duplicateRate share of events sent a second time, identical (same {@code eventId}), a few
 *     seconds to two minutes after the original: what an at-least-once retry looks like to the hub
 * @param lateEventRate share of events held back on the device and sent late
 * @param lateness how late a late event is sent: between half of this and all of it after it
 *     occurred
 * @param missingOfflineRate share of sessions whose {@code OFFLINE} is never sent (the app was
 *     killed); the session then ends at its last event
 * @param clockSkewShare share of sessions whose device clock is off, so every {@code occurredAt} of
 *     the session is shifted by the same amount
 * @param maxClockSkew the largest skew, either way, of a skewed session
 */
public record FaultProfile(
    double duplicateRate,
    double lateEventRate,
    Duration lateness,
    double missingOfflineRate,
    double clockSkewShare,
    Duration maxClockSkew) {

  /** Longest skew accepted: more would make a session overlap the worker's next shift. */
  static final Duration SKEW_LIMIT = Duration.ofMinutes(10);

  public FaultProfile {
    requireRate("duplicateRate", duplicateRate);
    requireRate("lateEventRate", lateEventRate);
    requireRate("missingOfflineRate", missingOfflineRate);
    requireRate("clockSkewShare", clockSkewShare);
    Objects.requireNonNull(lateness, "lateness");
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (lateness.isNegative() || (lateEventRate > 0 && lateness.toMillis() < 2)) {
      throw new IllegalArgumentException(
          "lateness: got " + lateness + ", want at least PT0.002S when lateEventRate > 0");
    }
    if (maxClockSkew.isNegative() || maxClockSkew.compareTo(SKEW_LIMIT) > 0) {
      throw new IllegalArgumentException(
          "maxClockSkew: got " + maxClockSkew + ", want between PT0S and " + SKEW_LIMIT);
    }
  }

  /** No faults at all: every event sent once, on time, from a correct clock. */
  public static FaultProfile none() {
    return new FaultProfile(0, 0, Duration.ZERO, 0, 0, Duration.ZERO);
  }

  /** This profile with duplicates resent at the given rate. */
  public FaultProfile withDuplicates(double rate) {
    return new FaultProfile(
        rate, lateEventRate, lateness, missingOfflineRate, clockSkewShare, maxClockSkew);
  }

  /** This profile with the given share of events sent up to {@code lateness} late. */
  public FaultProfile withLateEvents(double rate, Duration lateness) {
    return new FaultProfile(
        duplicateRate, rate, lateness, missingOfflineRate, clockSkewShare, maxClockSkew);
  }

  /** This profile with the given share of sessions never sending {@code OFFLINE}. */
  public FaultProfile withMissingOfflines(double rate) {
    return new FaultProfile(
        duplicateRate, lateEventRate, lateness, rate, clockSkewShare, maxClockSkew);
  }

  /** This profile with the given share of sessions on a clock off by up to {@code maxSkew}. */
  public FaultProfile withClockSkew(double share, Duration maxSkew) {
    return new FaultProfile(
        duplicateRate, lateEventRate, lateness, missingOfflineRate, share, maxSkew);
  }

  private static void requireRate(String field, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(field + ": got " + rate + ", want a share in [0, 1]");
    }
  }
}
