package io.shiftproof.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides what a simulation generates; the same config always yields the same
 * batches, byte for byte. Build one with {@link #builder()}, which documents every default.
 *
 * @param seed the seed every random choice derives from
 * @param workers how many workers take part (pseudonyms are derived from seed and worker number)
 * @param platforms the platforms, in order; at least one, names distinct
 * @param days how many local days of shifts to generate (night shifts of the last day run on)
 * @param startDate the first local day
 * @param zone the zone of the local days and of every {@code occurredAt} offset
 * @param multiAppShare share of workers who run sessions on two platforms at once; ignored with a
 *     single platform
 * @param batchSize the most events one batch carries
 * @param flushInterval the longest a platform holds events before sending them, so a quiet platform
 *     still sends small batches promptly
 * @param heartbeatInterval time between {@code HEARTBEAT}s of an online session; zero sends none
 * @param faults the delivery and device faults to inject
 * @param workerRefs each worker's pseudonym by worker number, as a hub's evaluators gave it for the
 *     worker's {@link #nationalId}; empty derives stand-ins of the same shape from the seed
 */
public record SimulationConfig(
    long seed,
    int workers,
    List<SimulatedPlatform> platforms,
    int days,
    LocalDate startDate,
    ZoneId zone,
    double multiAppShare,
    int batchSize,
    Duration flushInterval,
    Duration heartbeatInterval,
    FaultProfile faults,
    Map<Integer, String> workerRefs) {

  /**
   * Longest heartbeat interval accepted: the hub closes a session after 10 minutes of silence, so a
   * longer interval would make every quiet spell look like the app died.
   */
  static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofMinutes(9);

  public SimulationConfig {
    Objects.requireNonNull(platforms, "platforms");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(faults, "faults");
    platforms = List.copyOf(platforms);
    workerRefs = Map.copyOf(Objects.requireNonNull(workerRefs, "workerRefs"));
    require(workers >= 1, "workers", workers, "at least 1");
    require(days >= 1, "days", days, "at least 1");
    require(!platforms.isEmpty(), "platforms", platforms, "at least one platform");
    require(
        new HashSet<>(platforms.stream().map(SimulatedPlatform::name).toList()).size()
            == platforms.size(),
        "platforms",
        platforms,
        "distinct names");
    require(
        multiAppShare >= 0 && multiAppShare <= 1,
        "multiAppShare",
        multiAppShare,
        "a share in [0, 1]");
    require(batchSize >= 1, "batchSize", batchSize, "at least 1");
    require(
        flushInterval.toMillis() >= 1, "flushInterval", flushInterval, "at least one millisecond");
    require(
        heartbeatInterval.isZero()
            || heartbeatInterval.getSeconds() >= 1
                && heartbeatInterval.compareTo(MAX_HEARTBEAT_INTERVAL) <= 0,
        "heartbeatInterval",
        heartbeatInterval,
        "zero (none) or between PT1S and " + MAX_HEARTBEAT_INTERVAL);
    for (int worker = 0; worker < workers && !workerRefs.isEmpty(); worker++) {
      require(
          workerRefs.containsKey(worker),
          "workerRefs",
          workerRefs.size() + " pseudonyms without worker " + worker,
          "none, or one for every worker 0.." + (workers - 1));
    }
  }

  /**
   * The synthetic national identifier of worker {@code number}: 18 characters shaped like a
   * resident identity number, derived from the seed, so a run can pseudonymise its workers with a
   * hub's evaluators and the same seed gives the same people.
   */
  public String nationalId(int number) {
    long mixed = SeedDerivation.random(seed, 7, number).nextLong();
    return String.format("SIM%015d", Math.floorMod(mixed, 1_000_000_000_000_000L));
  }

  /** A builder holding the defaults: change only what the scenario needs. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    return new Builder()
        .seed(seed)
        .workers(workers)
        .platforms(platforms)
        .days(days)
        .startDate(startDate)
        .zone(zone)
        .multiAppShare(multiAppShare)
        .batchSize(batchSize)
        .flushInterval(flushInterval)
        .heartbeatInterval(heartbeatInterval)
        .faults(faults)
        .workerRefs(workerRefs);
  }

  /**
   * Names {@code platform-1 .. platform-count}, kinds cycling as {@link SimulatedPlatform#named}.
   */
  public static List<SimulatedPlatform> numberedPlatforms(int count) {
    List<SimulatedPlatform> platforms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      platforms.add(SimulatedPlatform.named("platform-" + (i + 1), i));
    }
    return platforms;
  }

  private static void require(boolean ok, String field, Object got, String want) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": got " + got + ", want " + want);
    }
  }

  /** Mutable builder for {@link SimulationConfig}; each setter documents its default. */
  public static final class Builder {
    private long seed = 1;
    private int workers = 100;
    private List<SimulatedPlatform> platforms = numberedPlatforms(3);
    private int days = 1;
    private LocalDate startDate = LocalDate.of(2026, 11, 28);
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private double multiAppShare = 0.3;
    private int batchSize = 500;
    private Duration flushInterval = Duration.ofMinutes(5);
    private Duration heartbeatInterval = Duration.ofSeconds(60);
    private FaultProfile faults = FaultProfile.none();
    private Map<Integer, String> workerRefs = Map.of();

    private Builder() {}

    /** Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Default 100. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /**
     * Default three: {@code platform-1} ride-hailing, {@code -2} food delivery, {@code -3} courier.
     */
    public Builder platforms(List<SimulatedPlatform> platforms) {
      this.platforms = platforms;
      return this;
    }

    /** {@code count} platforms named {@code platform-1 .. platform-count}. */
    public Builder platforms(int count) {
      return platforms(numberedPlatforms(count));
    }

    /** Platforms with the given names, kinds cycling as {@link SimulatedPlatform#named}. */
    public Builder platformNames(List<String> names) {
      List<SimulatedPlatform> named = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        named.add(SimulatedPlatform.named(names.get(i), i));
      }
      return platforms(named);
    }

    /** Default 1. */
    public Builder days(int days) {
      this.days = days;
      return this;
    }

    /**
     * Default 2026-11-28. A hub rejects events from the future and files events older than its
     * correction horizon as too late, so a run against a live hub should start a day or two ago.
     */
    public Builder startDate(LocalDate startDate) {
      this.startDate = startDate;
      return this;
    }

    /** Default {@code Asia/Shanghai}. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** Default 0.3. */
    public Builder multiAppShare(double multiAppShare) {
      this.multiAppShare = multiAppShare;
      return this;
    }

    /** Default 500. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Default 5 minutes. */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
      return this;
    }

    /** Default 60 seconds. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /** Default {@link FaultProfile#none()}. */
    public Builder faults(FaultProfile faults) {
      this.faults = faults;
      return this;
    }

    /**
     * Default none: stand-ins derived from the seed. Give the pseudonyms a hub's evaluators gave
     * for each worker's {@link SimulationConfig#nationalId}, so the events carry real VOPRF
     * pseudonyms.
     */
    public Builder workerRefs(Map<Integer, String> workerRefs) {
      this.workerRefs = workerRefs;
      return this;
    }

    /** The config, checked: a bad value fails here with {@code field: got X, want Y}. */
    public SimulationConfig build() {
      return new SimulationConfig(
          seed,
          workers,
          platforms,
          days,
          startDate,
          zone,
          multiAppShare,
          batchSize,
          flushInterval,
          heartbeatInterval,
          faults,
          workerRefs);
    }
  }
}
