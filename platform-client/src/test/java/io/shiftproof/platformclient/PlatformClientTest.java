package io.shiftproof.platformclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shiftproof.pseudonyms.Evaluation;
import io.shiftproof.pseudonyms.EvaluationKey;
import io.shiftproof.pseudonyms.Evaluator;
import io.shiftproof.pseudonyms.VoprfException;
import io.shiftproof.pseudonyms.WireBytes;
import io.shiftproof.schemas.wire.BatchSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a stand-in hub on the JDK's HTTP server whose evaluators are real: the whole
 * pseudonym protocol, an evaluator that cheats, and the retries on 503 and 429. The client on the
 * real gateway over mutual TLS is tested by the hub's PlatformClientIT.
 */
class PlatformClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private HttpServer server;
  private final Evaluator hub = new Evaluator(EvaluationKey.generate(RANDOM), RANDOM);
  private final Evaluator regulator = new Evaluator(EvaluationKey.generate(RANDOM), RANDOM);
  private volatile Evaluator regulatorAnswering = regulator;
  private final AtomicInteger busyAnswers = new AtomicInteger();
  private final AtomicInteger eventPosts = new AtomicInteger();
  private final List<Boolean> signaturesVerified =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final KeyPair PLATFORM_KEY = p256();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/pseudonyms/key", this::key);
    server.createContext("/v1/pseudonyms/evaluate", x -> evaluate(x, hub));
    server.createContext("/v1/pseudonyms/regulator/evaluate", x -> evaluate(x, regulatorAnswering));
    server.createContext("/v1/events", this::events);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private PlatformClient client() throws NoSuchAlgorithmException {
    return new PlatformClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        SSLContext.getDefault(),
        PLATFORM_KEY.getPrivate(),
        new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50)));
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

  @Test
  void theSameWorkerGetsTheSameRefHoweverTheIdIsWritten() throws Exception {
    List<String> refs =
        client()
            .workerRefs(
                List.of("11010519491231002x", "110105-19491231-002X", "440106199001011234"));
    assertThat(refs.get(0))
        .isEqualTo(refs.get(1))
        .isNotEqualTo(refs.get(2))
        .startsWith("wr_")
        .hasSize(46);
    // Batches larger than a request may carry are split.
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      many.add("44010619900101" + i);
    }
    assertThat(client().workerRefs(many)).hasSize(7).doesNotHaveDuplicates();
  }

  @Test
  void anEvaluatorProvingWithAnotherKeyIsCaught() throws Exception {
    regulatorAnswering = new Evaluator(EvaluationKey.generate(RANDOM), RANDOM);
    assertThatThrownBy(() -> client().workerRefs(List.of("11010519491231002X")))
        .isInstanceOf(HubRefusal.class)
        .hasMessageContaining("KEY_CHANGED");
  }

  @Test
  void aBusyHubIsAskedAgainUntilItAnswers() throws Exception {
    busyAnswers.set(2);
    IngestAnswer answer = client().send("application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.accepted()).isEqualTo(2);
    assertThat(answer.rejected())
        .containsExactly(new IngestAnswer.Rejection(1, "TOO_LATE", "late"));
    assertThat(eventPosts.get()).isEqualTo(3);
    assertThat(signaturesVerified).as("every attempt signed over its body").containsOnly(true);
  }

  @Test
  void aHubBusyPastTheRetriesIsARetriableRefusal() throws Exception {
    busyAnswers.set(10);
    assertThatThrownBy(() -> client().send("application/json", new byte[] {'{', '}'}))
        .isInstanceOfSatisfying(
            HubRefusal.class,
            e -> {
              assertThat(e.retriable()).isTrue();
              assertThat(e.code()).isEqualTo("INGEST_UNAVAILABLE");
            });
    assertThat(eventPosts.get()).isEqualTo(4);
  }

  @Test
  void anIdentifierWithoutANormalFormIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> client().workerRefs(List.of("12/34")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void key(HttpExchange x) throws IOException {
    ObjectNode json = JSON.createObjectNode().put("suite", "P256-SHA256").put("mode", "VOPRF");
    json.put("maxElementsPerRequest", 3);
    ArrayNode evaluators = json.putArray("evaluators");
    evaluators
        .addObject()
        .put("party", "hub")
        .put("evaluate", "/v1/pseudonyms/evaluate")
        .put("publicKey", hub.publicKey().toBase64());
    evaluators
        .addObject()
        .put("party", "regulator")
        .put("evaluate", "/v1/pseudonyms/regulator/evaluate")
        .put("publicKey", regulator.publicKey().toBase64());
    answer(x, 200, json.toString());
  }

  private void evaluate(HttpExchange x, Evaluator evaluator) throws IOException {
    JsonNode body = JSON.readTree(x.getRequestBody());
    List<byte[]> elements = new ArrayList<>();
    body.path("blindedElements").forEach(e -> elements.add(WireBytes.decode(e.asText(), "e")));
    if (elements.size() > 3) {
      answer(x, 400, "{\"error\":{\"code\":\"TOO_MANY_ELEMENTS\",\"message\":\"3 at most\"}}");
      return;
    }
    Evaluation evaluation;
    try {
      evaluation = evaluator.evaluate(elements);
    } catch (VoprfException e) {
      answer(x, 400, "{\"error\":{\"code\":\"INVALID_BLINDED_ELEMENT\",\"message\":\"bad\"}}");
      return;
    }
    ObjectNode json = JSON.createObjectNode().put("publicKey", evaluator.publicKey().toBase64());
    ArrayNode evaluated = json.putArray("evaluatedElements");
    evaluation.evaluatedElements().forEach(e -> evaluated.add(WireBytes.encode(e)));
    json.put("proof", WireBytes.encode(evaluation.proof()));
    answer(x, 200, json.toString());
  }

  private void events(HttpExchange x) throws IOException {
    byte[] body = x.getRequestBody().readAllBytes();
    signaturesVerified.add(verifies(x.getRequestHeaders().getFirst(BatchSignature.HEADER), body));
    eventPosts.incrementAndGet();
    if (busyAnswers.getAndDecrement() > 0) {
      x.getResponseHeaders().add("retry-after", "0");
      answer(x, 503, "{\"error\":{\"code\":\"INGEST_UNAVAILABLE\",\"message\":\"resend\"}}");
      return;
    }
    answer(
        x,
        200,
        "{\"batchId\":\"b-1\",\"accepted\":2,\"duplicates\":0,"
            + "\"rejected\":[{\"index\":1,\"code\":\"TOO_LATE\",\"message\":\"late\"}]}");
  }

  /** Whether a header is the platform's signature over exactly these body bytes. */
  private static boolean verifies(String header, byte[] body) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(PLATFORM_KEY.getPublic());
      ecdsa.update(BatchSignature.signedBytes(body));
      return header != null && ecdsa.verify(Base64.getDecoder().decode(header));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("content-type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }
}
