package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.KafkaCredentials;
import io.shiftproof.ledger.pki.KafkaTls;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw Kafka injection against the hub's embedded broker: every way in that is not the gateway
 * writing or the job reading is refused, at the handshake or by the ACLs.
 */
class KafkaAccessIT extends WithRunningHub {
  /** The consumer group the hub's ACLs give the job: its job name. */
  private static final String JOB_GROUP = WorkingTimeJobConfig.DEFAULT_JOB_NAME;

  @Test
  void aClientWithoutCertificateIsRefusedAtTheHandshake() {
    Map<String, String> trustOnly = withoutKeystore(developmentClient(KafkaCredentials.GATEWAY));
    assertThatThrownBy(() -> send(trustOnly)).hasCauseInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void aPlaintextClientGetsNoAnswer() {
    Map<String, String> plaintext = Map.of("security.protocol", "PLAINTEXT");
    // The SSL listener reads the plaintext request as a broken handshake and drops it; the client
    // never gets metadata, so nothing is ever written.
    assertThatThrownBy(() -> send(plaintext))
        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
  }

  @Test
  void aPlatformsCertificateIsRefusedByTheAcls() {
    Map<String, String> platform = organisationClient("platform-1");
    assertThatThrownBy(() -> send(platform)).hasCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void anInsurersCertificateMayNotReadTheEvents() {
    Map<String, String> insurer = organisationClient("insurer-1");
    assertThatThrownBy(() -> read(insurer, JOB_GROUP)).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void theJobMayReadButNotWrite() throws Exception {
    Map<String, String> job = developmentClient(KafkaCredentials.JOB);
    assertThatThrownBy(() -> send(job)).hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThat(hub.postJson("platform-1", Batches.validBatch("b-job", "job", 2)).statusCode())
        .isEqualTo(200);
    assertThat(read(job, JOB_GROUP)).isPositive();
  }

  @Test
  void theJobMayReadOnlyInItsOwnGroup() {
    Map<String, String> job = developmentClient(KafkaCredentials.JOB);
    assertThatThrownBy(() -> read(job, "another-group")).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void theGatewayMayNotRead() {
    // That it may write: whatTheGatewayAcceptsReachesTheTopic.
    Map<String, String> gateway = developmentClient(KafkaCredentials.GATEWAY);
    assertThatThrownBy(() -> read(gateway, JOB_GROUP)).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void theGatewaysNameFromAnotherCaIsRefusedAtTheHandshake(@TempDir Path otherCredentials) {
    // The same subject, CN=gateway,OU=kafka, issued by a CA the broker does not trust.
    DevCredentials.ensure(otherCredentials, List.of());
    KafkaTls rogue = KafkaTls.development(otherCredentials, KafkaCredentials.GATEWAY);
    Map<String, String> client =
        new KafkaTls(hubCredentials().resolve("ca.pem"), rogue.certificate(), rogue.privateKey())
            .clientProperties();
    assertThatThrownBy(() -> send(client)).hasCauseInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void theControllerListenerRefusesClientsWithoutCertificate() throws Exception {
    Properties ports = new Properties();
    try (InputStream in =
        Files.newInputStream(dataDir.resolve("kafka").resolve("kafka-ports.properties"))) {
      ports.load(in);
    }
    Map<String, Object> config =
        new HashMap<>(withoutKeystore(developmentClient(KafkaCredentials.ADMIN)));
    config.put(
        AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
        "127.0.0.1:" + ports.getProperty("controller.port"));
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(config)) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SslAuthenticationException.class);
    }
  }

  @Test
  void whatTheGatewayAcceptsReachesTheTopic() throws Exception {
    var response = hub.postJson("platform-3", Batches.validBatch("b-acl", "acl", 3));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<RecordedEvent> events =
        TopicReader.readAll(
            hub.hub().kafkaBootstrapServers(), hub.hub().kafkaAdminClient(), hub.hub().topic());
    assertThat(events)
        .filteredOn(e -> e.event().eventId().startsWith("acl"))
        .hasSize(3)
        .allMatch(e -> e.platform().equals("platform-3"));
  }

  private static Path hubCredentials() {
    return hub.hub().credentialsDir();
  }

  private static Map<String, String> developmentClient(String name) {
    return KafkaTls.development(hubCredentials(), name).clientProperties();
  }

  /** An organisation's API certificate, from the very CA the broker trusts, used on Kafka. */
  private static Map<String, String> organisationClient(String organisation) {
    Path dir = hubCredentials().resolve(organisation);
    return new KafkaTls(
            hubCredentials().resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"))
        .clientProperties();
  }

  private static Map<String, String> withoutKeystore(Map<String, String> client) {
    Map<String, String> trustOnly = new HashMap<>(client);
    trustOnly.remove("ssl.keystore.type");
    trustOnly.remove("ssl.keystore.certificate.chain");
    trustOnly.remove("ssl.keystore.key");
    return trustOnly;
  }

  /** Writes one record to the events topic as the client; throws what the send failed with. */
  private static void send(Map<String, String> client) throws Exception {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.hub().kafkaBootstrapServers());
    // Plain acks=1 writes: the refusal is then about the topic, not about producer ids.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  hub.hub().topic(),
                  "wr_forged".getBytes(StandardCharsets.US_ASCII),
                  "{\"platform\":\"platform-2\"}".getBytes(StandardCharsets.UTF_8)))
          .get(15, TimeUnit.SECONDS);
    }
  }

  /** Polls the events topic in {@code group} as the client; the records it got. */
  private static int read(Map<String, String> client, String group) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.hub().kafkaBootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "probe-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(hub.hub().topic()));
      int records = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        records += consumer.poll(Duration.ofMillis(500)).count();
        if (records > 0) {
          break;
        }
      }
      return records;
    }
  }
}
