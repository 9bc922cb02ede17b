package io.shiftproof.hub;

import io.shiftproof.config.Settings;
import io.shiftproof.streamjobs.JobKeys;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;

/**
 * Configuration of the working-time job as the hub runs it.
 *
 * @param embedded whether the hub runs the job itself, on a local MiniCluster
 * @param job the job's settings, read the same way a job on a cluster reads its arguments
 * @param topic the topic the gateway writes and the job reads
 */
public record StreamJobConfig(
    boolean embedded, int parallelism, WorkingTimeJobConfig job, String topic) {

  public static StreamJobConfig from(Settings s) {
    return new StreamJobConfig(
        s.get(HubKeys.STREAM_JOB_MODE).equals("embedded"),
        s.get(HubKeys.STREAM_JOB_PARALLELISM),
        WorkingTimeJobConfig.from(s),
        s.get(JobKeys.KAFKA_TOPIC));
  }
}
