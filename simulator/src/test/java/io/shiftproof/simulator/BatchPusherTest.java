package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.schemas.wire.BatchJsonWriter;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventBatch;
import io.shiftproof.schemas.wire.WorkEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class BatchPusherTest {
  private static final KeyPair PLATFORM_KEY = p256();

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @Test
  void postsEveryBatchAsWireJsonAndTotalsTheHubsCounts() throws Exception {
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(4)
            .workers(8)
            .batchSize(200)
            .flushInterval(Duration.ofHours(1))
            .faults(FaultProfile.none().withDuplicates(0.05))
            .build();
    SimulationTally tally = new SimulationTally();
    List<PlatformBatch> batches = Simulation.generate(config, tally).toList();
    try (HubStub hub = new HubStub((batchId, attempt) -> HubStub.Answer.ok())) {
      PushReport report = pusher(hub.baseUrl(), 4).push(batches.stream());

      assertThat(report.failures()).isEmpty();
      assertThat(report.batchesDelivered()).isEqualTo(batches.size());
      assertThat(report.eventsDelivered()).isEqualTo(tally.summary().events());
      assertThat(report.duplicates()).isEqualTo(tally.summary().faults().duplicates());
      assertThat(report.accepted() + report.duplicates()).isEqualTo(report.eventsDelivered());
      assertThat(report.clean()).isTrue();
      assertThat(hub.requests)
          .allSatisfy(
              r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/v1/events");
                assertThat(r.contentType()).isEqualTo("application/json");
                assertThat(verifies(r.signature(), r.body()))
                    .as("the platform's signature over the exact body")
                    .isTrue();
              });
      assertThat(hub.requests.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)))
          .containsExactlyInAnyOrderElementsOf(
              batches.stream()
                  .map(b -> new String(BatchJsonWriter.toJson(b.batch()), StandardCharsets.UTF_8))
                  .toList());
    }
    String progress = console.toString(StandardCharsets.UTF_8);
    assertThat(progress)
        .contains("\rbatches ")
        .contains("accepted ")
        .endsWith(System.lineSeparator());
  }

  @Test
  void retriesBusyAndUnavailableAnswersUntilAccepted() throws Exception {
    List<PlatformBatch> batches = batchesOf(5, 20);
    HubStub.Script busyTwice =
        (batchId, attempt) ->
            switch (attempt) {
              case 1 -> HubStub.Answer.status(503);
              case 2 -> new HubStub.Answer(429, List.of(), null, Map.of("retry-after", "0"));
              default -> HubStub.Answer.ok();
            };
    try (HubStub hub = new HubStub(busyTwice)) {
      PushReport report = pusher(hub.baseUrl(), 2).push(batches.stream());

      assertThat(report.failures()).isEmpty();
      assertThat(report.retries()).isEqualTo(2L * batches.size());
      assertThat(report.accepted()).isEqualTo(100);
      batches.forEach(b -> assertThat(hub.attemptsFor(b.batch().batchId())).isEqualTo(3));
    }
  }

  @Test
  void neverRetriesOtherClientErrorsAndRecordsTheResponse() throws Exception {
    List<PlatformBatch> batches = batchesOf(3, 10);
    String refused = batches.get(1).batch().batchId();
    try (HubStub hub =
        new HubStub(
            (batchId, attempt) ->
                batchId.equals(refused) ? HubStub.Answer.status(400) : HubStub.Answer.ok())) {
      PushReport report = pusher(hub.baseUrl(), 1).push(batches.stream());

      assertThat(hub.attemptsFor(refused)).isEqualTo(1);
      assertThat(report.batchesDelivered()).isEqualTo(2);
      assertThat(report.failures())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.batchId()).isEqualTo(refused);
                assertThat(f.kind()).isEqualTo(PushFailure.Kind.REFUSED);
                assertThat(f.status()).isEqualTo(OptionalInt.of(400));
                assertThat(f.attempts()).isEqualTo(1);
                assertThat(f.detail()).contains("STUB_REFUSED");
              });
    }
  }

  @Test
  void reportsEventsTheHubRejectedInsideAcceptedBatches() throws Exception {
    List<PlatformBatch> batches = batchesOf(4, 10);
    try (HubStub hub =
        new HubStub((batchId, attempt) -> new HubStub.Answer(200, List.of(0, 3), null, Map.of()))) {
      PushReport report = pusher(hub.baseUrl(), 2).push(batches.stream());

      assertThat(report.rejected()).isEqualTo(8);
      assertThat(report.accepted()).isEqualTo(32);
      assertThat(report.clean()).isFalse();
      assertThat(report.rejections())
          .hasSize(8)
          .allSatisfy(r -> assertThat(r.code()).isEqualTo("STUB_REJECTED"))
          .extracting(RejectedEvent::index)
          .containsOnly(0, 3);
    }
  }

  @Test
  void anUnreadableAcknowledgementIsDeliveredButListed() throws Exception {
    try (HubStub hub =
        new HubStub((batchId, attempt) -> new HubStub.Answer(200, List.of(), "ok", Map.of()))) {
      PushReport report = pusher(hub.baseUrl(), 1).push(batchesOf(1, 5).stream());

      assertThat(report.batchesDelivered()).isEqualTo(1);
      assertThat(report.failures())
          .singleElement()
          .extracting(PushFailure::kind)
          .isEqualTo(PushFailure.Kind.UNREADABLE_RESPONSE);
    }
  }

  @Test
  void givesUpAfterMaxAttemptsWhenTheHubIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PushConfig config =
        PushConfig.builder(URI.create("http://127.0.0.1:" + closedPort))
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(5))
            .build();

    PushReport report =
        new BatchPusher(
                config, p -> defaultTls(), p -> PLATFORM_KEY.getPrivate(), new PrintStream(console))
            .push(batchesOf(2, 5).stream());

    assertThat(report.batchesDelivered()).isZero();
    assertThat(report.retries()).isEqualTo(4);
    assertThat(report.failures())
        .hasSize(2)
        .allSatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo(PushFailure.Kind.GAVE_UP);
              assertThat(f.attempts()).isEqualTo(3);
              assertThat(f.status()).isEmpty();
              assertThat(f.detail()).contains("ConnectException");
            });
  }

  @Test
  void pacesSendingToTheChosenRate() throws Exception {
    try (HubStub hub = new HubStub((batchId, attempt) -> HubStub.Answer.ok())) {
      PushConfig config = PushConfig.builder(hub.baseUrl()).eventsPerSecond(1000).build();

      PushReport report =
          new BatchPusher(
                  config,
                  p -> defaultTls(),
                  p -> PLATFORM_KEY.getPrivate(),
                  new PrintStream(console))
              .push(batchesOf(6, 100).stream());

      // Six batches of 100 at 1000 events/s: the last may leave 0.5 s after the first.
      assertThat(report.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(490));
      assertThat(report.eventsDelivered()).isEqualTo(600);
    }
  }

  @Test
  void keepsAtMostTheConfiguredBatchesInFlight() throws Exception {
    try (HubStub hub = new HubStub((batchId, attempt) -> HubStub.Answer.ok(), 50)) {
      PushReport report = pusher(hub.baseUrl(), 3).push(batchesOf(12, 5).stream());

      assertThat(report.batchesDelivered()).isEqualTo(12);
      assertThat(hub.mostInFlight()).isBetween(2, 3);
    }
  }

  @Test
  void sendsBatchesUnsignedOnlyWhenTold() throws Exception {
    try (HubStub hub = new HubStub((batchId, attempt) -> HubStub.Answer.ok())) {
      Map<String, PrivateKey> none = Map.of();
      PushReport report =
          new BatchPusher(
                  PushConfig.builder(hub.baseUrl()).signBatches(false).build(),
                  p -> defaultTls(),
                  none::get,
                  new PrintStream(console))
              .push(batchesOf(2, 5).stream());

      assertThat(report.batchesDelivered()).isEqualTo(2);
      assertThat(hub.requests).allSatisfy(r -> assertThat(r.signature()).isNull());
    }
  }

  @Test
  void aPlatformWithoutSigningKeyFailsBeforeSending() throws Exception {
    try (HubStub hub = new HubStub((batchId, attempt) -> HubStub.Answer.ok())) {
      Map<String, PrivateKey> none = Map.of();
      BatchPusher pusher =
          new BatchPusher(
              PushConfig.builder(hub.baseUrl()).build(),
              p -> defaultTls(),
              none::get,
              new PrintStream(console));

      assertThatThrownBy(() -> pusher.push(batchesOf(1, 5).stream()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("platform-1")
          .hasMessageContaining("private key");
      assertThat(hub.requests).isEmpty();
    }
  }

  @Test
  void aPlatformWithoutTlsContextFailsBeforeSending() throws Exception {
    try (HubStub hub = new HubStub((batchId, attempt) -> HubStub.Answer.ok())) {
      Map<String, SSLContext> none = Map.of();
      BatchPusher pusher =
          new BatchPusher(
              PushConfig.builder(hub.baseUrl()).build(),
              none::get,
              p -> PLATFORM_KEY.getPrivate(),
              new PrintStream(console));

      assertThatThrownBy(() -> pusher.push(batchesOf(1, 5).stream()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("platform-1");
      assertThat(hub.requests).isEmpty();
    }
  }

  @Test
  void retriesOnlyWhatRetryingCanFix() {
    assertThat(BatchPusher.retryable(429)).isTrue();
    assertThat(BatchPusher.retryable(503)).isTrue();
    assertThat(BatchPusher.retryable(502)).isTrue();
    assertThat(BatchPusher.retryable(400)).isFalse();
    assertThat(BatchPusher.retryable(401)).isFalse();
    assertThat(BatchPusher.retryable(413)).isFalse();
    assertThat(BatchPusher.retryable(501)).isFalse();
  }

  @Test
  void theEndpointKeepsTheBaseUrlsPath() {
    assertThat(PushConfig.builder(URI.create("https://hub.example:8443/")).build().eventsUri())
        .isEqualTo(URI.create("https://hub.example:8443/v1/events"));
    assertThat(PushConfig.builder(URI.create("https://hub.example/ingest")).build().eventsUri())
        .isEqualTo(URI.create("https://hub.example/ingest/v1/events"));
    assertThatThrownBy(() -> PushConfig.builder(URI.create("ftp://hub.example")).build())
        .hasMessageStartingWith("baseUrl: got ftp://hub.example");
  }

  private BatchPusher pusher(URI baseUrl, int concurrency) {
    PushConfig config =
        PushConfig.builder(baseUrl)
            .concurrency(concurrency)
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(10))
            .progressInterval(Duration.ofMillis(20))
            .build();
    return new BatchPusher(
        config, p -> defaultTls(), p -> PLATFORM_KEY.getPrivate(), new PrintStream(console, true));
  }

  /** Whether a header verifies as the test platform's signature over {@code body}. */
  private static boolean verifies(String header, byte[] body) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(PLATFORM_KEY.getPublic());
      ecdsa.update(BatchSignature.signedBytes(body));
      return header != null && ecdsa.verify(Base64.getDecoder().decode(header));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code count} batches of exactly {@code size} simulated events, all of platform-1. */
  private static List<PlatformBatch> batchesOf(int count, int size) {
    List<WorkEvent> events =
        Simulation.generate(SimulationConfig.builder().seed(6).workers(20).platforms(1).build())
            .flatMap(b -> b.batch().events().stream())
            .limit((long) count * size)
            .toList();
    List<PlatformBatch> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batches.add(
          new PlatformBatch(
              "platform-1",
              new EventBatch(
                  String.format("b-platform-1-test-%06d", i + 1),
                  events.subList(i * size, (i + 1) * size))));
    }
    return batches;
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
