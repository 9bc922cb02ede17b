package io.shiftproof.gateway.config;

import io.shiftproof.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * Where accepted events go. An empty bootstrap means the embedded broker.
 *
 * @param topic the topic the working-time job reads; its key is the job's, so the hub hands it over
 */
public record KafkaConfig(
    Optional<String> bootstrapServers,
    String topic,
    int partitions,
    Duration deliveryTimeout,
    String compression) {

  public static KafkaConfig from(Settings s, String topic) {
    String bootstrap = s.get(GatewayKeys.KAFKA_BOOTSTRAP);
    return new KafkaConfig(
        bootstrap.isEmpty() ? Optional.empty() : Optional.of(bootstrap),
        topic,
        s.get(GatewayKeys.KAFKA_PARTITIONS),
        s.get(GatewayKeys.KAFKA_DELIVERY_TIMEOUT),
        s.get(GatewayKeys.KAFKA_COMPRESSION));
  }

  /** The same configuration pointed at a given cluster. */
  public KafkaConfig withBootstrap(String servers) {
    return new KafkaConfig(Optional.of(servers), topic, partitions, deliveryTimeout, compression);
  }
}
