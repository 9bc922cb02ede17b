package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import io.shiftproof.ledger.pki.KafkaCredentials;
import io.shiftproof.ledger.pki.KafkaTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where accepted events go. An empty bootstrap means the embedded broker.
 *
 * @param topic the topic the working-time job reads; its key is the job's, so the hub hands it over
 * @param tls the gateway's Kafka client certificate and the CA of the broker's: every connection to
 *     Kafka is mutual TLS. By default the development credentials' (the embedded broker's).
 */
public record KafkaConfig(
    Optional<String> bootstrapServers,
    String topic,
    int partitions,
    Duration deliveryTimeout,
    String compression,
    KafkaTls tls) {

  public static KafkaConfig from(Settings s, String topic) {
    String bootstrap = s.get(GatewayKeys.KAFKA_BOOTSTRAP);
    Path credentials = s.get(GatewayKeys.DATA_DIR).resolve("credentials");
    KafkaTls development = KafkaTls.development(credentials, KafkaCredentials.GATEWAY);
    return new KafkaConfig(
        bootstrap.isEmpty() ? Optional.empty() : Optional.of(bootstrap),
        topic,
        s.get(GatewayKeys.KAFKA_PARTITIONS),
        s.get(GatewayKeys.KAFKA_DELIVERY_TIMEOUT),
        s.get(GatewayKeys.KAFKA_COMPRESSION),
        new KafkaTls(
            pathOr(s.get(GatewayKeys.KAFKA_CA_CERT), development.caCertificate()),
            pathOr(s.get(GatewayKeys.KAFKA_GATEWAY_CERT), development.certificate()),
            pathOr(s.get(GatewayKeys.KAFKA_GATEWAY_KEY), development.privateKey())));
  }

  /** Whether the Kafka credentials are the development ones (no kafka.ca-cert configured). */
  public static boolean usesDevelopmentCredentials(Settings s) {
    return s.get(GatewayKeys.KAFKA_CA_CERT).isEmpty();
  }

  /** The same configuration pointed at a given cluster. */
  public KafkaConfig withBootstrap(String servers) {
    return new KafkaConfig(
        Optional.of(servers), topic, partitions, deliveryTimeout, compression, tls);
  }

  private static Path pathOr(String configured, Path fallback) {
    return configured.isEmpty() ? fallback : Path.of(configured);
  }
}
