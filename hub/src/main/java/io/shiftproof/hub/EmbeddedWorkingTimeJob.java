package io.shiftproof.hub;

import io.shiftproof.streamjobs.WorkingTimeJob;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.shiftproof.streamjobs.records.DayRecordOutputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working-time job on a Flink MiniCluster inside the hub's process (docs/design.md §3, embedded
 * mode). It is the same job a Flink cluster runs; only where it runs differs.
 *
 * <p>Checkpoints go under the data directory and are kept when the hub stops, and the job resumes
 * from the newest one on the next start: the job's state holds the open days' events, which the
 * Kafka offsets alone could not bring back.
 */
public final class EmbeddedWorkingTimeJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWorkingTimeJob.class);

  private final JobClient job;

  private EmbeddedWorkingTimeJob(JobClient job) {
    this.job = job;
  }

  /**
   * Submits the job to a new local MiniCluster and returns once it is submitted.
   *
   * @param checkpointDir where checkpoints are kept across restarts
   * @param kafkaClient the job's Kafka client settings ({@code security.protocol}, {@code ssl.*})
   */
  public static EmbeddedWorkingTimeJob start(
      Path checkpointDir,
      String bootstrapServers,
      Map<String, String> kafkaClient,
      String topic,
      DayRecordOutputs outputs,
      WorkingTimeJobConfig config,
      int parallelism) {
    Configuration flink = new Configuration();
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
    flink.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
    Optional<Path> resumeFrom = newestCheckpoint(checkpointDir);
    resumeFrom.ifPresent(
        checkpoint -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toString()));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
    WorkingTimeJob.build(
        env,
        WorkingTimeJob.kafkaSource(bootstrapServers, kafkaClient, topic, config.jobName()),
        outputs,
        config);
    try {
      JobClient job = env.executeAsync(config.jobName());
      LOG.info(
          "working-time job {} started{}",
          job.getJobID(),
          resumeFrom.map(c -> " from checkpoint " + c).orElse(""));
      return new EmbeddedWorkingTimeJob(job);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the working-time job: " + e.getMessage(), e);
    }
  }

  /** Whether the job is running (not failed, cancelled or finished). */
  public boolean isRunning() {
    try {
      return !job.getJobStatus().get(2, TimeUnit.SECONDS).isTerminalState();
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * The newest completed checkpoint under {@code dir}: Flink writes {@code <job>/chk-<n>/_metadata}
   * last, so a directory with that file is complete.
   */
  static Optional<Path> newestCheckpoint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> paths = Files.walk(dir, 3)) {
      return paths
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparing(EmbeddedWorkingTimeJob::lastModified))
          .map(Path::toAbsolutePath);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for checkpoints in " + dir, e);
    }
  }

  private static long lastModified(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }

  /** Cancels the job (its checkpoints are kept) and shuts the MiniCluster down. */
  @Override
  public void close() {
    try {
      job.cancel().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("working-time job did not cancel cleanly: {}", e.toString());
    }
  }
}
