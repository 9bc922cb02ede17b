package io.shiftproof.platformclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftproof.pseudonyms.EvaluationPublicKey;
import io.shiftproof.pseudonyms.VoprfSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /v1/pseudonyms/key} publishes: the evaluators in the order blinded elements pass
 * through them, each with its route and public key, and the most elements one request may carry.
 */
public record PublishedKeys(List<EvaluatorKey> evaluators, int maxElementsPerRequest) {

  /** One evaluating organisation: who, where its evaluations are asked, and its public key. */
  public record EvaluatorKey(String party, String evaluatePath, EvaluationPublicKey publicKey) {}

  public PublishedKeys {
    evaluators = List.copyOf(evaluators);
  }

  static PublishedKeys fromJson(JsonNode json) {
    if (!VoprfSuite.IDENTIFIER.equals(json.path("suite").asText())
        || !"VOPRF".equals(json.path("mode").asText())) {
      throw new HubRefusal(
          200,
          "UNKNOWN_SUITE",
          "the hub publishes suite "
              + json.path("suite").asText()
              + " mode "
              + json.path("mode").asText()
              + ", want "
              + VoprfSuite.IDENTIFIER
              + " VOPRF; update the platform client",
          false);
    }
    List<EvaluatorKey> evaluators = new ArrayList<>();
    for (JsonNode e : json.path("evaluators")) {
      evaluators.add(
          new EvaluatorKey(
              e.path("party").asText(),
              e.path("evaluate").asText(),
              EvaluationPublicKey.fromBase64(e.path("publicKey").asText())));
    }
    if (evaluators.isEmpty()) {
      throw new HubRefusal(200, "NO_EVALUATOR", "the hub publishes no evaluator", false);
    }
    return new PublishedKeys(evaluators, Math.max(1, json.path("maxElementsPerRequest").asInt(1)));
  }
}
