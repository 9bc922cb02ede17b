package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.BatchAvroWriter;
import io.shiftproof.schemas.wire.EventBatch;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated malformed bodies: the hub answers each with a 4xx (or, where a mutation
 * happens to leave a valid batch, a 2xx), never a 5xx, and stays healthy and accepting.
 */
class HostileInputIT extends WithRunningHub {
  private static final long SEED = 20261129L;

  /** A body, its content type, and whether it is certainly invalid (must be 4xx). */
  record Hostile(String kind, String contentType, byte[] body, boolean certainlyInvalid) {}

  @Test
  void malformedBodiesNeverCauseA5xxAndTheHubKeepsAccepting() throws Exception {
    List<Hostile> bodies = generate(new Random(SEED), 3000);
    Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Hostile h : bodies) {
        futures.add(
            pool.submit(
                () -> {
                  HttpResponse<String> r = hub.postEvents("platform-1", h.contentType(), h.body());
                  byStatus
                      .computeIfAbsent(r.statusCode() + "", k -> new AtomicInteger())
                      .incrementAndGet();
                  boolean is4xx = r.statusCode() >= 400 && r.statusCode() < 500;
                  if (r.statusCode() >= 500 || (h.certainlyInvalid() && !is4xx)) {
                    violations.add(h.kind() + " -> " + r.statusCode() + " " + r.body());
                  } else if (is4xx && !hasErrorCode(r.body())) {
                    violations.add(h.kind() + " -> " + r.statusCode() + " without a code");
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("hostile bodies " + bodies.size() + ", answers by status " + byStatus);
    assertThat(violations).as("statuses %s", byStatus).isEmpty();
    int total = byStatus.values().stream().mapToInt(AtomicInteger::get).sum();
    assertThat(total).isEqualTo(bodies.size());
    int clientErrors =
        byStatus.entrySet().stream()
            .filter(e -> e.getKey().startsWith("4"))
            .mapToInt(e -> e.getValue().get())
            .sum();
    assertThat(clientErrors).as("statuses %s", byStatus).isGreaterThan(bodies.size() * 9 / 10);

    assertThat(hub.management("/health").statusCode()).isEqualTo(200);
    assertThat(hub.management("/ready").statusCode()).isEqualTo(200);
    HttpResponse<String> valid =
        hub.postJson("platform-1", Batches.validBatch("b-after-hostile", "after-hostile", 5));
    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(valid.body()).getInteger("accepted")).isEqualTo(5);
  }

  private static boolean hasErrorCode(String body) {
    try {
      JsonObject json = new JsonObject(body);
      if (json.containsKey("error")) {
        return !json.getJsonObject("error").getString("code", "").isEmpty();
      }
      return !json.getJsonArray("rejected").isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static List<Hostile> generate(Random random, int count) {
    byte[] json = Batches.validBatch("b-hostile", "hostile", 20).getBytes(StandardCharsets.UTF_8);
    byte[] avro = validAvro();
    List<Hostile> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(
          switch (i % 12) {
            case 0 ->
                new Hostile("truncated json", "application/json", truncate(json, random), true);
            case 1 -> new Hostile("flipped json", "application/json", flip(json, random), false);
            case 2 ->
                new Hostile("truncated avro", "application/avro", truncate(avro, random), true);
            case 3 -> new Hostile("flipped avro", "application/avro", flip(avro, random), false);
            case 4 ->
                new Hostile("random bytes as avro", "application/avro", randomBytes(random), true);
            case 5 -> new Hostile("deep json", "application/json", deep(random), true);
            case 6 ->
                new Hostile("invalid utf-8", "application/json", invalidUtf8(json, random), true);
            case 7 -> new Hostile("wrong types", "application/json", wrongTypes(random), true);
            case 8 -> new Hostile("huge string", "application/json", hugeString(random), true);
            case 9 -> new Hostile("wrong content type", wrongContentType(random), json, true);
            case 10 -> new Hostile("json as avro", "application/avro", json, true);
            default -> new Hostile("avro as json", "application/json", avro, true);
          });
    }
    return out;
  }

  private static byte[] validAvro() {
    List<WorkEvent> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String when = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(5).toString();
      events.add(
          new WorkEvent(
              "hostile-avro-" + i,
              Batches.workerRef(i),
              "s-" + i,
              WorkEventType.TASK_ASSIGNED,
              Optional.of("order-" + i),
              OffsetDateTime.parse(when).toInstant(),
              when,
              Optional.empty()));
    }
    return BatchAvroWriter.toAvro(new EventBatch("b-hostile-avro", events));
  }

  private static byte[] truncate(byte[] body, Random random) {
    return Arrays.copyOf(body, 1 + random.nextInt(body.length - 1));
  }

  private static byte[] flip(byte[] body, Random random) {
    byte[] copy = body.clone();
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(2000)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] deep(Random random) {
    int depth = 1000 + random.nextInt(20_000);
    String where = random.nextBoolean() ? "\"events\":" : "\"batchId\":\"b\",\"x\":";
    return ("{" + where + "[".repeat(depth) + "]".repeat(depth) + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] invalidUtf8(byte[] json, Random random) {
    byte[] copy = json.clone();
    int at = 30 + random.nextInt(copy.length - 40);
    copy[at] = (byte) 0xC3; // a lead byte followed by ASCII is never valid UTF-8
    copy[at + 1] = (byte) 0x28;
    return copy;
  }

  private static byte[] wrongTypes(Random random) {
    String[] bodies = {
      "[]",
      "42",
      "\"events\"",
      "null",
      "{\"batchId\":7,\"events\":[]}",
      "{\"batchId\":\"b\",\"events\":{}}",
      "{\"batchId\":\"b\",\"events\":\"none\"}",
      "{\"batchId\":\"b\",\"events\":[1,2,3]}",
      "{\"batchId\":\"b\",\"events\":[]}",
      "{\"batchId\":[\"b\"],\"events\":[]}",
      "{}",
      "{\"events\":[" + Batches.online("wt-1", 1) + "]}"
    };
    return bodies[random.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hugeString(Random random) {
    String huge = "x".repeat(100_000 + random.nextInt(1_000_000));
    String body =
        random.nextBoolean()
            ? "{\"batchId\":\"" + huge + "\",\"events\":[]}"
            : "{\"batchId\":\"b\",\"events\":[{\"eventId\":\"" + huge + "\"}]}";
    return body.getBytes(StandardCharsets.US_ASCII);
  }

  private static String wrongContentType(Random random) {
    String[] types = {
      "text/plain", "application/xml", "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
      "application/octet-stream", "image/png", "application/jsonx", ""
    };
    return types[random.nextInt(types.length)];
  }
}
