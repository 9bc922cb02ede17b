package io.shiftproof.streamjobs;

import io.shiftproof.config.Settings;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link WorkingTimeJob}.
 *
 * @param workingTime the working-time semantics (silence timeout, zone, stretch join gap); default
 *     {@link WorkingTimeConfig#defaults()}
 * @param outOfOrderness how far behind the newest event time the watermark trails, i.e. how late an
 *     event may arrive and still count in the live record; default 30 seconds
 * @param idleness after this long without events a Kafka partition stops holding the watermark
 *     back, so a quiet partition does not stall every worker; default 1 minute
 * @param updateInterval while a session is open, a worker's live days are re-emitted at most once
 *     per this much event time for its events; default 5 seconds (docs/design.md §5: "every few
 *     seconds at most"). A silence timeout, the first event after a quiet spell and an event that
 *     arrives after the watermark passed it are applied without waiting for it.
 * @param correctionHorizon how long after it settles a day still takes late events as corrections;
 *     later events are stored as {@code TOO_LATE}; default {@link #DEFAULT_CORRECTION_HORIZON}
 * @param checkpointInterval how often the job checkpoints; sealed versions are stored when a
 *     checkpoint completes, so this is also how long they take to appear; default {@link
 *     #DEFAULT_CHECKPOINT_INTERVAL}
 * @param watermarkInterval how often sources emit a watermark (processing time); each new watermark
 *     updates the live record of every worker with new events, so when the job catches up on a
 *     backlog a longer interval means far fewer live updates (which only the last one of survives
 *     anyway); default 2 seconds, within the "every few seconds" of docs/design.md §5
 * @param jobName the Flink job's name, also its key in {@code stream_progress}; default {@code
 *     shiftproof-working-time}
 * @param silenceTimers whether live records follow the watermark between a worker's events: a timer
 *     at each open session's silence timeout, and the first event after a quiet spell applied as
 *     soon as the watermark passes it ({@link WorkerDayFunction}); default true. Only {@code bench
 *     working-time} turns it off, to measure what the timers cost: without them the day queries'
 *     rule that a quiet worker's live record holds up to the committed watermark is wrong, so no
 *     hub may run that way.
 */
public record WorkingTimeJobConfig(
    WorkingTimeConfig workingTime,
    Duration outOfOrderness,
    Duration idleness,
    Duration updateInterval,
    Duration correctionHorizon,
    Duration checkpointInterval,
    Duration watermarkInterval,
    String jobName,
    boolean silenceTimers) {

  public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
  public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CORRECTION_HORIZON = Duration.ofHours(72);
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_WATERMARK_INTERVAL = Duration.ofSeconds(2);
  public static final String DEFAULT_JOB_NAME = "shiftproof-working-time";

  /** Flink's own minimum checkpoint interval. */
  public static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(10);

  public WorkingTimeJobConfig {
    Objects.requireNonNull(workingTime, "workingTime");
    Objects.requireNonNull(outOfOrderness, "outOfOrderness");
    Objects.requireNonNull(idleness, "idleness");
    Objects.requireNonNull(updateInterval, "updateInterval");
    Objects.requireNonNull(correctionHorizon, "correctionHorizon");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(watermarkInterval, "watermarkInterval");
    Objects.requireNonNull(jobName, "jobName");
    requireAtLeast("outOfOrderness", outOfOrderness, Duration.ZERO);
    requireAtLeast("idleness", idleness, Duration.ofMillis(1));
    requireAtLeast("updateInterval", updateInterval, Duration.ofMillis(1));
    requireAtLeast("correctionHorizon", correctionHorizon, Duration.ZERO);
    requireAtLeast("checkpointInterval", checkpointInterval, MIN_CHECKPOINT_INTERVAL);
    requireAtLeast("watermarkInterval", watermarkInterval, Duration.ofMillis(1));
    if (jobName.isBlank()) {
      throw new IllegalArgumentException("jobName: got a blank name, want a job name");
    }
  }

  public static WorkingTimeJobConfig defaults() {
    return new WorkingTimeJobConfig(
        WorkingTimeConfig.defaults(),
        DEFAULT_OUT_OF_ORDERNESS,
        DEFAULT_IDLENESS,
        DEFAULT_UPDATE_INTERVAL,
        DEFAULT_CORRECTION_HORIZON,
        DEFAULT_CHECKPOINT_INTERVAL,
        DEFAULT_WATERMARK_INTERVAL,
        DEFAULT_JOB_NAME,
        true);
  }

  /**
   * The job as the settings of {@link JobKeys} shape it, the rest at the defaults: how the hub
   * configures the job it runs and how {@link WorkingTimeJob#main} configures one on a cluster.
   */
  public static WorkingTimeJobConfig from(Settings s) {
    WorkingTimeJobConfig defaults = defaults();
    return defaults
        .withWorkingTime(
            defaults
                .workingTime()
                .withZone(s.get(JobKeys.WORKING_TIME_ZONE))
                .withSilenceTimeout(s.get(JobKeys.SILENCE_TIMEOUT)))
        .withCorrectionHorizon(s.get(JobKeys.CORRECTION_HORIZON))
        .withCheckpointInterval(s.get(JobKeys.CHECKPOINT_INTERVAL))
        .withIdleness(s.get(JobKeys.IDLENESS));
  }

  public WorkingTimeJobConfig withWorkingTime(WorkingTimeConfig value) {
    return new WorkingTimeJobConfig(
        value,
        outOfOrderness,
        idleness,
        updateInterval,
        correctionHorizon,
        checkpointInterval,
        watermarkInterval,
        jobName,
        silenceTimers);
  }

  public WorkingTimeJobConfig withOutOfOrderness(Duration value) {
    return new WorkingTimeJobConfig(
        workingTime,
        value,
        idleness,
        updateInterval,
        correctionHorizon,
        checkpointInterval,
        watermarkInterval,
        jobName,
        silenceTimers);
  }

  public WorkingTimeJobConfig withIdleness(Duration value) {
    return new WorkingTimeJobConfig(
        workingTime,
        outOfOrderness,
        value,
        updateInterval,
        correctionHorizon,
        checkpointInterval,
        watermarkInterval,
        jobName,
        silenceTimers);
  }

  public WorkingTimeJobConfig withCorrectionHorizon(Duration value) {
    return new WorkingTimeJobConfig(
        workingTime,
        outOfOrderness,
        idleness,
        updateInterval,
        value,
        checkpointInterval,
        watermarkInterval,
        jobName,
        silenceTimers);
  }

  public WorkingTimeJobConfig withCheckpointInterval(Duration value) {
    return new WorkingTimeJobConfig(
        workingTime,
        outOfOrderness,
        idleness,
        updateInterval,
        correctionHorizon,
        value,
        watermarkInterval,
        jobName,
        silenceTimers);
  }

  public WorkingTimeJobConfig withWatermarkInterval(Duration value) {
    return new WorkingTimeJobConfig(
        workingTime,
        outOfOrderness,
        idleness,
        updateInterval,
        correctionHorizon,
        checkpointInterval,
        value,
        jobName,
        silenceTimers);
  }

  /** The same job with the silence timers on or off; off is for the benchmark only. */
  public WorkingTimeJobConfig withSilenceTimers(boolean value) {
    return new WorkingTimeJobConfig(
        workingTime,
        outOfOrderness,
        idleness,
        updateInterval,
        correctionHorizon,
        checkpointInterval,
        watermarkInterval,
        jobName,
        value);
  }

  private static void requireAtLeast(String name, Duration value, Duration least) {
    if (value.compareTo(least) < 0) {
      throw new IllegalArgumentException(name + ": got " + value + ", want at least " + least);
    }
  }
}
