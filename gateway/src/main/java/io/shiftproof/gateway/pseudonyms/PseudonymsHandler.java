package io.shiftproof.gateway.pseudonyms;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.DedicatedWorkers;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.pseudonyms.Evaluation;
import io.shiftproof.pseudonyms.VoprfException;
import io.shiftproof.pseudonyms.VoprfSuite;
import io.shiftproof.pseudonyms.WireBytes;
import io.shiftproof.pseudonyms.WorkerPseudonyms;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/pseudonyms/key}: the suite and every evaluator's public key, in the order a
 * platform passes its blinded elements through them; and per evaluator {@code POST
 * /v1/pseudonyms/evaluate} (the hub's share) or {@code POST /v1/pseudonyms/regulator/evaluate} (the
 * regulator's), for platforms only: a batch of blinded elements in, the evaluated elements and one
 * DLEQ proof out (docs/pseudonyms.md). Each evaluator has its own per-platform budget, counted in
 * blinded elements. The curve arithmetic runs on a pool of its own, never on an event loop.
 */
public final class PseudonymsHandler implements ApiRoutes {
  /** The most blinded elements one request may carry (also bounded by the budget's burst). */
  public static final int MAX_ELEMENTS = 1000;

  /** A batch of {@link #MAX_ELEMENTS} in base64url JSON is about 47 KB. */
  private static final long BODY_LIMIT = 64 * 1024;

  private static final String EXAMPLE =
      "{\"blindedElements\": [\"<33-byte compressed P-256 point, base64url>\", …]}";

  private static final StoreOutage NO_STORE = StoreOutage.of("evaluate pseudonyms");

  private final DedicatedWorkers workers =
      new DedicatedWorkers("shiftproof-pseudonyms", Runtime.getRuntime().availableProcessors(), 10);

  private final List<EvaluatorEndpoint> evaluators;
  private final GatewayMetrics metrics;

  /**
   * @param evaluators the evaluating organisations in the order a platform's elements pass through
   *     them
   */
  public PseudonymsHandler(List<EvaluatorEndpoint> evaluators, GatewayMetrics metrics) {
    if (evaluators.isEmpty()) {
      throw new IllegalArgumentException("evaluators: got none, want at least the hub's");
    }
    this.evaluators = List.copyOf(evaluators);
    this.metrics = metrics;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(
            HttpMethod.GET,
            "/v1/pseudonyms/key",
            Role.PLATFORM,
            Role.INSURER,
            Role.REGULATOR,
            Role.ADMIN)
        .handler(this::key);
    for (EvaluatorEndpoint evaluator : evaluators) {
      router
          .route(HttpMethod.POST, evaluator.path(), Role.PLATFORM)
          .handler(router.body(BODY_LIMIT))
          .handler(ctx -> evaluate(ctx, evaluator));
    }
  }

  private void key(RoutingContext ctx) {
    JsonArray keys = new JsonArray();
    for (EvaluatorEndpoint evaluator : evaluators) {
      keys.add(
          new JsonObject()
              .put("party", evaluator.party())
              .put("evaluate", evaluator.path())
              .put("publicKey", evaluator.evaluator().publicKey().toBase64()));
    }
    JsonObject answer =
        new JsonObject()
            .put("suite", VoprfSuite.IDENTIFIER)
            .put("mode", "VOPRF")
            .put("input", WorkerPseudonyms.INPUT_PREFIX + "<normal form of the national id>")
            .put("workerRef", "wr_ + base64url without padding of the 32-byte output")
            .put("maxElementsPerRequest", maxElements(evaluators.get(0)))
            .put("evaluators", keys);
    ctx.response().putHeader("content-type", "application/json").end(answer.encode());
  }

  private void evaluate(RoutingContext ctx, EvaluatorEndpoint evaluator) {
    List<byte[]> elements = blindedElements(ctx, maxElements(evaluator));
    String platform = ClientIdentityHandler.identity(ctx).organisation();
    Optional<Duration> wait = evaluator.platformBudget().take(platform, elements.size());
    if (wait.isPresent()) {
      metrics.pseudonymsRateLimited(evaluator.party(), platform);
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.response().putHeader("retry-after", String.valueOf(seconds));
      throw HttpErrorCode.RATE_LIMITED.exception(
          "too many evaluations for "
              + platform
              + " by the "
              + evaluator.party()
              + "'s evaluator: at most "
              + evaluator.platformBudget().burst()
              + " blinded elements at once, refilled at the configured rate; wait "
              + seconds
              + " s and resend");
    }
    JsonAnswers.answer(
        ctx,
        workers,
        NO_STORE,
        () -> {
          Evaluation evaluation;
          try {
            evaluation = evaluator.evaluator().evaluate(elements);
          } catch (VoprfException e) {
            throw HttpErrorCode.INVALID_BLINDED_ELEMENT.exception(e.getMessage());
          }
          metrics.pseudonymsEvaluated(evaluator.party(), platform, elements.size());
          JsonArray evaluated = new JsonArray();
          evaluation.evaluatedElements().forEach(e -> evaluated.add(WireBytes.encode(e)));
          return new JsonObject()
              .put("party", evaluator.party())
              .put("publicKey", evaluator.evaluator().publicKey().toBase64())
              .put("evaluatedElements", evaluated)
              .put("proof", WireBytes.encode(evaluation.proof()))
              .encode()
              .getBytes(StandardCharsets.UTF_8);
        });
  }

  private static int maxElements(EvaluatorEndpoint evaluator) {
    return Math.min(MAX_ELEMENTS, evaluator.platformBudget().burst());
  }

  /** The body's elements, their shape checked here; whether each is a point, on the worker. */
  private static List<byte[]> blindedElements(RoutingContext ctx, int max) {
    JsonObject body;
    try {
      body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw HttpErrorCode.BAD_REQUEST.exception("body: not a JSON object, want " + EXAMPLE);
    }
    if (body == null) {
      throw HttpErrorCode.EMPTY_BODY.exception("body: got nothing, want " + EXAMPLE);
    }
    for (String field : body.fieldNames()) {
      if (!field.equals("blindedElements")) {
        throw HttpErrorCode.BAD_REQUEST.exception(
            "body: got unknown field \""
                + (field.length() > 40 ? field.substring(0, 40) + "…" : field)
                + "\", want only blindedElements");
      }
    }
    Object value = body.getValue("blindedElements");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw HttpErrorCode.BAD_REQUEST.exception(
          "blindedElements: got "
              + (value == null
                  ? "nothing"
                  : value instanceof JsonArray ? "an empty array" : "no array")
              + ", want an array of 1 to "
              + max
              + " base64url elements, e.g. "
              + EXAMPLE);
    }
    if (array.size() > max) {
      throw HttpErrorCode.TOO_MANY_ELEMENTS.exception(
          "blindedElements: got "
              + array.size()
              + ", want at most "
              + max
              + " per request; split the batch");
    }
    List<byte[]> elements = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      String field = "blindedElements[" + i + "]";
      if (!(item instanceof String text)) {
        throw HttpErrorCode.INVALID_BLINDED_ELEMENT.exception(
            field + ": got no string, want a base64url compressed P-256 point (44 characters)");
      }
      byte[] bytes;
      try {
        bytes = WireBytes.decode(text, field);
      } catch (VoprfException e) {
        throw HttpErrorCode.INVALID_BLINDED_ELEMENT.exception(e.getMessage());
      }
      if (bytes.length != VoprfSuite.ELEMENT_BYTES) {
        throw HttpErrorCode.INVALID_BLINDED_ELEMENT.exception(
            field
                + ": got "
                + bytes.length
                + " bytes, want a compressed P-256 point of "
                + VoprfSuite.ELEMENT_BYTES
                + " bytes (44 base64url characters)");
      }
      elements.add(bytes);
    }
    return elements;
  }
}
