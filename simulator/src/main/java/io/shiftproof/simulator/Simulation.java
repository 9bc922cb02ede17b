package io.shiftproof.simulator;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Generates realistic multi-platform gig work as the batches each platform would post to the hub.
 * Output is a pure function of the {@link SimulationConfig}: the same config gives the same
 * batches, byte for byte.
 */
public final class Simulation {
  private Simulation() {}

  /**
   * The batches of all platforms, interleaved in the order they would be sent. The stream is lazy
   * and sequential: it generates as it is consumed and holds only the sessions under way and the
   * batches being filled, so any number of workers and days fits in a small heap.
   */
  public static Stream<PlatformBatch> generate(SimulationConfig config) {
    return generate(config, new SimulationTally());
  }

  /** As {@link #generate(SimulationConfig)}, counting what is generated into {@code tally}. */
  public static Stream<PlatformBatch> generate(SimulationConfig config, SimulationTally tally) {
    EventSweep sweep = new EventSweep(config, tally);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            sweep, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
        false);
  }

  /** Generates the whole run only to count it, for a dry run or a demo's preview. */
  public static SimulationSummary summarize(SimulationConfig config) {
    SimulationTally tally = new SimulationTally();
    try (Stream<PlatformBatch> batches = generate(config, tally)) {
      batches.forEach(batch -> {});
    }
    return tally.summary();
  }
}
