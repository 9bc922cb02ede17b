package io.shiftproof.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @TempDir Path dataDir;

  @Test
  void idempotentAcksAllProducerRecordsAreConsumedBack() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startWithoutSecurity(dataDir, 0)) {
      broker.createTopicIfAbsent("work-events", 3);

      produce(broker.bootstrapServers(), "work-events", List.of("a", "b", "c"));

      assertThat(consumeAll(broker.bootstrapServers(), "work-events", 3))
          .containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void transactionalProducerCommitsAndReadCommittedConsumerSeesIt() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startWithoutSecurity(dataDir, 0)) {
      broker.createTopicIfAbsent("ledger-entries", 1);
      Map<String, Object> config =
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              broker.bootstrapServers(),
              ProducerConfig.TRANSACTIONAL_ID_CONFIG,
              "ledger-writer");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("ledger-entries", "k", "committed"));
        producer.commitTransaction();
      }

      assertThat(consumeAll(broker.bootstrapServers(), "ledger-entries", 1))
          .containsExactly("committed");
    }
  }

  @Test
  void restartOnSameDataDirKeepsTopicsRecordsAndPort() throws Exception {
    String firstBootstrap;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startWithoutSecurity(dataDir, 0)) {
      firstBootstrap = broker.bootstrapServers();
      broker.createTopicIfAbsent("claims", 2);
      produce(firstBootstrap, "claims", List.of("one", "two"));
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startWithoutSecurity(dataDir, 0)) {
      assertThat(broker.bootstrapServers()).isEqualTo(firstBootstrap);
      assertThat(topics(broker.bootstrapServers())).contains("claims");
      broker.createTopicIfAbsent("claims", 2);
      assertThat(consumeAll(broker.bootstrapServers(), "claims", 2))
          .containsExactlyInAnyOrder("one", "two");
    }
  }

  @Test
  void brokerKilledWithItsJvmRestartsWithItsRecords() throws Exception {
    try (ChildJvm child = ChildJvm.run(ServerInChildJvm.KAFKA, dataDir)) {
      child.awaitReadyThenKill();
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startWithoutSecurity(dataDir, 0)) {
      assertThat(consumeAll(broker.bootstrapServers(), ServerInChildJvm.TOPIC, 2))
          .containsExactlyInAnyOrder(ServerInChildJvm.RECORDS.toArray(String[]::new));
    }
  }

  static void produce(String bootstrap, String topic, List<String> values) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            20_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> consumeAll(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  private static Set<String> topics(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }
}
