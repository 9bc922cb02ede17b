package io.shiftproof.streamjobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of the {@code work-events} topic that only work events drive: a seal request reaches
 * neither the out-of-orderness bound nor the idleness detection.
 *
 * <p>Why: a seal request is timed by the hub's clock, not by the workers' events, so it says
 * nothing about the event time of its split. Counted as activity, it would wake an idle split whose
 * watermark is still where its last event left it, and hold back the watermark of the whole job
 * until the idleness timeout passed again.
 */
final class WorkEventWatermarks implements WatermarkGenerator<WorkInput> {

  private final WatermarkGenerator<WorkInput> events;

  WorkEventWatermarks(WatermarkGenerator<WorkInput> events) {
    this.events = events;
  }

  /**
   * Watermarks {@code outOfOrderness} behind the latest work event, a split idle after {@code
   * idleness} without one, and each input's {@link WorkInput#eventTimeMillis} as its timestamp.
   */
  static WatermarkStrategy<WorkInput> strategy(Duration outOfOrderness, Duration idleness) {
    WatermarkStrategy<WorkInput> events =
        WatermarkStrategy.<WorkInput>forBoundedOutOfOrderness(outOfOrderness)
            .withIdleness(idleness);
    return WatermarkStrategy.<WorkInput>forGenerator(
            context -> new WorkEventWatermarks(events.createWatermarkGenerator(context)))
        .withTimestampAssigner((input, ignored) -> input.eventTimeMillis());
  }

  @Override
  public void onEvent(WorkInput input, long eventTimestamp, WatermarkOutput output) {
    if (input instanceof WorkInput.Event) {
      events.onEvent(input, eventTimestamp, output);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    events.onPeriodicEmit(output);
  }
}
