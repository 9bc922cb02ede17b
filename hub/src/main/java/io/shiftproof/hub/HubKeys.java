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

  public static final ConfigKey<String> KAFKA_ADMIN_CERT =
      ConfigKey.define(
          "kafka.admin-cert",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "The hub's Kafka administration certificate, which creates the topic (and, on the"
              + " embedded broker, the ACLs). Empty uses data.dir/credentials/kafka/admin/cert.pem.");
  public static final ConfigKey<String> KAFKA_ADMIN_KEY =
      ConfigKey.define(
          "kafka.admin-key",
          "",
          "a PKCS#8 PEM file path or empty",
          Parsers::text,
          "Private key of kafka.admin-cert. Empty uses data.dir/credentials/kafka/admin/key.pem.");
  public static final ConfigKey<String> KAFKA_JOB_CERT =
      ConfigKey.define(
          "kafka.job-cert",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "The embedded job's Kafka client certificate, allowed to read the topic in the job's"
              + " consumer group. Empty uses data.dir/credentials/kafka/job/cert.pem.");
  public static final ConfigKey<String> KAFKA_JOB_KEY =
      ConfigKey.define(
          "kafka.job-key",
          "",
          "a PKCS#8 PEM file path or empty",
          Parsers::text,
          "Private key of kafka.job-cert. Empty uses data.dir/credentials/kafka/job/key.pem.");

  /** Every key the hub accepts, by name: what {@code shiftproof config} lists. */
  public static final List<ConfigKey<?>> ALL =
      union(
          List.of(
              STREAM_JOB_MODE,
              STREAM_JOB_PARALLELISM,
              KAFKA_ADMIN_CERT,
              KAFKA_ADMIN_KEY,
              KAFKA_JOB_CERT,
              KAFKA_JOB_KEY),
          GatewayKeys.ALL,
          JobKeys.ALL);

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
