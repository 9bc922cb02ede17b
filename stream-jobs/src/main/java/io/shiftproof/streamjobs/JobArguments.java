package io.shiftproof.streamjobs;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.ConfigKey;
import io.shiftproof.config.Parsers;
import io.shiftproof.config.Settings;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.pki.KafkaTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The arguments of {@link WorkingTimeJob#main}, {@code --key value} pairs: every key of {@link
 * JobKeys}, under the hub's names and with the hub's defaults, so that {@link #render} of a hub's
 * settings gives a job on a cluster exactly what the hub's own job would run with; and the
 * connections the job needs.
 *
 * <p>The connection keys share their names with the hub's, not their defaults: a hub left without
 * them starts embedded servers, while the job has to be told where the hub's servers are.
 *
 * @param job the job's settings
 * @param topic the topic the job reads
 * @param groupId the consumer group whose committed offsets the job starts from without a
 *     checkpoint
 * @param ledger the ledger the job anchors on, opened through the same factory as the hub's
 * @param kafkaTls the job's Kafka certificate and key and the CA of the broker's certificate
 */
public record JobArguments(
    WorkingTimeJobConfig job,
    String topic,
    String groupId,
    String bootstrapServers,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    LedgerEndpoint ledger,
    KafkaTls kafkaTls) {

  public static final ConfigKey<String> KAFKA_BOOTSTRAP =
      ConfigKey.required(
          "kafka.bootstrap-servers",
          "host:port[,host:port...]",
          Parsers::nonEmpty,
          "The Kafka cluster the hub writes accepted events to.");
  public static final ConfigKey<String> KAFKA_GROUP_ID =
      ConfigKey.define(
          "kafka.group-id",
          WorkingTimeJobConfig.DEFAULT_JOB_NAME,
          "a consumer group id",
          Parsers::nonEmpty,
          "Consumer group whose committed offsets the job starts from when it has no checkpoint;"
              + " the hub's own job uses its job name.");
  public static final ConfigKey<String> POSTGRES_URL =
      ConfigKey.required(
          "postgres.url",
          "a jdbc:postgresql:// URL",
          Parsers::nonEmpty,
          "The hub's PostgreSQL, where day records and the ledger are stored.");
  public static final ConfigKey<String> POSTGRES_USER =
      ConfigKey.required("postgres.user", "a user name", Parsers::nonEmpty, "PostgreSQL user.");
  public static final ConfigKey<String> POSTGRES_PASSWORD =
      ConfigKey.required(
          "postgres.password", "a password, may be empty", Parsers::text, "PostgreSQL password.");
  public static final ConfigKey<String> LEDGER_SIGNING_KEY =
      ConfigKey.required(
          "ledger.signing-key",
          "a PKCS#8 PEM file path",
          Parsers::nonEmpty,
          "The hub's signing key (its signing.key, never the TLS key), which signs the ledger's"
              + " entries.");

  public static final ConfigKey<String> KAFKA_CA_CERT =
      ConfigKey.required(
          "kafka.ca-cert",
          "a PEM file path",
          Parsers::nonEmpty,
          "CA of the broker's certificate (the hub's kafka.ca-cert).");
  public static final ConfigKey<String> KAFKA_JOB_CERT =
      ConfigKey.required(
          "kafka.job-cert",
          "a PEM file path",
          Parsers::nonEmpty,
          "The job's Kafka client certificate, whose principal the ACLs let read the topic in the"
              + " job's consumer group.");
  public static final ConfigKey<String> KAFKA_JOB_KEY =
      ConfigKey.required(
          "kafka.job-key",
          "a PKCS#8 PEM file path",
          Parsers::nonEmpty,
          "Private key of kafka.job-cert. The job reads the files where it is submitted; the"
              + " key then travels inside the job graph.");

  /**
   * The job's own arguments, which no hub setting renders: where the hub's servers are, the hub's
   * signing key, the job's Kafka credentials and the consumer group.
   */
  public static final List<ConfigKey<?>> OWN_KEYS =
      List.of(
          KAFKA_BOOTSTRAP,
          KAFKA_GROUP_ID,
          KAFKA_CA_CERT,
          KAFKA_JOB_CERT,
          KAFKA_JOB_KEY,
          POSTGRES_URL,
          POSTGRES_USER,
          POSTGRES_PASSWORD,
          LEDGER_SIGNING_KEY);

  /** Every argument the job takes. */
  public static final List<ConfigKey<?>> KEYS = concat(OWN_KEYS, JobKeys.ALL);

  /**
   * Reads the job's arguments.
   *
   * @throws ConfigException naming an unknown, repeated or missing argument, or a bad value
   */
  public static JobArguments parse(String... args) {
    Settings s = Settings.fromArguments(KEYS, List.of(args));
    return new JobArguments(
        WorkingTimeJobConfig.from(s),
        s.get(JobKeys.KAFKA_TOPIC),
        s.get(KAFKA_GROUP_ID),
        s.get(KAFKA_BOOTSTRAP),
        s.get(POSTGRES_URL),
        s.get(POSTGRES_USER),
        s.get(POSTGRES_PASSWORD),
        Ledgers.endpoint(
            s.get(JobKeys.LEDGER_KIND),
            new LedgerSettings(
                s.get(POSTGRES_URL),
                s.get(POSTGRES_USER),
                s.get(POSTGRES_PASSWORD),
                s.get(LEDGER_SIGNING_KEY))),
        new KafkaTls(
            Path.of(s.get(KAFKA_CA_CERT)),
            Path.of(s.get(KAFKA_JOB_CERT)),
            Path.of(s.get(KAFKA_JOB_KEY))));
  }

  /**
   * The arguments that give a job on a cluster every setting of {@link JobKeys} as the hub has it,
   * so it runs as the hub's own job would; the connections are added by whoever submits the job.
   *
   * @param hubSettings settings holding the keys of {@link JobKeys}, such as the hub's
   */
  public static List<String> render(Settings hubSettings) {
    return hubSettings.arguments(JobKeys.ALL);
  }

  /** A one-line synopsis of the arguments: required ones first, then the optional with defaults. */
  public static String usage() {
    return KEYS.stream()
        .map(
            key ->
                key.defaultText()
                    .map(text -> "[--" + key.name() + " " + text + "]")
                    .orElse("--" + key.name() + " <" + key.wanted() + ">"))
        .sorted((a, b) -> Boolean.compare(a.startsWith("["), b.startsWith("[")))
        .collect(Collectors.joining(" "));
  }

  private static List<ConfigKey<?>> concat(List<ConfigKey<?>> first, List<ConfigKey<?>> second) {
    List<ConfigKey<?>> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
