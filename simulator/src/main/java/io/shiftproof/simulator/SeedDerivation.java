package io.shiftproof.simulator;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the simulation seed and a path (worker, day, shift...).
 * Every stream depends only on its path, never on how many draws other streams made, so adding a
 * worker or changing one worker's day leaves all other workers' days as they were.
 */
final class SeedDerivation {
  private SeedDerivation() {}

  static SplittableRandom random(long seed, long... path) {
    return new SplittableRandom(mix(seed, path));
  }

  static long mix(long seed, long... path) {
    long h = splitMix(seed ^ 0x5368696674_70726fL);
    for (long part : path) {
      h = splitMix(h ^ splitMix(part + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  // SplitMix64 finaliser: a cheap, well-studied 64-bit mixer.
  private static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
