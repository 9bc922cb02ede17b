package io.shiftproof.simulator;

import java.util.SplittableRandom;

/**
 * The lasting traits of one simulated worker, derived from the seed and the worker number alone.
 *
 * @param number 0-based worker number (never sent; it only seeds the worker's choices)
 * @param workerRef the pseudonym sent on every event
 * @param pattern when the worker's day starts
 * @param mainPlatform index of the platform the worker mostly works for
 * @param otherPlatform index of a second platform, or the main one when there is only one
 * @param multiApp whether the worker keeps a second app online during shifts
 * @param switcher whether the worker changes platform between shifts (never at the same time)
 * @param homeLatitude latitude the worker's trips circle around
 * @param homeLongitude longitude the worker's trips circle around
 */
record WorkerProfile(
    int number,
    String workerRef,
    ShiftPattern pattern,
    int mainPlatform,
    int otherPlatform,
    boolean multiApp,
    boolean switcher,
    double homeLatitude,
    double homeLongitude) {

  /** Share of single-app workers on several platforms who use a different app for later shifts. */
  static final double SWITCHER_SHARE = 0.25;

  /** City centres the workers live around, with rough weights. */
  private static final double[][] CITIES = {
    {31.230, 121.474, 0.22}, // Shanghai
    {39.904, 116.407, 0.20}, // Beijing
    {22.543, 114.058, 0.16}, // Shenzhen
    {23.129, 113.264, 0.14}, // Guangzhou
    {30.274, 120.155, 0.10}, // Hangzhou
    {30.573, 104.066, 0.10}, // Chengdu
    {30.593, 114.305, 0.08}, // Wuhan
  };

  static WorkerProfile derive(SimulationConfig config, SyntheticIds ids, int number) {
    SplittableRandom rng = SeedDerivation.random(config.seed(), 1, number);
    int platforms = config.platforms().size();
    ShiftPattern pattern = ShiftPattern.draw(rng.nextDouble());
    int main = rng.nextInt(platforms);
    int other = platforms == 1 ? main : (main + 1 + rng.nextInt(platforms - 1)) % platforms;
    boolean multiApp = platforms > 1 && rng.nextDouble() < config.multiAppShare();
    boolean switcher = platforms > 1 && !multiApp && rng.nextDouble() < SWITCHER_SHARE;
    double[] city = drawCity(rng.nextDouble());
    // Homes spread a few kilometres around the centre (0.01 degree is about 1 km).
    double latitude = city[0] + rng.nextDouble(-0.08, 0.08);
    double longitude = city[1] + rng.nextDouble(-0.08, 0.08);
    return new WorkerProfile(
        number,
        config.workerRefs().isEmpty() ? ids.workerRef(number) : config.workerRefs().get(number),
        pattern,
        main,
        other,
        multiApp,
        switcher,
        latitude,
        longitude);
  }

  private static double[] drawCity(double u) {
    double cumulative = 0;
    for (double[] city : CITIES) {
      cumulative += city[2];
      if (u < cumulative) {
        return city;
      }
    }
    return CITIES[0];
  }
}
