package io.shiftproof.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub's answer to an accepted batch: {@code {"batchId":..., "accepted":N, "duplicates":N,
 * "rejected":[{"index":i, "code":..., "message":...}]}}.
 */
record HubResponse(long accepted, long duplicates, List<Rejection> rejected) {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Rejection(int index, String code, String message) {}

  /** The parsed response, or empty when the body is not this shape. */
  static Optional<HubResponse> parse(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null
          || !root.path("accepted").canConvertToLong()
          || !root.path("duplicates").canConvertToLong()) {
        return Optional.empty();
      }
      List<Rejection> rejected = new ArrayList<>();
      for (JsonNode r : root.path("rejected")) {
        rejected.add(
            new Rejection(
                r.path("index").asInt(-1),
                r.path("code").asText(""),
                r.path("message").asText("")));
      }
      return Optional.of(
          new HubResponse(
              root.get("accepted").asLong(), root.get("duplicates").asLong(), rejected));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
