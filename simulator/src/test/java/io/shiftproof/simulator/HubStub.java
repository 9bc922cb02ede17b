package io.shiftproof.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shiftproof.schemas.wire.BatchSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-HTTP stand-in for the hub's ingest endpoint: records every request, de-duplicates by
 * eventId like the hub, and answers as a test's {@link Script} says.
 */
final class HubStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A recorded request. */
  record Request(
      String method,
      String path,
      String contentType,
      String signature,
      byte[] body,
      String batchId) {}

  /** An answer: a status, and for 2xx the indexes of events to reject; or a raw body. */
  record Answer(
      int status, List<Integer> rejectIndexes, String rawBody, Map<String, String> headers) {
    static Answer ok() {
      return new Answer(200, List.of(), null, Map.of());
    }

    static Answer status(int status) {
      return new Answer(status, List.of(), null, Map.of());
    }
  }

  /** Decides the answer to the {@code attempt}-th (1-based) request for a batch. */
  interface Script {
    Answer answer(String batchId, int attempt);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Script script;
  private final Set<String> seenEventIds = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final long delayMillis;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  HubStub(Script script) throws IOException {
    this(script, 0);
  }

  HubStub(Script script, long delayMillis) throws IOException {
    this.script = script;
    this.delayMillis = delayMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int attemptsFor(String batchId) {
    return attempts.getOrDefault(batchId, new AtomicInteger()).get();
  }

  int mostInFlight() {
    return mostInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      JsonNode batch = JSON.readTree(body);
      String batchId = batch.path("batchId").asText();
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("content-type"),
              exchange.getRequestHeaders().getFirst(BatchSignature.HEADER),
              body,
              batchId));
      int attempt = attempts.computeIfAbsent(batchId, b -> new AtomicInteger()).incrementAndGet();
      Answer answer = script.answer(batchId, attempt);
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      String response =
          answer.rawBody() != null
              ? answer.rawBody()
              : answer.status() / 100 == 2
                  ? accept(batchId, batch.path("events"), answer.rejectIndexes())
                  : "{\"code\":\"STUB_REFUSED\",\"message\":\"refused by the test\"}";
      byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private String accept(String batchId, JsonNode events, List<Integer> rejectIndexes) {
    int accepted = 0;
    int duplicates = 0;
    ArrayNode rejected = JSON.createArrayNode();
    for (int i = 0; i < events.size(); i++) {
      if (rejectIndexes.contains(i)) {
        rejected.addObject().put("index", i).put("code", "STUB_REJECTED").put("message", "no");
      } else if (seenEventIds.add(events.get(i).path("eventId").asText())) {
        accepted++;
      } else {
        duplicates++;
      }
    }
    ObjectNode response = JSON.createObjectNode();
    response.put("batchId", batchId).put("accepted", accepted).put("duplicates", duplicates);
    response.set("rejected", rejected);
    return response.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
