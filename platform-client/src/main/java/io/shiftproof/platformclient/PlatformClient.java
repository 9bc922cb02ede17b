package io.shiftproof.platformclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shiftproof.pseudonyms.BlindedInput;
import io.shiftproof.pseudonyms.Evaluation;
import io.shiftproof.pseudonyms.EvaluationPublicKey;
import io.shiftproof.pseudonyms.KeyedEvaluation;
import io.shiftproof.pseudonyms.VoprfClient;
import io.shiftproof.pseudonyms.WireBytes;
import io.shiftproof.pseudonyms.WorkerPseudonyms;
import io.shiftproof.schemas.wire.BatchSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What a platform's service needs of the hub, over HTTPS with the platform's client certificate:
 *
 * <ul>
 *   <li>{@link #workerRefs}: workers' pseudonyms. Each national identifier is blinded here, the
 *       blinded elements pass through every evaluator the hub publishes (the hub's key share, then
 *       the regulator's), every proof is checked against the published keys, and the result is
 *       unblinded here: no identifier leaves the platform, and no evaluator sees a pseudonym.
 *   <li>{@link #send}: one batch of events to {@code POST /v1/events}, signed with the platform's
 *       certificate key ({@link BatchSignature}), resent with backoff while the hub answers {@code
 *       429} or {@code 503} (honouring {@code Retry-After}), and its per-event answer.
 * </ul>
 *
 * <p>Thread-safe; one instance per platform identity. The evaluators' keys are read once and then
 * pinned: a key that changes under a running client is refused, since a new key means new
 * pseudonyms for everyone and must be a deliberate step.
 */
public final class PlatformClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final long MAX_RETRY_AFTER_SECONDS = 300;

  private final URI hub;
  private final HttpClient http;
  private final RetryPolicy retries;
  private final VoprfClient voprf;
  private final PrivateKey batchKey;
  private volatile PublishedKeys keys;

  /**
   * @param hub the hub's API, e.g. {@code https://hub.example:8443}
   * @param tls the platform's client certificate and the hub's CA
   * @param batchKey the private key of that client certificate (EC P-256), which signs batches
   */
  public PlatformClient(URI hub, SSLContext tls, PrivateKey batchKey, RetryPolicy retries) {
    this.hub = hub;
    this.batchKey = Objects.requireNonNull(batchKey, "batchKey");
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.retries = retries;
    this.voprf = new VoprfClient(new SecureRandom());
  }

  public PlatformClient(URI hub, SSLContext tls, PrivateKey batchKey) {
    this(hub, tls, batchKey, RetryPolicy.standard());
  }

  /** The evaluators and their keys as the hub publishes them, fetched once. */
  public PublishedKeys publishedKeys() {
    PublishedKeys current = keys;
    if (current == null) {
      synchronized (this) {
        if (keys == null) {
          keys = PublishedKeys.fromJson(call("GET", "/v1/pseudonyms/key", null));
        }
        current = keys;
      }
    }
    return current;
  }

  /**
   * The {@code workerRef} of each national identifier, in order. Identifiers are put in their
   * normal form first ({@link WorkerPseudonyms#normalForm}); one that has none is refused before
   * anything is sent.
   *
   * @throws io.shiftproof.pseudonyms.VoprfException when an evaluator's proof does not verify
   * @throws HubRefusal when the hub refuses, or stays busy past the retries
   */
  public List<String> workerRefs(List<String> nationalIds) {
    List<byte[]> inputs = nationalIds.stream().map(WorkerPseudonyms::input).toList();
    PublishedKeys published = publishedKeys();
    List<String> refs = new ArrayList<>(inputs.size());
    for (int from = 0; from < inputs.size(); from += published.maxElementsPerRequest()) {
      List<byte[]> chunk =
          inputs.subList(from, Math.min(inputs.size(), from + published.maxElementsPerRequest()));
      refs.addAll(pseudonymise(chunk, published));
    }
    return refs;
  }

  private List<String> pseudonymise(List<byte[]> inputs, PublishedKeys published) {
    List<BlindedInput> blinded = inputs.stream().map(voprf::blind).toList();
    List<byte[]> elements = blinded.stream().map(BlindedInput::blindedElement).toList();
    List<KeyedEvaluation> chain = new ArrayList<>();
    for (PublishedKeys.EvaluatorKey evaluator : published.evaluators()) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode array = body.putArray("blindedElements");
      elements.forEach(e -> array.add(WireBytes.encode(e)));
      JsonNode answer = call("POST", evaluator.evaluatePath(), body.toString());
      EvaluationPublicKey answeredKey =
          EvaluationPublicKey.fromBase64(answer.path("publicKey").asText());
      if (!answeredKey.equals(evaluator.publicKey())) {
        throw new HubRefusal(
            200,
            "KEY_CHANGED",
            evaluator.party()
                + "'s evaluator answered with key "
                + answeredKey
                + ", not the published "
                + evaluator.publicKey()
                + "; restart the client after checking the new key with the hub's operator",
            false);
      }
      List<byte[]> evaluated = new ArrayList<>();
      answer
          .path("evaluatedElements")
          .forEach(e -> evaluated.add(WireBytes.decode(e.asText(), "evaluatedElements")));
      Evaluation evaluation =
          new Evaluation(evaluated, WireBytes.decode(answer.path("proof").asText(), "proof"));
      chain.add(new KeyedEvaluation(evaluator.publicKey(), evaluation));
      elements = evaluated;
    }
    return voprf.finalizeChain(blinded, chain).stream().map(WorkerPseudonyms::workerRef).toList();
  }

  /**
   * Sends one batch (the wire format's JSON, or Avro single-object encoding), signed over exactly
   * these bytes, and returns the hub's per-event answer once its accepted events are durable.
   *
   * @param contentType {@code application/json} or {@code application/avro}
   * @throws HubRefusal when the hub refuses the batch as a whole, or stays busy past the retries
   */
  public IngestAnswer send(String contentType, byte[] batch) {
    HttpResponse<String> response =
        exchange(
            "POST",
            "/v1/events",
            contentType,
            batch,
            Map.of(BatchSignature.HEADER, BatchSignature.sign(batchKey, batch)));
    int status = response.statusCode();
    if (status != 200 && status != 422) {
      throw refusal(response, false);
    }
    JsonNode json = parse(response);
    List<IngestAnswer.Rejection> rejected = new ArrayList<>();
    json.path("rejected")
        .forEach(
            r ->
                rejected.add(
                    new IngestAnswer.Rejection(
                        r.path("index").asInt(),
                        r.path("code").asText(),
                        r.path("message").asText())));
    return new IngestAnswer(
        status,
        json.path("batchId").asText(),
        json.path("accepted").asInt(),
        json.path("duplicates").asInt(),
        rejected);
  }

  private JsonNode call(String method, String path, String jsonBody) {
    HttpResponse<String> response =
        exchange(
            method,
            path,
            jsonBody == null ? null : "application/json",
            jsonBody == null ? null : jsonBody.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Map.of());
    if (response.statusCode() != 200) {
      throw refusal(response, false);
    }
    return parse(response);
  }

  /** One request, resent while the hub is busy or unreachable, up to the policy's attempts. */
  private HttpResponse<String> exchange(
      String method, String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(hub.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("content-type", contentType);
    }
    headers.forEach(builder::header);
    HttpRequest request = builder.build();
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status != 429 && status != 503) {
          return response;
        }
        if (attempt >= retries.attempts()) {
          throw refusal(response, true);
        }
        wait = retryAfter(response).orElse(retries.backoff(attempt));
      } catch (IOException e) {
        if (attempt >= retries.attempts()) {
          throw new HubRefusal(
              0, "UNREACHABLE", "cannot reach " + hub + ": " + e.getMessage(), true);
        }
        wait = retries.backoff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HubRefusal(0, "INTERRUPTED", "interrupted while talking to " + hub, true);
      }
      sleep(wait);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("retry-after")
        .flatMap(
            value -> {
              try {
                long seconds = Math.max(0, Long.parseLong(value.trim()));
                // A hub asking for more than five minutes is better answered by giving up.
                return Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER_SECONDS)));
              } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to the backoff
              }
            });
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubRefusal(0, "INTERRUPTED", "interrupted while waiting to resend", true);
    }
  }

  private static HubRefusal refusal(HttpResponse<String> response, boolean retriable) {
    String code = "HTTP_" + response.statusCode();
    String message = response.body();
    try {
      JsonNode error = JSON.readTree(response.body()).path("error");
      if (error.has("code")) {
        code = error.path("code").asText();
        message = error.path("message").asText();
      }
    } catch (IOException e) {
      // not the hub's JSON error: keep the raw body as the message
    }
    return new HubRefusal(response.statusCode(), code, message, retriable);
  }

  private static JsonNode parse(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new HubRefusal(
          response.statusCode(), "UNREADABLE_ANSWER", "the hub's answer is not JSON", false);
    }
  }
}
