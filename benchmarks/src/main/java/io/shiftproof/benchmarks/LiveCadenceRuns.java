package io.shiftproof.benchmarks;

import io.shiftproof.benchmarks.BenchJobRuns.Run;
import io.shiftproof.benchmarks.BenchJobRuns.TimerCounts;
import io.shiftproof.streamjobs.WorkInput;
import io.shiftproof.streamjobs.WorkerDayFunction;
import io.shiftproof.streamjobs.WorkingTimeJob;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.state.WorkInputTypeInfo;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The working-time operator alone, on heap state, reading the benchmark's topic with a watermark
 * every {@link #STEP} of event time: the cadence of a hub keeping up with live traffic (its sources
 * emit a watermark every 2 seconds while event time moves at the speed of the clock). A job
 * catching up on a backlog sees a watermark only every few minutes of event time, so its silence
 * timers mostly fire together with other updates; at the live cadence each session closure is a
 * timer of its own, which is where they cost most. Outputs are discarded, so the figure is the
 * operator's work, without Kafka-to-PostgreSQL noise around it.
 */
final class LiveCadenceRuns {
  /** Event time between watermarks, as a live hub's 2-second watermark interval gives. */
  static final Duration STEP = Duration.ofSeconds(2);

  private LiveCadenceRuns() {}

  static Run run(String name, String bootstrap, String topic, String groupId, long events)
      throws Exception {
    return run(name, bootstrap, topic, groupId, events, true);
  }

  static Run run(
      String name,
      String bootstrap,
      String topic,
      String groupId,
      long events,
      boolean silenceTimers)
      throws Exception {
    WorkingTimeJobConfig config = WorkingTimeJobConfig.defaults();
    Configuration flink = new Configuration();
    flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, flink);
    long outOfOrdernessMillis = config.outOfOrderness().toMillis();
    WatermarkStrategy<WorkInput> everyStep =
        WatermarkStrategy.<WorkInput>forGenerator(
                context -> new EveryStep(outOfOrdernessMillis, STEP.toMillis()))
            .withTimestampAssigner((input, previous) -> input.eventTimeMillis());
    SingleOutputStreamOperator<DayRecordUpdate> live =
        env.fromSource(
                WorkingTimeJob.boundedKafkaSource(bootstrap, topic, groupId),
                everyStep,
                WorkingTimeJob.SOURCE_NAME,
                WorkInputTypeInfo.INSTANCE)
            .keyBy(WorkInput::workerRef)
            .process(
                new WorkerDayFunction(
                    config.workingTime(),
                    config.updateInterval(),
                    config.correctionHorizon(),
                    silenceTimers))
            .name("worker-days");
    live.sinkTo(new DiscardingSink<>());
    live.getSideOutput(WorkerDayFunction.SEALED_VERSIONS).sinkTo(new DiscardingSink<>());
    live.getSideOutput(WorkerDayFunction.TOO_LATE).sinkTo(new DiscardingSink<>());
    long cpuBefore = processCpuNanos();
    JobExecutionResult result = env.execute(groupId);
    return new Run(
        name,
        events,
        Duration.ofMillis(result.getNetRuntime()),
        Duration.ofNanos(processCpuNanos() - cpuBefore),
        TimerCounts.of(result));
  }

  /**
   * A watermark trailing the newest event time by the out-of-orderness bound, emitted each time it
   * passes a multiple of the step, however fast the events are read.
   */
  private static final class EveryStep implements WatermarkGenerator<WorkInput> {
    private final long outOfOrdernessMillis;
    private final long stepMillis;
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    EveryStep(long outOfOrdernessMillis, long stepMillis) {
      this.outOfOrdernessMillis = outOfOrdernessMillis;
      this.stepMillis = stepMillis;
    }

    @Override
    public void onEvent(WorkInput input, long timestamp, WatermarkOutput output) {
      if (input instanceof WorkInput.Seal) {
        return; // seal requests never move the watermark
      }
      newest = Math.max(newest, timestamp);
      long step = Math.floorDiv(newest - outOfOrdernessMillis, stepMillis) * stepMillis;
      if (step > emitted) {
        emitted = step;
        output.emitWatermark(new Watermark(step - 1));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
