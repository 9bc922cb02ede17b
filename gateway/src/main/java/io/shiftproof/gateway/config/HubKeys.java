package io.shiftproof.gateway.config;

import io.shiftproof.ledger.backend.LedgerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/** Every configuration key of the hub, in one place. */
public final class HubKeys {
  private HubKeys() {}

  public static final ConfigKey<Path> DATA_DIR =
      key(
          "data.dir",
          "./data",
          "a directory path",
          Path::of,
          "Where the embedded servers keep their data and the development credentials live.");

  public static final ConfigKey<String> GATEWAY_HOST =
      key(
          "gateway.host",
          "127.0.0.1",
          "a host name or IP address",
          HubKeys::nonEmpty,
          "Interface the HTTPS API listens on (0.0.0.0 for all).");
  public static final ConfigKey<Integer> GATEWAY_PORT =
      key(
          "gateway.port",
          "8443",
          "a port 0..65535",
          HubKeys::port,
          "HTTPS port of the API (mutual TLS). 0 picks a free port.");
  public static final ConfigKey<String> MANAGEMENT_HOST =
      key(
          "management.host",
          "127.0.0.1",
          "a host name or IP address",
          HubKeys::nonEmpty,
          "Interface of the plain-HTTP management endpoints (/health, /ready, /metrics).");
  public static final ConfigKey<Integer> MANAGEMENT_PORT =
      key(
          "management.port",
          "9464",
          "a port 0..65535",
          HubKeys::port,
          "Port of the management endpoints. 0 picks a free port.");
  public static final ConfigKey<Integer> GATEWAY_INSTANCES =
      key(
          "gateway.instances",
          String.valueOf(Runtime.getRuntime().availableProcessors()),
          "a whole number 1..64",
          text -> range(Integer.parseInt(text), 1, 64),
          "HTTP verticle instances (event loops serving the API).");
  public static final ConfigKey<Long> MAX_BODY_BYTES =
      key(
          "gateway.max-body-bytes",
          "4194304",
          "a byte count 1024..268435456",
          text -> range(Long.parseLong(text), 1024, 268_435_456L),
          "Largest request body accepted; larger bodies get 413 BODY_TOO_LARGE.");
  public static final ConfigKey<Duration> REQUEST_TIMEOUT =
      key(
          "gateway.request-timeout",
          "PT30S",
          "an ISO-8601 duration such as PT30S",
          HubKeys::positiveDuration,
          "Longest time the hub spends on one request before answering 503 TIMEOUT.");
  public static final ConfigKey<Duration> IDLE_TIMEOUT =
      key(
          "gateway.idle-timeout",
          "PT60S",
          "an ISO-8601 duration such as PT60S",
          HubKeys::positiveDuration,
          "Connections idle this long are closed (slow or stuck clients).");
  public static final ConfigKey<Integer> MAX_EVENTS_PER_BATCH =
      key(
          "ingest.max-events-per-batch",
          "5000",
          "a whole number 1..100000",
          text -> range(Integer.parseInt(text), 1, 100_000),
          "Most events one batch may hold; larger batches get TOO_MANY_EVENTS.");
  public static final ConfigKey<Duration> MAX_FUTURE_SKEW =
      key(
          "ingest.max-future-skew",
          "PT5M",
          "an ISO-8601 duration such as PT5M",
          HubKeys::positiveDuration,
          "How far ahead of the hub's clock an occurredAt may be before FUTURE_TIMESTAMP.");

  public static final ConfigKey<Duration> KEY_RETENTION =
      key(
          "ingest.key-retention",
          "P30D",
          "an ISO-8601 duration at least 2 days longer than working-time.correction-horizon",
          HubKeys::positiveDuration,
          "How long (platform, eventId) keys are kept to answer resends as duplicates; older"
              + " resends are accepted again but stored TOO_LATE, changing nothing.");

  public static final ConfigKey<ZoneId> WORKING_TIME_ZONE =
      key(
          "working-time.zone",
          "Asia/Shanghai",
          "a time-zone id such as Asia/Shanghai or Europe/Berlin",
          ZoneId::of,
          "Zone whose local days the day records cover; decides the day a status query reads.");
  public static final ConfigKey<Duration> SILENCE_TIMEOUT =
      key(
          "working-time.silence-timeout",
          "PT10M",
          "an ISO-8601 duration such as PT10M",
          HubKeys::positiveDuration,
          "A session with no event for this long is closed at its last event (TIMEOUT).");
  public static final ConfigKey<Duration> CORRECTION_HORIZON =
      key(
          "working-time.correction-horizon",
          "PT72H",
          "an ISO-8601 duration such as PT72H",
          HubKeys::positiveDuration,
          "How long after a day settles a late event still seals a new version; later: TOO_LATE.");
  public static final ConfigKey<String> STREAM_JOB_MODE =
      key(
          "stream-job.mode",
          "embedded",
          "embedded or external",
          text -> oneOf(text, "embedded", "external"),
          "embedded: the hub runs the working-time job on a local Flink MiniCluster; external: a"
              + " Flink cluster runs it.");
  public static final ConfigKey<Integer> STREAM_JOB_PARALLELISM =
      key(
          "stream-job.parallelism",
          "2",
          "a whole number 1..64",
          text -> range(Integer.parseInt(text), 1, 64),
          "Parallelism of the embedded job.");
  public static final ConfigKey<Duration> STREAM_JOB_CHECKPOINT_INTERVAL =
      key(
          "stream-job.checkpoint-interval",
          "PT10S",
          "an ISO-8601 duration of at least PT0.01S",
          HubKeys::positiveDuration,
          "How often the embedded job checkpoints; sealed versions are anchored and stored at each"
              + " checkpoint.");

  public static final ConfigKey<LedgerKind> LEDGER_KIND =
      key(
          LedgerKind.KEY,
          LedgerKind.DEFAULT.settingValue(),
          LedgerKind.wanted(),
          text ->
              LedgerKind.find(text)
                  .orElseThrow(() -> new IllegalArgumentException("no such ledger backend")),
          "Ledger backend the job anchors sealed versions on and the hub logs evidence requests"
              + " on. postgres: the hub's own append-only, hash-chained log in its PostgreSQL"
              + " database, signed with the hub's key (tls.server-key).");

  public static final ConfigKey<Duration> EVIDENCE_SEAL_WAIT =
      key(
          "evidence.seal-wait",
          "PT20S",
          "a positive ISO-8601 duration, at most gateway.request-timeout less 5 s",
          HubKeys::positiveDuration,
          "How long an evidence request for a day not yet sealed waits for the interim version it"
              + " asks the job for (sealed and anchored at the job's next checkpoint).");

  public static final ConfigKey<String> KAFKA_BOOTSTRAP =
      key(
          "kafka.bootstrap-servers",
          "",
          "host:port[,host:port...] or empty",
          text -> text,
          "External Kafka cluster. Empty starts the embedded broker under data.dir/kafka.");
  public static final ConfigKey<String> KAFKA_TOPIC =
      key(
          "kafka.topic",
          "work-events",
          "a Kafka topic name",
          HubKeys::nonEmpty,
          "Topic that accepted events are written to, keyed by workerRef.");
  public static final ConfigKey<Integer> KAFKA_PARTITIONS =
      key(
          "kafka.partitions",
          "6",
          "a whole number 1..1024",
          text -> range(Integer.parseInt(text), 1, 1024),
          "Partitions of the topic when the hub creates it.");
  public static final ConfigKey<Duration> KAFKA_DELIVERY_TIMEOUT =
      key(
          "kafka.delivery-timeout",
          "PT20S",
          "an ISO-8601 duration such as PT20S",
          HubKeys::positiveDuration,
          "Longest wait for Kafka to acknowledge a batch before answering 503 and rolling back.");

  public static final ConfigKey<String> KAFKA_COMPRESSION =
      key(
          "kafka.compression",
          "none",
          "one of none, lz4, zstd, snappy, gzip",
          text -> {
            if (!List.of("none", "lz4", "zstd", "snappy", "gzip").contains(text)) {
              throw new IllegalArgumentException("unknown codec");
            }
            return text;
          },
          "Producer compression. none suits the embedded broker (no network to save, and the"
              + " broker would decompress to validate); lz4 or zstd for a cluster across a"
              + " network.");

  public static final ConfigKey<String> POSTGRES_URL =
      key(
          "postgres.url",
          "",
          "a jdbc:postgresql:// URL or empty",
          text -> text,
          "External PostgreSQL. Empty starts the embedded server under data.dir/postgres.");
  public static final ConfigKey<String> POSTGRES_USER =
      key(
          "postgres.user",
          "shiftproof",
          "a user name",
          HubKeys::nonEmpty,
          "PostgreSQL user for an external server.");
  public static final ConfigKey<String> POSTGRES_PASSWORD =
      key(
          "postgres.password",
          "",
          "a password or empty",
          text -> text,
          "PostgreSQL password for an external server.");
  public static final ConfigKey<Integer> POSTGRES_POOL_SIZE =
      key(
          "postgres.pool-size",
          "16",
          "a whole number 1..256",
          text -> range(Integer.parseInt(text), 1, 256),
          "Connections the gateway keeps to PostgreSQL.");

  public static final ConfigKey<String> TLS_CA_CERT =
      key(
          "tls.ca-cert",
          "",
          "a PEM file path or empty",
          text -> text,
          "CA whose client certificates are trusted. Empty uses data.dir/credentials/ca.pem.");
  public static final ConfigKey<String> TLS_SERVER_CERT =
      key(
          "tls.server-cert",
          "",
          "a PEM file path or empty",
          text -> text,
          "Server certificate. Empty uses data.dir/credentials/hub-server/cert.pem.");
  public static final ConfigKey<String> TLS_SERVER_KEY =
      key(
          "tls.server-key",
          "",
          "a PKCS#8 PEM file path or empty",
          text -> text,
          "Server private key. Empty uses data.dir/credentials/hub-server/key.pem.");

  /** All keys, in the order they are documented. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          DATA_DIR,
          GATEWAY_HOST,
          GATEWAY_PORT,
          MANAGEMENT_HOST,
          MANAGEMENT_PORT,
          GATEWAY_INSTANCES,
          MAX_BODY_BYTES,
          REQUEST_TIMEOUT,
          IDLE_TIMEOUT,
          MAX_EVENTS_PER_BATCH,
          MAX_FUTURE_SKEW,
          KEY_RETENTION,
          WORKING_TIME_ZONE,
          SILENCE_TIMEOUT,
          CORRECTION_HORIZON,
          STREAM_JOB_MODE,
          STREAM_JOB_PARALLELISM,
          STREAM_JOB_CHECKPOINT_INTERVAL,
          LEDGER_KIND,
          EVIDENCE_SEAL_WAIT,
          KAFKA_BOOTSTRAP,
          KAFKA_TOPIC,
          KAFKA_PARTITIONS,
          KAFKA_DELIVERY_TIMEOUT,
          KAFKA_COMPRESSION,
          POSTGRES_URL,
          POSTGRES_USER,
          POSTGRES_PASSWORD,
          POSTGRES_POOL_SIZE,
          TLS_CA_CERT,
          TLS_SERVER_CERT,
          TLS_SERVER_KEY);

  private static <T> ConfigKey<T> key(
      String name, String defaultText, String wanted, Function<String, T> parser, String doc) {
    return new ConfigKey<>(name, defaultText, wanted, parser, doc);
  }

  private static String oneOf(String text, String... allowed) {
    for (String value : allowed) {
      if (value.equals(text)) {
        return text;
      }
    }
    throw new IllegalArgumentException("not one of " + String.join(", ", allowed));
  }

  private static String nonEmpty(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    return text;
  }

  private static int port(String text) {
    return range(Integer.parseInt(text), 0, 65_535);
  }

  private static int range(int value, int min, int max) {
    return (int) range((long) value, min, max);
  }

  private static long range(long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }

  private static Duration positiveDuration(String text) {
    Duration d = Duration.parse(text);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("not positive");
    }
    return d;
  }
}
