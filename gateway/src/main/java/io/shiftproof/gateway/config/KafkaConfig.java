package io.shiftproof.gateway.config;

import java.time.Duration;
import java.util.Optional;

/** Where accepted events go. An empty bootstrap means the embedded broker. */
public record KafkaConfig(
    Optional<String> bootstrapServers,
    String topic,
    int partitions,
    Duration deliveryTimeout,
    String compression) {

  public static KafkaConfig from(HubSettings s) {
    String bootstrap = s.get(HubKeys.KAFKA_BOOTSTRAP);
    return new KafkaConfig(
        bootstrap.isEmpty() ? Optional.empty() : Optional.of(bootstrap),
        s.get(HubKeys.KAFKA_TOPIC),
        s.get(HubKeys.KAFKA_PARTITIONS),
        s.get(HubKeys.KAFKA_DELIVERY_TIMEOUT),
        s.get(HubKeys.KAFKA_COMPRESSION));
  }

  /** The same configuration pointed at a given cluster. */
  public KafkaConfig withBootstrap(String servers) {
    return new KafkaConfig(Optional.of(servers), topic, partitions, deliveryTimeout, compression);
  }
}
