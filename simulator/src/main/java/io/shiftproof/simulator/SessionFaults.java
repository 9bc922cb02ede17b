package io.shiftproof.simulator;

import java.util.SplittableRandom;

/**
 * The device faults drawn for one session: its clock's skew, and whether its {@code OFFLINE} will
 * be lost.
 *
 * @param skewMillis added to every {@code occurredAt} of the session; 0 for a correct clock
 * @param dropsOffline whether the app dies before it can send {@code OFFLINE}
 */
record SessionFaults(long skewMillis, boolean dropsOffline) {

  static SessionFaults draw(FaultProfile faults, SplittableRandom rng) {
    boolean dropsOffline = rng.nextDouble() < faults.missingOfflineRate();
    long maxSkew = faults.maxClockSkew().toMillis();
    boolean skewed = maxSkew > 0 && rng.nextDouble() < faults.clockSkewShare();
    long skew = skewed ? rng.nextLong(1, maxSkew + 1) : 0;
    return new SessionFaults(rng.nextBoolean() ? skew : -skew, dropsOffline);
  }

  boolean clockSkewed() {
    return skewMillis != 0;
  }
}
