package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.EmbeddedKafkaBroker;
import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.KafkaCredentials;
import io.shiftproof.ledger.pki.KafkaTls;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several gateway instances sharing one Kafka cluster and one database, as in the distributed
 * deployment: the same batches raced through two instances at once are accepted exactly once, and a
 * restarted instance still knows them.
 */
class MultiInstanceIT {
  private final Path dataDir = TempDirectories.create("multi");
  private final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    TempDirectories.delete(dataDir);
  }

  @Test
  void batchesRacedThroughTwoInstancesAreAcceptedExactlyOnce() throws Exception {
    EmbeddedPostgresServer postgres =
        track(EmbeddedPostgresServer.start(dataDir.resolve("postgres"), 0));
    // The cluster the instances share: the hub's kind of broker, its ACLs written by its operator.
    Path credentials = dataDir.resolve("shared").resolve("credentials");
    DevCredentials.ensure(credentials, DevCredentials.STANDARD_ORGANISATIONS);
    EmbeddedKafkaBroker kafka =
        track(
            EmbeddedKafkaBroker.start(
                dataDir.resolve("kafka"), 0, KafkaAccess.embeddedBroker(credentials)));
    Map<String, String> admin =
        KafkaTls.development(credentials, KafkaCredentials.ADMIN).clientProperties();
    TopicAdmin.ensureTopic(kafka.bootstrapServers(), admin, "work-events", 6);
    KafkaAccess.grant(
        kafka.bootstrapServers(), admin, "work-events", WorkingTimeJobConfig.DEFAULT_JOB_NAME);
    Map<String, String> external = new HashMap<>();
    external.put(GatewayKeys.POSTGRES_URL.name(), postgres.jdbcUrl());
    external.put(GatewayKeys.POSTGRES_USER.name(), postgres.user());
    external.put(GatewayKeys.POSTGRES_PASSWORD.name(), postgres.password());
    external.put(GatewayKeys.KAFKA_BOOTSTRAP.name(), kafka.bootstrapServers());
    TestHub a = track(TestHub.start(dataDir.resolve("shared"), external));
    TestHub b = track(TestHub.start(dataDir.resolve("shared"), external));

    int batches = 30;
    int perBatch = 100;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> accepted = new ArrayList<>();
    try {
      for (int i = 0; i < batches; i++) {
        String batch = Batches.validBatch("b-race-" + i, "race-" + i, perBatch);
        for (TestHub hub : List.of(a, b)) {
          accepted.add(
              pool.submit(
                  () -> {
                    var response = hub.postJson("platform-2", batch);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    return new JsonObject(response.body()).getInteger("accepted");
                  }));
        }
      }
      int total = 0;
      for (Future<Integer> f : accepted) {
        total += f.get();
      }
      assertThat(total).isEqualTo(batches * perBatch);
    } finally {
      pool.shutdownNow();
    }

    List<RecordedEvent> recorded =
        TopicReader.readAll(kafka.bootstrapServers(), admin, "work-events");
    assertThat(recorded).hasSize(batches * perBatch);
    assertThat(new HashSet<>(recorded.stream().map(e -> e.event().eventId()).toList()))
        .hasSize(batches * perBatch);

    // A restarted instance answers from the shared state, not from memory.
    a.close();
    started.remove(a);
    TestHub restarted = track(TestHub.start(dataDir.resolve("shared"), external));
    JsonObject again =
        new JsonObject(
            restarted
                .postJson("platform-2", Batches.validBatch("b-race-0", "race-0", perBatch))
                .body());
    assertThat(again.getInteger("accepted")).isZero();
    assertThat(again.getInteger("duplicates")).isEqualTo(perBatch);
  }

  private <T extends AutoCloseable> T track(T resource) {
    started.add(resource);
    return resource;
  }
}
