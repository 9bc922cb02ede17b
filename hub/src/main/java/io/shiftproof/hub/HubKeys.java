package io.shiftproof.hub;

import io.shiftproof.config.ConfigKey;
import io.shiftproof.config.Parsers;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.streamjobs.JobKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hub's own keys (how it runs the working-time job), and {@link #ALL}, every key of the hub's
 * settings: these, the gateway's and the job's.
 */
public final class HubKeys {
  private HubKeys() {}

  public static final ConfigKey<String> STREAM_JOB_MODE =
      ConfigKey.define(
          "stream-job.mode",
          "embedded",
          "embedded or external",
          Parsers.oneOf("embedded", "external"),
          "embedded: the hub runs the working-time job on a local Flink MiniCluster; external: a"
              + " Flink cluster runs it (`shiftproof config --job-arguments` prints its settings).");
  public static final ConfigKey<Integer> STREAM_JOB_PARALLELISM =
      ConfigKey.define(
          "stream-job.parallelism",
          "2",
          "a whole number 1..64",
          Parsers.intIn(1, 64),
          "Parallelism of the embedded job; on a Flink cluster, give it to flink run (-p).");

  /** Every key the hub accepts, by name: what {@code shiftproof config} lists. */
  public static final List<ConfigKey<?>> ALL =
      union(List.of(STREAM_JOB_MODE, STREAM_JOB_PARALLELISM), GatewayKeys.ALL, JobKeys.ALL);

  @SafeVarargs
  private static List<ConfigKey<?>> union(List<ConfigKey<?>>... parts) {
    List<ConfigKey<?>> all = new ArrayList<>();
    for (List<ConfigKey<?>> part : parts) {
      all.addAll(part);
    }
    all.sort(Comparator.comparing(ConfigKey::name));
    return List.copyOf(all);
  }
}
