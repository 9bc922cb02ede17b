package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** A city-sized run streams through a small heap instead of being built in memory. */
class LargeSimulationTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void twoThousandWorkersOnThreePlatformsStreamInLittleMemory() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    long events = 0;
    long batches = 0;
    long mostRetained = 0;
    Iterator<PlatformBatch> it =
        Simulation.generate(SimulationConfig.builder().seed(3).workers(2000).platforms(3).build())
            .iterator();
    while (it.hasNext()) {
      events += it.next().size();
      if (++batches % 250 == 0) {
        System.gc();
        mostRetained = Math.max(mostRetained, memory.getHeapMemoryUsage().getUsed() - baseline);
      }
    }
    // Held at once, a million events would take several hundred MiB.
    assertThat(events).isGreaterThan(1_000_000);
    assertThat(mostRetained).isLessThan(64 * MIB);
  }
}
