package io.shiftproof.gateway.pseudonyms;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteAnswer;
import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.gateway.api.RateLimits;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.pseudonyms.BlindedInput;
import io.shiftproof.pseudonyms.Evaluation;
import io.shiftproof.pseudonyms.EvaluationKey;
import io.shiftproof.pseudonyms.EvaluationPublicKey;
import io.shiftproof.pseudonyms.Evaluator;
import io.shiftproof.pseudonyms.KeyedEvaluation;
import io.shiftproof.pseudonyms.VoprfClient;
import io.shiftproof.pseudonyms.WireBytes;
import io.shiftproof.pseudonyms.WorkerPseudonyms;
import io.shiftproof.schemas.wire.WorkerRefs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pseudonym routes on a real gateway with real evaluators: a platform blinds, has both shares
 * evaluate, verifies both proofs and finalizes to a valid workerRef; bad batches get their stable
 * codes; the per-platform evaluation budget answers 429 with Retry-After.
 */
@ExtendWith(VertxExtension.class)
class PseudonymsRoutesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final VoprfClient CLIENT = new VoprfClient(RANDOM);
  private static final String HUB = "/v1/pseudonyms/evaluate";
  private static final String REGULATOR = "/v1/pseudonyms/regulator/evaluate";

  private static RouteTestServer server;
  private static RouteTestServer tight;
  private static GatewayMetrics tightMetrics;

  @BeforeAll
  static void start(Vertx vertx) {
    GatewayMetrics metrics = new GatewayMetrics();
    server = RouteTestServer.start(vertx, metrics, handler(metrics, 1000, 5000)).await();
    tightMetrics = new GatewayMetrics();
    tight = RouteTestServer.start(vertx, tightMetrics, handler(tightMetrics, 1, 3)).await();
  }

  private static PseudonymsHandler handler(GatewayMetrics metrics, int perSecond, int burst) {
    return new PseudonymsHandler(
        List.of(
            new EvaluatorEndpoint(
                "hub",
                HUB,
                new Evaluator(EvaluationKey.generate(RANDOM), RANDOM),
                new RateLimits(perSecond, burst)),
            new EvaluatorEndpoint(
                "regulator",
                REGULATOR,
                new Evaluator(EvaluationKey.generate(RANDOM), RANDOM),
                new RateLimits(perSecond, burst))),
        metrics);
  }

  @Test
  void aPlatformGetsTheSamePseudonymWhicheverBlindItUses(VertxTestContext test) {
    String id = "110105 19491231 002x";
    pseudonym(server, id)
        .compose(
            first -> pseudonym(server, "11010519491231002X").map(second -> List.of(first, second)))
        .onComplete(
            test.succeeding(
                refs ->
                    test.verify(
                        () -> {
                          assertThat(refs.get(0)).isEqualTo(refs.get(1));
                          assertThat(WorkerRefs.isWorkerRef(refs.get(0))).isTrue();
                          test.completeNow();
                        })));
  }

  @Test
  void theKeyRouteListsBothEvaluatorsInOrder(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/pseudonyms/key")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  JsonObject json = answer.json();
                  assertThat(json.getString("suite")).isEqualTo("P256-SHA256");
                  assertThat(json.getString("mode")).isEqualTo("VOPRF");
                  JsonArray evaluators = json.getJsonArray("evaluators");
                  assertThat(evaluators.getJsonObject(0).getString("party")).isEqualTo("hub");
                  assertThat(evaluators.getJsonObject(0).getString("evaluate")).isEqualTo(HUB);
                  assertThat(evaluators.getJsonObject(1).getString("party")).isEqualTo("regulator");
                  // Each key is a valid point.
                  EvaluationPublicKey.fromBase64(
                      evaluators.getJsonObject(1).getString("publicKey"));
                }));
  }

  @ParameterizedTest(name = "{0} {1} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "platform-1 | /v1/pseudonyms/evaluate | '' | 400 | EMPTY_BODY",
        "platform-1 | /v1/pseudonyms/evaluate | [1,2] | 400 | BAD_REQUEST",
        "platform-1 | /v1/pseudonyms/evaluate | {\"blindedElements\": []} | 400 | BAD_REQUEST",
        "platform-1 | /v1/pseudonyms/evaluate | {\"elements\": [\"AA\"]} | 400 | BAD_REQUEST",
        "platform-1 | /v1/pseudonyms/evaluate | {\"blindedElements\": [7]} | 400 | INVALID_BLINDED_ELEMENT",
        "platform-1 | /v1/pseudonyms/evaluate | {\"blindedElements\": [\"not base64!\"]} | 400 | INVALID_BLINDED_ELEMENT",
        "platform-1 | /v1/pseudonyms/evaluate | {\"blindedElements\": [\"AAAA\"]} | 400 | INVALID_BLINDED_ELEMENT",
        // 33 bytes, prefix 0x02, x = 2^256 - 1: beyond the field, so no point
        "platform-1 | /v1/pseudonyms/regulator/evaluate | {\"blindedElements\": [\"Av__________________________________________\"]} | 400 | INVALID_BLINDED_ELEMENT",
        // prefix 0x04 is the uncompressed form's
        "platform-1 | /v1/pseudonyms/evaluate | {\"blindedElements\": [\"BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"]} | 400 | INVALID_BLINDED_ELEMENT",
        "insurer-1 | /v1/pseudonyms/evaluate | {\"blindedElements\": [\"AA\"]} | 403 | FORBIDDEN_ROLE",
        "regulator | /v1/pseudonyms/regulator/evaluate | {\"blindedElements\": [\"AA\"]} | 403 | FORBIDDEN_ROLE",
        "admin | /v1/pseudonyms/evaluate | {\"blindedElements\": [\"AA\"]} | 403 | FORBIDDEN_ROLE"
      })
  void badBatchesGetStableCodes(
      String organisation,
      String path,
      String body,
      int status,
      String code,
      VertxTestContext test) {
    server
        .postJson(organisation, path, body)
        .onComplete(
            expectError(
                test, status, code, answer -> assertThat(answer.errorMessage()).isNotBlank()));
  }

  @Test
  void aBadElementIsNamedByItsIndex(VertxTestContext test) {
    String good = WireBytes.encode(CLIENT.blind(new byte[] {1}).blindedElement());
    server
        .postJson(
            "platform-2",
            HUB,
            new JsonObject()
                .put(
                    "blindedElements",
                    new JsonArray().add(good).add(good).add("Av" + "_".repeat(42)))
                .encode())
        .onComplete(
            expectError(
                test,
                400,
                "INVALID_BLINDED_ELEMENT",
                answer -> assertThat(answer.errorMessage()).startsWith("blindedElements[2]: ")));
  }

  @Test
  void aPlatformOverItsEvaluationBudgetIsToldToWait(VertxTestContext test) {
    List<String> three =
        IntStream.range(0, 3)
            .mapToObj(i -> WireBytes.encode(CLIENT.blind(new byte[] {(byte) i}).blindedElement()))
            .toList();
    tight
        .postJson("platform-3", HUB, batch(three))
        .compose(
            first -> {
              assertThat(first.status()).as(first.toString()).isEqualTo(200);
              return tight.postJson("platform-3", HUB, batch(three.subList(0, 1)));
            })
        .compose(
            limited -> {
              // The regulator's evaluator keeps a budget of its own.
              return tight
                  .postJson("platform-3", REGULATOR, batch(three.subList(0, 1)))
                  .map(other -> List.of(limited, other));
            })
        .onComplete(
            test.succeeding(
                answers ->
                    test.verify(
                        () -> {
                          RouteAnswer limited = answers.get(0);
                          assertThat(limited.status()).isEqualTo(429);
                          assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
                          assertThat(limited.headers().get("retry-after")).isNotNull();
                          assertThat(answers.get(1).status()).isEqualTo(200);
                          assertThat(tightMetrics.scrape())
                              .contains(
                                  "shiftproof_pseudonyms_rate_limited_total{evaluator=\"hub\",organisation=\"platform-3\"} 1.0")
                              .contains(
                                  "shiftproof_pseudonyms_evaluated_total{evaluator=\"hub\",organisation=\"platform-3\"} 3.0");
                          test.completeNow();
                        })));
  }

  @Test
  void aBatchLargerThanTheBurstIsRefusedAsTooMany(VertxTestContext test) {
    List<String> four =
        IntStream.range(0, 4)
            .mapToObj(i -> WireBytes.encode(CLIENT.blind(new byte[] {(byte) i}).blindedElement()))
            .toList();
    tight
        .postJson("platform-1", HUB, batch(four))
        .onComplete(expectError(test, 400, "TOO_MANY_ELEMENTS"));
  }

  private static String batch(List<String> elements) {
    return new JsonObject()
        .put("blindedElements", new JsonArray(new ArrayList<>(elements)))
        .encode();
  }

  /** The whole client protocol over the routes: blind, both evaluations, both proofs, finalize. */
  private static Future<String> pseudonym(RouteTestServer on, String nationalId) {
    BlindedInput blinded = CLIENT.blind(WorkerPseudonyms.input(nationalId));
    return on.postJson(
            "platform-1", HUB, batch(List.of(WireBytes.encode(blinded.blindedElement()))))
        .compose(
            hub -> {
              assertThat(hub.status()).as(hub.toString()).isEqualTo(200);
              return on.postJson(
                      "platform-1",
                      REGULATOR,
                      batch(hub.json().getJsonArray("evaluatedElements").getList()))
                  .map(regulator -> List.of(hub, regulator));
            })
        .map(
            answers -> {
              List<KeyedEvaluation> chain = new ArrayList<>();
              for (RouteAnswer answer : answers) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                chain.add(keyed(answer.json()));
              }
              return WorkerPseudonyms.workerRef(
                  CLIENT.finalizeChain(List.of(blinded), chain).get(0));
            });
  }

  private static KeyedEvaluation keyed(JsonObject json) {
    List<byte[]> elements = new ArrayList<>();
    json.getJsonArray("evaluatedElements")
        .forEach(e -> elements.add(WireBytes.decode((String) e, "evaluatedElements")));
    return new KeyedEvaluation(
        EvaluationPublicKey.fromBase64(json.getString("publicKey")),
        new Evaluation(elements, WireBytes.decode(json.getString("proof"), "proof")));
  }
}
