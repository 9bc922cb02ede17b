package io.shiftproof.streamjobs;

import static io.shiftproof.schemas.wire.WorkEventType.HEARTBEAT;
import static io.shiftproof.streamjobs.WorkEvents.DAY;
import static io.shiftproof.streamjobs.WorkEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.SealRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

class WorkEventWatermarksTest {
  private static final Duration IDLENESS = Duration.ofMinutes(1);
  private static final String WORKER = "wr_" + "A".repeat(43);

  // Not at 0: the idleness timer reads a start of inactivity at 0 nanoseconds as none.
  private final ManualClock clock = new ManualClock(Duration.ofHours(1).toNanos());
  private final RecordingOutput output = new RecordingOutput();
  private final WatermarkGenerator<WorkInput> watermarks =
      WorkEventWatermarks.strategy(Duration.ofSeconds(5), IDLENESS)
          .createWatermarkGenerator(new ClockContext(clock));

  @Test
  void aSealRequestDoesNotWakeAnIdleSplitButAnEventDoes() {
    input(event("09:00"));
    watermarks.onPeriodicEmit(output);
    assertThat(output.idle).isFalse();
    // The idleness timer starts on the first emit without activity and fires on the next.
    watermarks.onPeriodicEmit(output);
    clock.advanceTime(IDLENESS.plusSeconds(1));
    watermarks.onPeriodicEmit(output);
    assertThat(output.idle).as("idle after the timeout").isTrue();

    input(seal());
    watermarks.onPeriodicEmit(output);
    assertThat(output.idle).as("idle after a seal request").isTrue();
    assertThat(output.callsSinceIdle).isEmpty();

    input(event("09:30"));
    watermarks.onPeriodicEmit(output);
    assertThat(output.idle).as("active again after an event").isFalse();
    assertThat(output.callsSinceIdle)
        .containsExactly("watermark " + (at("09:30").toEpochMilli() - 5_000 - 1));
  }

  private void input(WorkInput input) {
    watermarks.onEvent(input, input.eventTimeMillis(), output);
  }

  private static WorkInput event(String localTime) {
    return WorkInput.of(
        WorkEvents.event(
            WORKER, "didi", "b1", "e-" + localTime, "s1", HEARTBEAT, null, at(localTime)));
  }

  private static WorkInput seal() {
    return WorkInput.of(new SealRequest(WORKER, DAY, "seal-1", "insurer-1", at("12:00")));
  }

  /** Whether the output is idle, and what was called on it since it was last marked idle. */
  private static final class RecordingOutput implements WatermarkOutput {
    boolean idle;
    final List<String> callsSinceIdle = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      // Emitting a watermark marks the output active again (WatermarkOutput).
      idle = false;
      callsSinceIdle.add("watermark " + watermark.getTimestamp());
    }

    @Override
    public void markIdle() {
      idle = true;
      callsSinceIdle.clear();
    }

    @Override
    public void markActive() {
      idle = false;
      callsSinceIdle.add("active");
    }
  }

  /** The context a source gives its watermark generator, with a clock the test moves. */
  private record ClockContext(RelativeClock clock) implements WatermarkGeneratorSupplier.Context {
    @Override
    public MetricGroup getMetricGroup() {
      return new UnregisteredMetricsGroup();
    }

    @Override
    public RelativeClock getInputActivityClock() {
      return clock;
    }
  }
}
