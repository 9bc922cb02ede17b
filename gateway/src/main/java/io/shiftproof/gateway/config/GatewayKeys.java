package io.shiftproof.gateway.config;

import io.shiftproof.config.ConfigKey;
import io.shiftproof.config.Parsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The configuration keys the gateway reads: its listeners, limits and timeouts, the services it
 * connects to and its TLS identity. The hub's settings hold these and the keys of the other
 * components.
 */
public final class GatewayKeys {
  private GatewayKeys() {}

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
          Parsers::nonEmpty,
          "Interface the HTTPS API listens on (0.0.0.0 for all).");
  public static final ConfigKey<Integer> GATEWAY_PORT =
      key(
          "gateway.port",
          "8443",
          "a port 0..65535",
          Parsers::port,
          "HTTPS port of the API (mutual TLS). 0 picks a free port.");
  public static final ConfigKey<String> MANAGEMENT_HOST =
      key(
          "management.host",
          "127.0.0.1",
          "a host name or IP address",
          Parsers::nonEmpty,
          "Interface of the plain-HTTP management endpoints (/health, /ready, /metrics).");
  public static final ConfigKey<Integer> MANAGEMENT_PORT =
      key(
          "management.port",
          "9464",
          "a port 0..65535",
          Parsers::port,
          "Port of the management endpoints. 0 picks a free port.");
  public static final ConfigKey<Integer> GATEWAY_INSTANCES =
      key(
          "gateway.instances",
          String.valueOf(Runtime.getRuntime().availableProcessors()),
          "a whole number 1..64",
          Parsers.intIn(1, 64),
          "HTTP verticle instances (event loops serving the API).");
  public static final ConfigKey<Long> MAX_BODY_BYTES =
      key(
          "gateway.max-body-bytes",
          "4194304",
          "a byte count 1024..268435456",
          Parsers.longIn(1024, 268_435_456L),
          "Largest request body accepted; larger bodies get 413 BODY_TOO_LARGE.");
  public static final ConfigKey<Duration> REQUEST_TIMEOUT =
      key(
          "gateway.request-timeout",
          "PT30S",
          "an ISO-8601 duration such as PT30S",
          Parsers::positiveDuration,
          "Longest time the hub spends on one request before answering 503 TIMEOUT.");
  public static final ConfigKey<Duration> IDLE_TIMEOUT =
      key(
          "gateway.idle-timeout",
          "PT60S",
          "an ISO-8601 duration such as PT60S",
          Parsers::positiveDuration,
          "Connections idle this long are closed (slow or stuck clients).");
  public static final ConfigKey<Integer> MAX_EVENTS_PER_BATCH =
      key(
          "ingest.max-events-per-batch",
          "5000",
          "a whole number 1..100000",
          Parsers.intIn(1, 100_000),
          "Most events one batch may hold; larger batches get TOO_MANY_EVENTS.");
  public static final ConfigKey<Duration> MAX_FUTURE_SKEW =
      key(
          "ingest.max-future-skew",
          "PT5M",
          "an ISO-8601 duration such as PT5M",
          Parsers::positiveDuration,
          "How far ahead of the hub's clock an occurredAt may be before FUTURE_TIMESTAMP.");

  public static final ConfigKey<Integer> RATE_LIMIT_PER_SECOND =
      key(
          "gateway.rate-limit.per-second",
          "500",
          "a whole number 1..1000000",
          Parsers.intIn(1, 1_000_000),
          "Requests per second each organisation may send, on every route together; beyond it"
              + " (and its burst) the answer is 429 RATE_LIMITED with Retry-After.");
  public static final ConfigKey<Integer> RATE_LIMIT_BURST =
      key(
          "gateway.rate-limit.burst",
          "1000",
          "a whole number 1..1000000",
          Parsers.intIn(1, 1_000_000),
          "Requests an organisation may send at once after being quiet (the token bucket's"
              + " size).");

  public static final ConfigKey<Integer> PSEUDONYM_RATE_PER_SECOND =
      key(
          "pseudonyms.rate-limit.per-second",
          "200",
          "a whole number 1..1000000",
          Parsers.intIn(1, 1_000_000),
          "Blinded elements per second each platform may have evaluated, by each evaluator; beyond"
              + " it (and its burst) the answer is 429 RATE_LIMITED with Retry-After. Kept small:"
              + " every evaluation is one pseudonym a platform could test a guess with.");
  public static final ConfigKey<Integer> PSEUDONYM_RATE_BURST =
      key(
          "pseudonyms.rate-limit.burst",
          "2000",
          "a whole number 1..1000000",
          Parsers.intIn(1, 1_000_000),
          "Blinded elements a platform may have evaluated at once after being quiet; also the"
              + " most one request may carry when below 1000.");
  public static final ConfigKey<String> PSEUDONYM_HUB_KEY =
      key(
          "pseudonyms.hub-key",
          "",
          "a key file path or empty",
          Parsers::text,
          "The hub's VOPRF evaluation key share (64 hex digits). Empty uses"
              + " data.dir/credentials/pseudonyms/hub.key, generated on first start.");
  public static final ConfigKey<String> PSEUDONYM_REGULATOR_KEY =
      key(
          "pseudonyms.regulator-key",
          "",
          "a key file path or empty",
          Parsers::text,
          "The regulator's VOPRF evaluation key share, for the regulator's evaluator the embedded"
              + " hub runs on its behalf. Empty uses"
              + " data.dir/credentials/pseudonyms/regulator.key, generated on first start.");

  public static final ConfigKey<Duration> KEY_RETENTION =
      key(
          "ingest.key-retention",
          "P30D",
          "an ISO-8601 duration at least 2 days longer than working-time.correction-horizon",
          Parsers::positiveDuration,
          "How long (platform, eventId) keys are kept to answer resends as duplicates; older"
              + " resends are accepted again but stored TOO_LATE, changing nothing.");

  public static final ConfigKey<Duration> ACCESS_LOG_ANCHOR_INTERVAL =
      key(
          "access-log.anchor-interval",
          "PT5S",
          "a positive ISO-8601 duration",
          Parsers::positiveDuration,
          "How often the reads logged since the last batch are anchored on the ledger as one"
              + " Merkle batch; a worker sees an entry's inclusion proof once its batch is"
              + " anchored.");

  public static final ConfigKey<String> ACCESS_LOG_MODE =
      key(
          "access-log.mode",
          "on",
          "on or off",
          Parsers.oneOf("on", "off"),
          "Whether reads of workers' data are written to the access-transparency log. Purpose"
              + " binding holds either way; only bench claims turns the log off, to measure what"
              + " it costs.");

  public static final ConfigKey<String> BATCH_SIGNATURES =
      key(
          "ingest.batch-signatures",
          "required",
          "required or warn",
          Parsers.oneOf("required", "warn"),
          "Whether POST /v1/events refuses a batch without a valid platform signature in the"
              + " Shiftproof-Batch-Signature header (required), or takes it, logs it and counts it"
              + " in shiftproof_ingest_batch_signatures_total (warn: for a migration period only,"
              + " as such a batch carries no proof that the platform sent it).");

  public static final ConfigKey<Duration> EVIDENCE_SEAL_WAIT =
      key(
          "evidence.seal-wait",
          "PT20S",
          "a positive ISO-8601 duration, at most gateway.request-timeout less 5 s",
          Parsers::positiveDuration,
          "How long an evidence request for a day not yet sealed waits for the interim version it"
              + " asks the job for (sealed and anchored at the job's next checkpoint).");

  public static final ConfigKey<Duration> EVIDENCE_SEAL_REPEAT_WINDOW =
      key(
          "evidence.seal-repeat-window",
          "PT10S",
          "a positive ISO-8601 duration such as PT10S",
          Parsers::positiveDuration,
          "Evidence requests for the same worker-day within this window share one seal request:"
              + " they wait for the same interim version instead of sealing the day again.");

  public static final ConfigKey<String> KAFKA_BOOTSTRAP =
      key(
          "kafka.bootstrap-servers",
          "",
          "host:port[,host:port...] or empty",
          Parsers::text,
          "External Kafka cluster. Empty starts the embedded broker under data.dir/kafka.");
  public static final ConfigKey<Integer> KAFKA_PARTITIONS =
      key(
          "kafka.partitions",
          "6",
          "a whole number 1..1024",
          Parsers.intIn(1, 1024),
          "Partitions of the topic when the hub creates it.");
  public static final ConfigKey<Duration> KAFKA_DELIVERY_TIMEOUT =
      key(
          "kafka.delivery-timeout",
          "PT20S",
          "an ISO-8601 duration such as PT20S",
          Parsers::positiveDuration,
          "Longest wait for Kafka to acknowledge a batch before answering 503 and rolling back.");

  public static final ConfigKey<String> KAFKA_COMPRESSION =
      key(
          "kafka.compression",
          "none",
          "one of none, lz4, zstd, snappy, gzip",
          Parsers.oneOf("none", "lz4", "zstd", "snappy", "gzip"),
          "Producer compression. none suits the embedded broker (no network to save, and the"
              + " broker would decompress to validate); lz4 or zstd for a cluster across a"
              + " network.");

  public static final ConfigKey<String> KAFKA_CA_CERT =
      key(
          "kafka.ca-cert",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "CA of the Kafka broker's certificate (and of the Kafka clients', for the embedded"
              + " broker). Empty uses the development CA, data.dir/credentials/ca.pem, which the"
              + " embedded broker requires.");
  public static final ConfigKey<String> KAFKA_GATEWAY_CERT =
      key(
          "kafka.gateway-cert",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "The gateway's Kafka client certificate (mutual TLS; the broker's ACLs let its"
              + " principal write the topic). Empty uses"
              + " data.dir/credentials/kafka/gateway/cert.pem.");
  public static final ConfigKey<String> KAFKA_GATEWAY_KEY =
      key(
          "kafka.gateway-key",
          "",
          "a PKCS#8 PEM file path or empty",
          Parsers::text,
          "Private key of kafka.gateway-cert. Empty uses"
              + " data.dir/credentials/kafka/gateway/key.pem.");

  public static final ConfigKey<String> POSTGRES_URL =
      key(
          "postgres.url",
          "",
          "a jdbc:postgresql:// URL or empty",
          Parsers::text,
          "External PostgreSQL. Empty starts the embedded server under data.dir/postgres.");
  public static final ConfigKey<String> POSTGRES_USER =
      key(
          "postgres.user",
          "shiftproof",
          "a user name",
          Parsers::nonEmpty,
          "PostgreSQL user for an external server.");
  public static final ConfigKey<String> POSTGRES_PASSWORD =
      key(
          "postgres.password",
          "",
          "a password or empty",
          Parsers::text,
          "PostgreSQL password for an external server.");
  public static final ConfigKey<String> POSTGRES_OWNER_USER =
      key(
          "postgres.owner-user",
          "",
          "a user name or empty",
          Parsers::text,
          "Owner of the tables on an external server: when set, the hub applies the migrations and"
              + " the runtime grants (db-roles/runtime-grants.sql) as this role, then connects as"
              + " postgres.user. Empty: postgres.user applies the migrations itself.");
  public static final ConfigKey<String> POSTGRES_OWNER_PASSWORD =
      key(
          "postgres.owner-password",
          "",
          "a password or empty",
          Parsers::text,
          "Password of postgres.owner-user.");
  public static final ConfigKey<Integer> POSTGRES_POOL_SIZE =
      key(
          "postgres.pool-size",
          "16",
          "a whole number 1..256",
          Parsers.intIn(1, 256),
          "Connections the gateway keeps to PostgreSQL.");

  public static final ConfigKey<String> TLS_CA_CERT =
      key(
          "tls.ca-cert",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "CA whose client certificates are trusted. Empty uses data.dir/credentials/ca.pem.");
  public static final ConfigKey<String> TLS_SERVER_CERT =
      key(
          "tls.server-cert",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "Server certificate. Empty uses data.dir/credentials/hub-server/cert.pem.");
  public static final ConfigKey<String> TLS_SERVER_KEY =
      key(
          "tls.server-key",
          "",
          "a PKCS#8 PEM file path or empty",
          Parsers::text,
          "Server private key. Empty uses data.dir/credentials/hub-server/key.pem.");
  public static final ConfigKey<String> SIGNING_CERT =
      key(
          "signing.cert",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "The hub's signing certificate (OU hub-signer, keyUsage digitalSignature only), which"
              + " evidence carries. Empty uses data.dir/credentials/hub-signer/cert.pem.");
  public static final ConfigKey<String> SIGNING_KEY =
      key(
          "signing.key",
          "",
          "a PKCS#8 PEM file path or empty",
          Parsers::text,
          "The hub's signing key: signs ledger entries and evidence, never TLS. Empty uses"
              + " data.dir/credentials/hub-signer/key.pem.");

  public static final ConfigKey<String> TLS_CRL =
      key(
          "tls.crl",
          "",
          "a PEM file path or empty",
          Parsers::text,
          "Revocation lists (X509 CRL) of the CA in tls.ca-cert, read at start: a revoked client"
              + " certificate fails the handshake. Empty: data.dir/credentials/crl.pem with the"
              + " development credentials, else none.");

  /** Every key of the gateway. */
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
          BATCH_SIGNATURES,
          RATE_LIMIT_PER_SECOND,
          RATE_LIMIT_BURST,
          PSEUDONYM_RATE_PER_SECOND,
          PSEUDONYM_RATE_BURST,
          PSEUDONYM_HUB_KEY,
          PSEUDONYM_REGULATOR_KEY,
          KEY_RETENTION,
          EVIDENCE_SEAL_WAIT,
          EVIDENCE_SEAL_REPEAT_WINDOW,
          ACCESS_LOG_ANCHOR_INTERVAL,
          ACCESS_LOG_MODE,
          KAFKA_BOOTSTRAP,
          KAFKA_PARTITIONS,
          KAFKA_DELIVERY_TIMEOUT,
          KAFKA_COMPRESSION,
          KAFKA_CA_CERT,
          KAFKA_GATEWAY_CERT,
          KAFKA_GATEWAY_KEY,
          POSTGRES_URL,
          POSTGRES_USER,
          POSTGRES_PASSWORD,
          POSTGRES_OWNER_USER,
          POSTGRES_OWNER_PASSWORD,
          POSTGRES_POOL_SIZE,
          TLS_CA_CERT,
          TLS_SERVER_CERT,
          TLS_SERVER_KEY,
          SIGNING_CERT,
          SIGNING_KEY,
          TLS_CRL);

  private static <T> ConfigKey<T> key(
      String name, String defaultText, String wanted, Function<String, T> parser, String doc) {
    return ConfigKey.define(name, defaultText, wanted, parser, doc);
  }
}
