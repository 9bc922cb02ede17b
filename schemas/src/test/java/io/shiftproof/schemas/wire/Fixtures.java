package io.shiftproof.schemas.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/** Valid events and hand-built JSON bodies for decoder tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-11-28T06:10:00Z");
  static final String OCCURRED_AT = "2026-11-28T14:02:11.250+08:00";
  static final String WORKER = workerRef(1);

  private Fixtures() {}

  static String workerRef(int seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return "wr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static WorkEvent event(String eventId, WorkEventType type) {
    return new WorkEvent(
        eventId,
        WORKER,
        "s-881",
        type,
        type.isTaskEvent() ? Optional.of("order-5521") : Optional.empty(),
        Instant.parse("2026-11-28T06:02:11.250Z"),
        OCCURRED_AT,
        Optional.of("wt3mf"));
  }

  static EventBatch batch(WorkEvent... events) {
    return new EventBatch("b-2026-11-28-000123", List.of(events));
  }

  static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON body with the given batchId and event objects (raw JSON). */
  static byte[] body(String... events) {
    return utf8("{\"batchId\":\"b-1\",\"events\":[" + String.join(",", events) + "]}");
  }

  static EventJson eventJson(String eventId) {
    return new EventJson()
        .with("eventId", quote(eventId))
        .with("workerRef", quote(WORKER))
        .with("sessionId", quote("s-881"))
        .with("type", quote("TASK_ASSIGNED"))
        .with("taskRef", quote("order-5521"))
        .with("occurredAt", quote(OCCURRED_AT))
        .with("cell", quote("wt3mf"));
  }

  /** One event object as raw JSON fragments per field, in insertion order. */
  static final class EventJson {
    private final Map<String, String> fields = new LinkedHashMap<>();

    /** Sets a field to a raw JSON value (quote strings with {@link Fixtures#quote}). */
    EventJson with(String field, String rawJson) {
      fields.put(field, rawJson);
      return this;
    }

    EventJson withString(String field, String value) {
      return with(field, quote(value));
    }

    EventJson without(String field) {
      fields.remove(field);
      return this;
    }

    @Override
    public String toString() {
      return fields.entrySet().stream()
          .map(e -> quote(e.getKey()) + ":" + e.getValue())
          .collect(Collectors.joining(",", "{", "}"));
    }
  }
}
