package io.shiftproof.simulator;

/**
 * The kind of gig work a simulated platform dispatches; it decides how orders arrive, how long they
 * take and whether a worker can hold several at once.
 */
public enum PlatformKind {
  /** One passenger at a time; peaks in the commuting hours. */
  RIDE_HAILING(
      "ride", 1, 1, minutes(6), minutes(2), minutes(12), minutes(8), minutes(40), 0.04, 0.01),
  /** Meals: a rider stacks two or three orders; strong lunch and dinner peaks. */
  FOOD_DELIVERY(
      "order", 2, 3, minutes(7), minutes(5), minutes(18), minutes(8), minutes(30), 0.02, 0.01),
  /** Same-city parcels: longer legs, up to two parcels at once, mostly in the daytime. */
  COURIER(
      "parcel", 2, 2, minutes(12), minutes(8), minutes(20), minutes(15), minutes(40), 0.02, 0.005);

  /**
   * Longest time any kind can run past the planned end of a shift: the last order assigned just
   * before the end, its longest approach and leg, and the walk to log off. Shifts are planned at
   * least this far apart so one worker's sessions never overlap unintentionally.
   */
  static final long MAX_OVERRUN_MILLIS = minutes(20) + minutes(40) + minutes(5);

  final String taskPrefix;
  final int minStack;
  final int maxStack;
  final long meanOrderGapMillis;
  final long minEnRouteMillis;
  final long maxEnRouteMillis;
  final long minOnTaskMillis;
  final long maxOnTaskMillis;
  final double cancelBeforeStart;
  final double cancelAfterStart;

  PlatformKind(
      String taskPrefix,
      int minStack,
      int maxStack,
      long meanOrderGapMillis,
      long minEnRouteMillis,
      long maxEnRouteMillis,
      long minOnTaskMillis,
      long maxOnTaskMillis,
      double cancelBeforeStart,
      double cancelAfterStart) {
    this.taskPrefix = taskPrefix;
    this.minStack = minStack;
    this.maxStack = maxStack;
    this.meanOrderGapMillis = meanOrderGapMillis;
    this.minEnRouteMillis = minEnRouteMillis;
    this.maxEnRouteMillis = maxEnRouteMillis;
    this.minOnTaskMillis = minOnTaskMillis;
    this.maxOnTaskMillis = maxOnTaskMillis;
    this.cancelBeforeStart = cancelBeforeStart;
    this.cancelAfterStart = cancelAfterStart;
  }

  /**
   * How busy the hour is relative to the base order rate: orders arrive this many times as often.
   */
  double demandAt(int localHour) {
    return switch (this) {
      case RIDE_HAILING -> {
        if (localHour >= 7 && localHour < 10 || localHour >= 17 && localHour < 20) yield 1.8;
        if (localHour >= 23 || localHour < 5) yield 0.6;
        yield 1.0;
      }
      case FOOD_DELIVERY -> {
        if (localHour >= 11 && localHour < 13) yield 2.5;
        if (localHour >= 17 && localHour < 20) yield 2.2;
        if (localHour >= 2 && localHour < 7) yield 0.3;
        if (localHour >= 22 || localHour < 2) yield 0.7;
        yield 1.0;
      }
      case COURIER -> {
        if (localHour >= 9 && localHour < 18) yield 1.3;
        if (localHour >= 21 || localHour < 7) yield 0.3;
        yield 0.8;
      }
    };
  }

  private static long minutes(long m) {
    return m * 60_000L;
  }
}
