package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.platformclient.IngestAnswer;
import io.shiftproof.platformclient.PlatformClient;
import io.shiftproof.platformclient.PublishedKeys;
import io.shiftproof.pseudonyms.EvaluationKeyFile;
import io.shiftproof.schemas.wire.WorkerRefs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pseudonyms end to end on a running hub, through the platform client over mutual TLS: both
 * evaluators' keys generated on first start into their own files and published, every platform
 * getting the same pseudonym for the same worker, events under it accepted, the evaluations
 * counted, and the same pseudonyms again after a restart.
 */
class PseudonymsIT {
  private static final List<String> IDS = List.of("11010519491231002X", "440106199001011234");

  private static Path dataDir;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    dataDir = TempDirectories.create("pseudonyms");
    hub = TestHub.start(dataDir);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    TempDirectories.delete(dataDir);
  }

  private static PlatformClient client(String platform) {
    return new PlatformClient(
        hub.hub().apiUrl(), hub.sslContext(platform), hub.privateKey(platform));
  }

  @Test
  void eachEvaluatorHasItsOwnKeyFileAndPublishesItsKey() throws Exception {
    Path keys = dataDir.resolve("credentials").resolve("pseudonyms");
    PublishedKeys published = client("platform-1").publishedKeys();

    assertThat(published.evaluators())
        .extracting(PublishedKeys.EvaluatorKey::party)
        .containsExactly("hub", "regulator");
    assertThat(published.evaluators().get(0).publicKey())
        .isEqualTo(EvaluationKeyFile.read(keys.resolve("hub.key")).publicKey());
    assertThat(published.evaluators().get(1).publicKey())
        .isEqualTo(EvaluationKeyFile.read(keys.resolve("regulator.key")).publicKey())
        .isNotEqualTo(published.evaluators().get(0).publicKey());
    assertThat(Files.getPosixFilePermissions(keys.resolve("hub.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void everyPlatformGetsTheSamePseudonymAndTheHubAcceptsIt() throws Exception {
    List<String> fromFirst = client("platform-1").workerRefs(IDS);
    List<String> fromSecond =
        client("platform-2").workerRefs(List.of("110105 19491231 002x", "440106-19900101-1234"));

    assertThat(fromFirst).isEqualTo(fromSecond).doesNotHaveDuplicates();
    assertThat(fromFirst).allMatch(WorkerRefs::isWorkerRef);

    String event =
        "{\"eventId\":\"p-1\",\"workerRef\":\"%s\",\"sessionId\":\"s-1\",\"type\":\"ONLINE\",\"occurredAt\":\"%s\"}"
            .formatted(fromFirst.get(0), Batches.minutesAgo(10));
    IngestAnswer answer =
        client("platform-1")
            .send(
                "application/json",
                Batches.batch("pseudonymised-1", List.of(event)).getBytes(StandardCharsets.UTF_8));
    assertThat(answer.accepted()).as(answer.toString()).isEqualTo(1);
    assertThat(answer.rejected()).isEmpty();

    assertThat(hub.management("/metrics").body())
        .contains(
            "shiftproof_pseudonyms_evaluated_total{evaluator=\"hub\",organisation=\"platform-2\"} 2.0")
        .contains(
            "shiftproof_pseudonyms_evaluated_total{evaluator=\"regulator\",organisation=\"platform-2\"} 2.0");
  }

  @Test
  void anInsurerCannotEvaluate() throws Exception {
    var answer =
        hub.post(
            "insurer-1",
            "/v1/pseudonyms/evaluate",
            "application/json",
            "{\"blindedElements\":[\"AA\"]}".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("FORBIDDEN_ROLE");
  }

  @Test
  void aRestartedHubGivesTheSamePseudonymsFromItsKeyFiles() throws Exception {
    List<String> before = client("platform-3").workerRefs(IDS);
    hub.close();
    hub = TestHub.start(dataDir);
    assertThat(client("platform-3").workerRefs(IDS)).isEqualTo(before);
  }
}
