package io.shiftproof.simulator;

/**
 * When in the day a worker habitually starts: early risers, daytime workers, and evening workers
 * whose shifts often run past local midnight.
 */
enum ShiftPattern {
  EARLY(6 * 60, 9 * 60, 0.30),
  DAYTIME(9 * 60 + 30, 12 * 60, 0.45),
  EVENING(17 * 60, 21 * 60 + 30, 0.25);

  /** Earliest and latest first start, in minutes after local midnight. */
  final int firstStartFrom;

  final int firstStartTo;
  final double share;

  ShiftPattern(int firstStartFrom, int firstStartTo, double share) {
    this.firstStartFrom = firstStartFrom;
    this.firstStartTo = firstStartTo;
    this.share = share;
  }

  static ShiftPattern draw(double u) {
    double cumulative = 0;
    for (ShiftPattern pattern : values()) {
      cumulative += pattern.share;
      if (u < cumulative) {
        return pattern;
      }
    }
    return EVENING;
  }
}
