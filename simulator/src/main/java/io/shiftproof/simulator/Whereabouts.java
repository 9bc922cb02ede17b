package io.shiftproof.simulator;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Where a worker is during a session, as far as the coarse cell on each event tells: a random walk
 * around the worker's home, one leg per pickup or drop-off.
 */
final class Whereabouts {
  /** Share of events that carry a cell; the rest were sent while the phone had no location fix. */
  private static final double CELL_PRESENT = 0.97;

  /** Five geohash characters: cells of about 5 km by 5 km, coarse enough to name no address. */
  private static final int CELL_LENGTH = 5;

  /** How strongly each leg is pulled back towards home, so the worker stays in one part of town. */
  private static final double HOMING = 0.85;

  private final double homeLatitude;
  private final double homeLongitude;
  private double latitude;
  private double longitude;

  Whereabouts(WorkerProfile worker) {
    this.homeLatitude = worker.homeLatitude();
    this.homeLongitude = worker.homeLongitude();
    this.latitude = homeLatitude;
    this.longitude = homeLongitude;
  }

  /** A leg of up to {@code reach} degrees each way (0.01 degree is about 1 km). */
  void move(double reach, SplittableRandom rng) {
    latitude = homeLatitude + HOMING * (latitude - homeLatitude) + rng.nextDouble(-reach, reach);
    longitude =
        homeLongitude + HOMING * (longitude - homeLongitude) + rng.nextDouble(-reach, reach);
  }

  /** The current cell, or none when the phone has no fix. */
  Optional<String> cell(SplittableRandom rng) {
    return rng.nextDouble() < CELL_PRESENT
        ? Optional.of(Geohash.encode(latitude, longitude, CELL_LENGTH))
        : Optional.empty();
  }
}
