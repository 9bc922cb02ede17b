package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.benchmarks.HubChildProcess;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.hub.Batches;
import io.shiftproof.hub.TopicReader;
import io.shiftproof.ledger.pki.KafkaCredentials;
import io.shiftproof.ledger.pki.KafkaTls;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub is killed with SIGKILL right after acknowledging; after a restart on the same data
 * directory every acknowledged event is still there, exactly once, and resending is harmless.
 */
class CrashRecoveryIT {
  Path dataDir = TempDirectories.create("crash");

  @AfterEach
  void deleteData() {
    TempDirectories.delete(dataDir);
  }

  @Test
  void acknowledgedEventsSurviveSigkillAndAreNeverThereTwice() throws Exception {
    List<String> batches = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      batches.add(Batches.validBatch("b-crash-" + b, "crash-" + b, 100));
    }
    Set<String> acknowledged = new HashSet<>();

    HubChildProcess first = HubChildProcess.start(dataDir, List.of());
    try {
      HttpClient client = client();
      for (int b = 0; b < batches.size(); b++) {
        HttpResponse<String> response = post(client, first.apiUrl(), batches.get(b));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
          acknowledged.add("crash-" + b + "-" + i);
        }
      }
    } finally {
      first.kill();
    }

    try (HubChildProcess second = HubChildProcess.start(dataDir, List.of())) {
      HttpClient client = client();
      for (String batch : batches) {
        JsonObject answer = new JsonObject(post(client, second.apiUrl(), batch).body());
        assertThat(answer.getInteger("accepted")).isZero();
        assertThat(answer.getInteger("duplicates")).isEqualTo(100);
      }
      List<RecordedEvent> recorded =
          TopicReader.readAll(
              second.kafkaBootstrapServers(),
              KafkaTls.development(second.credentialsDir(), KafkaCredentials.ADMIN)
                  .clientProperties(),
              "work-events");
      List<String> ids = recorded.stream().map(e -> e.event().eventId()).toList();
      assertThat(ids).hasSize(acknowledged.size());
      assertThat(new HashSet<>(ids)).isEqualTo(acknowledged);
      assertThat(
              ids.stream()
                  .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                  .values())
          .allMatch(count -> count == 1);
    }
  }

  private HttpClient client() {
    Path creds = dataDir.resolve("credentials");
    return HttpClient.newBuilder()
        .sslContext(
            TlsContexts.clientContext(
                creds.resolve("platform-1/cert.pem"),
                creds.resolve("platform-1/key.pem"),
                creds.resolve("ca.pem")))
        .build();
  }

  /** A batch as platform-1, signed with its certificate's key. */
  private HttpResponse<String> post(HttpClient client, URI api, String batch) throws Exception {
    byte[] body = batch.getBytes(StandardCharsets.UTF_8);
    PrivateKey key = PemKeys.privateKey(dataDir.resolve("credentials/platform-1/key.pem"));
    return client.send(
        HttpRequest.newBuilder(api.resolve("/v1/events"))
            .header("content-type", "application/json")
            .header(BatchSignature.HEADER, BatchSignature.sign(key, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
