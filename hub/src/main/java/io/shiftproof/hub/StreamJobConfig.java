package io.shiftproof.hub;

import io.shiftproof.gateway.config.HubKeys;
import io.shiftproof.gateway.config.HubSettings;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;

/**
 * Configuration of the working-time job as the hub runs it.
 *
 * @param embedded whether the hub runs the job itself, on a local MiniCluster
 */
public record StreamJobConfig(boolean embedded, int parallelism, WorkingTimeJobConfig job) {

  public static StreamJobConfig from(HubSettings s) {
    WorkingTimeJobConfig defaults = WorkingTimeJobConfig.defaults();
    WorkingTimeConfig semantics =
        defaults
            .workingTime()
            .withZone(s.get(HubKeys.WORKING_TIME_ZONE))
            .withSilenceTimeout(s.get(HubKeys.SILENCE_TIMEOUT));
    return new StreamJobConfig(
        s.get(HubKeys.STREAM_JOB_MODE).equals("embedded"),
        s.get(HubKeys.STREAM_JOB_PARALLELISM),
        defaults
            .withWorkingTime(semantics)
            .withCorrectionHorizon(s.get(HubKeys.CORRECTION_HORIZON))
            .withCheckpointInterval(s.get(HubKeys.STREAM_JOB_CHECKPOINT_INTERVAL)));
  }
}
