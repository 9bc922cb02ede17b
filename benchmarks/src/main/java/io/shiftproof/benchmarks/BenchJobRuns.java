package io.shiftproof.benchmarks;

import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.simulator.FaultProfile;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.WorkerDayFunction;
import io.shiftproof.streamjobs.WorkingTimeJob;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.shiftproof.streamjobs.records.DayRecordOutputs;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the job benchmarks share: writing the events to a topic once, and one timed run of the
 * working-time job reading all of them as a bounded stream at parallelism 1 (one slot, so the
 * figure is per core of processing) into the given outputs.
 */
final class BenchJobRuns {
  private BenchJobRuns() {}

  /** One measured run, with the timers the job's operator set and fired in it. */
  record Run(String name, long events, Duration elapsed, Duration cpu, TimerCounts timers) {
    Run(String name, long events, Duration elapsed, Duration cpu) {
      this(name, events, elapsed, cpu, TimerCounts.NONE);
    }

    /** This run less the fixed cost of starting and stopping the same job ({@code startUp}). */
    Run processingOnly(Run startUp) {
      return new Run(
          name,
          events,
          atLeastOneMilli(elapsed.minus(startUp.elapsed())),
          cpu.isZero() ? cpu : atLeastOneMilli(cpu.minus(startUp.cpu())),
          timers);
    }

    private static Duration atLeastOneMilli(Duration d) {
      return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }

    double eventsPerSecond() {
      return events / (elapsed.toNanos() / 1e9);
    }

    double eventsPerCpuSecond() {
      return cpu.isZero() ? Double.NaN : events / (cpu.toNanos() / 1e9);
    }
  }

  /**
   * One job run.
   *
   * @param backend {@code hashmap} or {@code rocksdb}
   * @param groupId the Kafka consumer group, distinct per run so each reads the topic from the
   *     start
   * @param events how many events the topic holds, for the figures
   */
  record JobRun(
      String name,
      String backend,
      Path checkpoints,
      String bootstrap,
      String topic,
      String groupId,
      DayRecordOutputs outputs,
      WorkingTimeJobConfig config,
      long events) {}

  static Run run(JobRun job) throws Exception {
    Configuration flink = new Configuration();
    flink.set(StateBackendOptions.STATE_BACKEND, job.backend());
    // Checkpoints on disk, as in production: the job manager's in-memory storage refuses state
    // over 5 MB, which the RocksDB run exceeds from a few hundred workers on.
    flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, job.checkpoints().toUri().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, flink);
    // Each run has a consumer group of its own, so it reads the topic from the start.
    WorkingTimeJob.build(
        env,
        WorkingTimeJob.boundedKafkaSource(job.bootstrap(), job.topic(), job.groupId()),
        job.outputs(),
        job.config());
    long cpuBefore = processCpuNanos();
    JobExecutionResult result = env.execute(job.groupId());
    Duration cpu = Duration.ofNanos(processCpuNanos() - cpuBefore);
    return new Run(
        job.name(),
        job.events(),
        Duration.ofMillis(result.getNetRuntime()),
        cpu,
        TimerCounts.of(result));
  }

  /**
   * The working-time operator's timers, from the job's accumulators: every timer it fired (live
   * updates, settling, expiry), and the live-update timers it set for events and for silence
   * timeouts (each replaces the worker's one pending update, so many are superseded before they
   * fire).
   */
  record TimerCounts(long fired, long setForEvents, long setForSilence) {
    static final TimerCounts NONE = new TimerCounts(0, 0, 0);

    static TimerCounts of(JobExecutionResult result) {
      return new TimerCounts(
          count(result, WorkerDayFunction.TIMERS_FIRED),
          count(result, WorkerDayFunction.EVENT_UPDATE_TIMERS),
          count(result, WorkerDayFunction.SILENCE_TIMERS));
    }

    private static long count(JobExecutionResult result, String name) {
      Object value = result.getAccumulatorResult(name);
      return value instanceof Long count ? count : 0;
    }
  }

  static void produce(String bootstrap, String topic, List<RecordedEvent> events) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (RecordedEvent e : events) {
        producer.send(
            new ProducerRecord<>(
                topic,
                e.event().workerRef().getBytes(StandardCharsets.UTF_8),
                RecordedEventCodec.encode(e)));
      }
      producer.flush();
    }
  }

  /**
   * The simulated load of the job benchmarks: realistic multi-platform work with 1 % duplicates, 1
   * % events up to 20 minutes late and 5 % sessions without an OFFLINE.
   */
  static SimulationConfig simulation(int workers, int platforms, int days, long seed) {
    return SimulationConfig.builder()
        .seed(seed)
        .workers(workers)
        .platforms(platforms)
        .days(days)
        .faults(
            FaultProfile.none()
                .withDuplicates(0.01)
                .withLateEvents(0.01, Duration.ofMinutes(20))
                .withMissingOfflines(0.05))
        .build();
  }

  /** The simulation's events as the gateway would have recorded them, in push order. */
  static List<RecordedEvent> events(SimulationConfig simulation) {
    return Simulation.generate(simulation).flatMap(b -> b.recorded().stream()).toList();
  }

  static Connection connect(RecordStoreConfig store) throws SQLException {
    return DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
