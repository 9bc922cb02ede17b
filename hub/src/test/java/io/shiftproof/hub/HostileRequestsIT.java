package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over ten thousand generated bad requests across every route of a running hub (the claims,
 * policies, statistics and worker-token routes, and the workers' own routes by bearer token, too),
 * with valid batches interleaved: malformed and mistyped JSON, huge fields, oversize bodies
 * (declared and streamed), bad paths and percent-encoding, wrong methods and roles, bad query
 * parameters, requests HTTP itself cannot parse, and batches mixing valid and invalid events. Every
 * answer is below 500 and every refusal carries a stable code; the hub stays ready throughout; and
 * every valid event sent among the bad ones can be read back from the topic.
 */
class HostileRequestsIT {
  private static final long SEED = 20261205L;
  private static final int BAD_REQUESTS = 10_200;

  /** Small, so an oversize body is cheap to send; the valid batches are far below it. */
  private static final int MAX_BODY_BYTES = 65_536;

  private static final String[] ROLES_OF_NOBODY = {"regulator"};
  private static Path dataDir;
  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    dataDir = TempDirectories.create("hub-hostile");
    hub =
        TestHub.start(
            dataDir, Map.of(GatewayKeys.MAX_BODY_BYTES.name(), String.valueOf(MAX_BODY_BYTES)));
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
    TempDirectories.delete(dataDir);
  }

  /**
   * One request: who sends it, how, and whether its answer must be a refusal.
   *
   * @param signature the batch signature header of a {@code POST /v1/events}: null for the sender's
   *     own valid signature over the body, empty for none, anything else as given
   */
  record Hostile(
      String kind,
      String organisation,
      String method,
      String path,
      String contentType,
      byte[] body,
      boolean mustRefuse,
      boolean streamed,
      String signature) {
    Hostile(
        String kind,
        String organisation,
        String method,
        String path,
        String contentType,
        byte[] body,
        boolean mustRefuse,
        boolean streamed) {
      this(kind, organisation, method, path, contentType, body, mustRefuse, streamed, null);
    }

    /** The header value to send, if any: a platform signs what it posts unless told otherwise. */
    Optional<String> signatureHeader() {
      if (signature != null) {
        return signature.isEmpty() ? Optional.empty() : Optional.of(signature);
      }
      boolean signs =
          "POST".equals(method)
              && "/v1/events".equals(path)
              && body != null
              && !organisation.startsWith(WORKER_PREFIX)
              && Files.isRegularFile(keyFile(organisation));
      return signs
          ? Optional.of(BatchSignature.sign(hub.privateKey(organisation), body))
          : Optional.empty();
    }
  }

  private static Path keyFile(String organisation) {
    return hub.hub().credentialsDir().resolve(organisation).resolve("key.pem");
  }

  /** What came back: the status, and the error code if the body carried one. */
  record Answer(int status, String body) {}

  @Test
  void badRequestsOnEveryRouteAreRefusedWithACodeAndValidEventsAmongThemAreKept() throws Exception {
    Random random = new Random(SEED);
    List<Hostile> bad = new ArrayList<>(BAD_REQUESTS);
    for (int i = 0; i < BAD_REQUESTS; i++) {
      bad.add(generate(random, i));
    }
    Set<String> expectedKept = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> byKindAndStatus = new ConcurrentHashMap<>();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger notReady = new AtomicInteger();
    long started = System.nanoTime();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < bad.size(); i++) {
        Hostile h = bad.get(i);
        futures.add(
            pool.submit(
                () -> {
                  Answer a = send(h);
                  byKindAndStatus
                      .computeIfAbsent(h.kind() + " " + a.status(), k -> new AtomicInteger())
                      .incrementAndGet();
                  String problem = problem(h, a);
                  if (problem != null) {
                    violations.add(
                        h.kind()
                            + " "
                            + h.method()
                            + " "
                            + shorten(h.path())
                            + " -> "
                            + a.status()
                            + " "
                            + shorten(a.body())
                            + ": "
                            + problem);
                  }
                  return null;
                }));
        if (i % 20 == 10) {
          int n = i;
          futures.add(pool.submit(() -> sendValid(n, random(n), expectedKept)));
        }
        if (i % 2000 == 1999) {
          futures.add(
              pool.submit(
                  () -> {
                    if (hub.management("/ready").statusCode() != 200) {
                      notReady.incrementAndGet();
                    }
                    return null;
                  }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println(
        "hostile requests "
            + bad.size()
            + " in "
            + took.toMillis()
            + " ms, answers by kind and status "
            + new TreeMap<>(byKindAndStatus));

    assertThat(violations).as("%d violations", violations.size()).isEmpty();
    assertThat(notReady).hasValue(0);
    assertThat(hub.management("/ready").statusCode()).isEqualTo(200);

    Set<String> onTopic = new HashSet<>();
    for (RecordedEvent e :
        TopicReader.readAll(
            hub.hub().kafkaBootstrapServers(), hub.hub().kafkaAdminClient(), hub.hub().topic())) {
      onTopic.add(e.platform() + "/" + e.event().eventId());
    }
    assertThat(expectedKept).hasSizeGreaterThan(1000);
    assertThat(onTopic).containsAll(expectedKept);
  }

  private static Random random(int n) {
    return new Random(SEED * 31 + n);
  }

  /** Why an answer breaks the rules, or null when it keeps them. */
  private static String problem(Hostile h, Answer a) {
    if (a.status() >= 500) {
      return "a 5xx";
    }
    if (a.status() < 400) {
      return h.mustRefuse() ? "accepted what must be refused" : null;
    }
    try {
      JsonObject body = new JsonObject(a.body());
      if (body.containsKey("error")) {
        String code = body.getJsonObject("error").getString("code", "");
        String message = body.getJsonObject("error").getString("message", "");
        if (!code.matches("[A-Z][A-Z_]+")) {
          return "no stable code";
        }
        return message.length() > 1000 ? "a message of " + message.length() + " chars" : null;
      }
      if (a.status() == 422 && !body.getJsonArray("rejected").isEmpty()) {
        return null;
      }
      return "an error body without error.code";
    } catch (RuntimeException e) {
      return "a body that is not a JSON error";
    }
  }

  // ---------------------------------------------------------------- sending

  private static Answer send(Hostile h) throws Exception {
    if (h.streamed() || !sendableByClient(h)) {
      return RawHttps.send(h);
    }
    HttpRequest.Builder request =
        // Appended, not resolved: a path such as //v1 would otherwise name another host.
        HttpRequest.newBuilder(URI.create(hub.hub().apiUrl() + h.path()))
            .timeout(Duration.ofSeconds(30))
            .method(
                h.method(),
                h.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(h.body()));
    if (h.contentType() != null) {
      request.header("content-type", h.contentType());
    }
    h.signatureHeader().ifPresent(value -> request.header(BatchSignature.HEADER, value));
    HttpClient client;
    if (h.organisation().startsWith(WORKER_PREFIX)) {
      client = workerClient();
      String token = h.organisation().substring(WORKER_PREFIX.length());
      if (!token.isEmpty()) {
        request.header("authorization", "Bearer " + token);
      }
    } else {
      client = hub.client(h.organisation());
    }
    HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  private static volatile HttpClient workerClient;

  /** A client as a worker's phone has one: it trusts the hub's CA and holds no certificate. */
  private static HttpClient workerClient() throws Exception {
    if (workerClient == null) {
      workerClient =
          HttpClient.newBuilder()
              .sslContext(
                  TestTls.context(
                      null,
                      TlsContexts.loadCertificate(hub.hub().credentialsDir().resolve("ca.pem"))))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
    }
    return workerClient;
  }

  /** Whether the JDK client can say this request at all (it refuses malformed URIs and methods). */
  private static boolean sendableByClient(Hostile h) {
    if (h.path().length() > 4000) {
      return false; // the JDK client sends it, but then never reads the early answer
    }
    try {
      URI.create("https://localhost" + h.path());
      return h.method()
          .chars()
          .allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A valid batch, sent until it is answered (a rate limit or an outage only delays it). */
  private static Void sendValid(int n, Random random, Set<String> expectedKept) throws Exception {
    String platform = n % 40 == 10 ? "platform-1" : "platform-2";
    String prefix = "valid-" + n;
    int count = 1 + random.nextInt(10);
    List<String> events = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    boolean mixed = random.nextBoolean();
    for (int i = 0; i < count; i++) {
      events.add(Batches.online(prefix + "-" + i, n + i));
      ids.add(prefix + "-" + i);
      if (mixed) {
        events.add(invalidEvent(random, prefix + "-bad-" + i));
      }
    }
    String body = Batches.batch("b-" + prefix, events);
    for (int attempt = 0; attempt < 20; attempt++) {
      HttpResponse<String> r = hub.postJson(platform, body);
      if (r.statusCode() == 200) {
        JsonObject answer = new JsonObject(r.body());
        assertThat(answer.getInteger("accepted") + answer.getInteger("duplicates"))
            .as(r.body())
            .isEqualTo(count);
        ids.forEach(id -> expectedKept.add(platform + "/" + id));
        return null;
      }
      assertThat(r.statusCode()).as(r.body()).isIn(429, 503);
      Thread.sleep(500);
    }
    throw new AssertionError("a valid batch was never accepted: " + prefix);
  }

  // ---------------------------------------------------------------- generating

  private static final String WORKER = Batches.workerRef(1);

  private static Hostile generate(Random random, int i) {
    return switch (i % 11) {
      case 0, 1, 2 -> badEvents(random);
      case 3 -> badDayQuery(random);
      case 4 -> badStatusQuery(random);
      case 5 -> badLateEvents(random);
      case 6, 7 -> badEvidence(random);
      case 8 -> badPath(random);
      case 9 -> badClaimsOrWorkerRequest(random);
      default -> wrongMethodOrRole(random);
    };
  }

  private static Hostile post(String kind, String org, String path, String type, String body) {
    return new Hostile(
        kind, org, "POST", path, type, body.getBytes(StandardCharsets.UTF_8), true, false);
  }

  private static Hostile get(String kind, String org, String path) {
    return new Hostile(kind, org, "GET", path, null, null, true, false);
  }

  private static Hostile badEvents(Random random) {
    String valid = Batches.validBatch("b-h", "h", 3);
    byte[] validBytes = valid.getBytes(StandardCharsets.UTF_8);
    return switch (random.nextInt(15)) {
      case 0 ->
          post(
              "events truncated",
              "platform-3",
              "/v1/events",
              "application/json",
              valid.substring(0, 1 + random.nextInt(valid.length() - 2)));
      case 1 ->
          post(
              "events wrong types",
              "platform-3",
              "/v1/events",
              "application/json",
              pick(
                  random,
                  "[]",
                  "42",
                  "null",
                  "\"x\"",
                  "{}",
                  "{\"batchId\":7,\"events\":[]}",
                  "{\"batchId\":\"b\",\"events\":{}}",
                  "{\"batchId\":\"b\",\"events\":[1,true]}",
                  "{\"batchId\":[\"b\"],\"events\":[]}",
                  "{\"batchId\":\"b\",\"events\":[]}"));
      case 2 ->
          post(
              "events huge field",
              "platform-3",
              "/v1/events",
              "application/json",
              "{\"batchId\":\"" + "x".repeat(1000 + random.nextInt(50_000)) + "\",\"events\":[]}");
      case 3 ->
          post(
              "events oversize",
              "platform-3",
              "/v1/events",
              "application/json",
              "{\"batchId\":\"b\",\"events\":[" + " ".repeat(MAX_BODY_BYTES) + "]}");
      case 4 ->
          new Hostile(
              "events oversize streamed",
              "platform-3",
              "POST",
              "/v1/events",
              "application/json",
              new byte[MAX_BODY_BYTES + 1 + random.nextInt(10_000)],
              true,
              true);
      case 5 ->
          post(
              "events wrong content type",
              "platform-3",
              "/v1/events",
              pick(random, "text/plain", "application/xml", "", "application/jsonx", "*/*"),
              valid);
      case 6 -> {
        byte[] bytes = new byte[1 + random.nextInt(2000)];
        random.nextBytes(bytes);
        yield new Hostile(
            "events random avro",
            "platform-3",
            "POST",
            "/v1/events",
            "application/avro",
            bytes,
            true,
            false);
      }
      case 7 ->
          post(
              "events deep",
              "platform-3",
              "/v1/events",
              "application/json",
              "{\"events\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
      case 8 -> {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        bytes[20 + random.nextInt(bytes.length - 30)] = (byte) 0xC3;
        yield new Hostile(
            "events invalid utf-8",
            "platform-3",
            "POST",
            "/v1/events",
            "application/json",
            bytes,
            false,
            false);
      }
      case 9 ->
          post(
              "events all invalid",
              "platform-3",
              "/v1/events",
              "application/json",
              Batches.batch(
                  "b-bad", List.of(invalidEvent(random, "x1"), invalidEvent(random, "x2"))));
      case 10 -> post("events empty", "platform-3", "/v1/events", "application/json", "");
      case 11 ->
          new Hostile(
              "events unsigned",
              "platform-3",
              "POST",
              "/v1/events",
              "application/json",
              validBytes,
              true,
              false,
              "");
      case 12 ->
          new Hostile(
              "events signed by another platform",
              "platform-3",
              "POST",
              "/v1/events",
              "application/json",
              validBytes,
              true,
              false,
              BatchSignature.sign(hub.privateKey("platform-1"), validBytes));
      case 13 ->
          new Hostile(
              "events signature garbage",
              "platform-3",
              "POST",
              "/v1/events",
              "application/json",
              validBytes,
              true,
              false,
              pick(random, "x", "AAAA", "%%%", "MEUCIQ" + "A".repeat(90), " ".repeat(300)));
      default ->
          post(
              "events unknown fields",
              "platform-3",
              "/v1/events",
              "application/json",
              "{\"batchId\":\"b\",\"events\":[],\"extra\":\""
                  + "y".repeat(random.nextInt(300))
                  + "\"}");
    };
  }

  private static String invalidEvent(Random random, String id) {
    String good = Batches.online(id, 7);
    return switch (random.nextInt(6)) {
      case 0 -> good.replace(Batches.workerRef(7), "13800138000");
      case 1 -> good.replace("\"ONLINE\"", "\"DANCING\"");
      case 2 -> good.replaceFirst("\"occurredAt\":\"[^\"]*\"", "\"occurredAt\":\"yesterday\"");
      case 3 ->
          good.replaceFirst("\"occurredAt\":\"[^\"]*\"", "\"occurredAt\":\"2999-01-01T00:00:00Z\"");
      case 4 -> good.replace("\"sessionId\":\"s-7\",", "");
      default -> good.replace("\"eventId\":\"" + id + "\"", "\"eventId\":" + random.nextInt());
    };
  }

  private static Hostile badDayQuery(Random random) {
    String org = pick(random, "insurer-1", "admin");
    return switch (random.nextInt(8)) {
      case 0 -> get("day bad ref", org, "/v1/workers/" + junk(random) + "/days/2026-11-28");
      case 1 -> get("day bad date", org, "/v1/workers/" + WORKER + "/days/" + junk(random));
      case 2 ->
          get(
              "day bad version",
              org,
              "/v1/workers/"
                  + WORKER
                  + "/days/2026-11-28?version="
                  + pick(random, "0", "-1", "x", "99999999999", "1&version=2", "1.5", ""));
      case 3 ->
          get(
              "day unknown worker",
              org,
              "/v1/workers/"
                  + Batches.workerRef(100_000 + random.nextInt(1000))
                  + "/days/2026-11-28");
      case 4 -> get("day impossible date", org, "/v1/workers/" + WORKER + "/days/2026-02-30");
      case 5 ->
          get(
              "day long ref",
              org,
              "/v1/workers/wr_" + "A".repeat(200 + random.nextInt(3000)) + "/days/2026-11-28");
      case 6 -> get("day encoded junk", org, "/v1/workers/%3Cscript%3E/days/2026-11-28");
      default ->
          get(
              "day bad percent-encoding",
              org,
              "/v1/workers/"
                  + pick(random, "%zz", "%", "%E2%82", "wr_%C0%AF", "%00")
                  + "/days/2026-11-28");
    };
  }

  private static Hostile badStatusQuery(Random random) {
    String org = pick(random, "insurer-1", "admin");
    String base = "/v1/workers/" + WORKER + "/status";
    return switch (random.nextInt(6)) {
      case 0 -> get("status no at", org, base);
      case 1 -> get("status bad at", org, base + "?at=" + junk(random));
      case 2 -> get("status unencoded plus", org, base + "?at=2026-11-28T10:00:00+08:00");
      case 3 ->
          get("status two at", org, base + "?at=2026-11-28T10:00:00Z&at=2026-11-28T11:00:00Z");
      case 4 ->
          get(
              "status unknown worker",
              org,
              "/v1/workers/"
                  + Batches.workerRef(200_000 + random.nextInt(1000))
                  + "/status?at=2026-11-28T10:00:00Z");
      default -> get("status bad percent-encoding", org, base + "?at=%zz%");
    };
  }

  private static Hostile badLateEvents(Random random) {
    return switch (random.nextInt(6)) {
      case 0 ->
          get(
              "late bad limit",
              "admin",
              "/v1/late-events?limit=" + pick(random, "0", "1001", "x", "-5", "1e3"));
      case 1 -> get("late bad before", "admin", "/v1/late-events?before=" + junk(random));
      case 2 -> get("late bad ref", "admin", "/v1/late-events?workerRef=" + junk(random));
      case 3 -> get("late two refs", "admin", "/v1/late-events?workerRef=a&workerRef=b");
      case 4 ->
          get(
              "late huge platform",
              "admin",
              "/v1/late-events?platform=" + "p".repeat(300 + random.nextInt(2000)));
      default -> get("late as insurer", "insurer-1", "/v1/late-events");
    };
  }

  private static Hostile badEvidence(Random random) {
    String org = pick(random, "insurer-1", "admin");
    return switch (random.nextInt(9)) {
      case 0 ->
          post("evidence malformed", org, "/v1/evidence", "application/json", "{\"workerRef\":");
      case 1 ->
          post(
              "evidence wrong types",
              org,
              "/v1/evidence",
              "application/json",
              pick(
                  random,
                  "[]",
                  "7",
                  "null",
                  "{\"workerRef\":1,\"incidentAt\":2}",
                  "{\"workerRef\":[],\"incidentAt\":{}}",
                  "{\"workerRef\":\""
                      + WORKER
                      + "\",\"incidentAt\":{\"a\":\""
                      + "z".repeat(500)
                      + "\"}}"));
      case 2 ->
          post(
              "evidence unknown field",
              org,
              "/v1/evidence",
              "application/json",
              "{\"" + "f".repeat(1 + random.nextInt(2000)) + "\":1}");
      case 3 ->
          post(
              "evidence oversize",
              org,
              "/v1/evidence",
              "application/json",
              "{\"workerRef\":\"" + "w".repeat(5000 + random.nextInt(20_000)) + "\"}");
      case 4 ->
          post(
              "evidence bad instant",
              org,
              "/v1/evidence",
              "application/json",
              "{\"workerRef\":\"" + WORKER + "\",\"incidentAt\":\"" + junk(random) + "\"}");
      case 5 ->
          post(
              "evidence bad ref",
              org,
              "/v1/evidence",
              "application/json",
              "{\"workerRef\":\"" + junk(random) + "\",\"incidentAt\":\"2026-11-28T12:00:00Z\"}");
      case 6 ->
          post(
              "evidence unknown worker",
              org,
              "/v1/evidence",
              "application/json",
              "{\"workerRef\":\""
                  + Batches.workerRef(300_000 + random.nextInt(1000))
                  + "\",\"incidentAt\":\"2026-11-28T12:00:00+08:00\"}");
      case 7 -> post("evidence empty", org, "/v1/evidence", "application/json", "");
      default ->
          new Hostile(
              "evidence oversize streamed",
              org,
              "POST",
              "/v1/evidence",
              "application/json",
              new byte[5000 + random.nextInt(5000)],
              true,
              true);
    };
  }

  /** A worker's request: no client certificate, this bearer token. */
  private static final String WORKER_PREFIX = "worker ";

  private static Hostile asWorker(String kind, String token, String method, String path) {
    return new Hostile(
        kind,
        WORKER_PREFIX + token,
        method,
        path,
        "application/json",
        method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null,
        true,
        false);
  }

  private static Hostile badClaimsOrWorkerRequest(Random random) {
    String claim = "/v1/claims/c-" + pick(random, "unknown", junk(random));
    return switch (random.nextInt(14)) {
      case 0 -> post("claim malformed", "platform-1", "/v1/claims", "application/json", "{\"re");
      case 1 ->
          post(
              "claim bad fields",
              pick(random, "platform-1", "insurer-1"),
              "/v1/claims",
              "application/json",
              new JsonObject()
                  .put("reference", pick(random, "", "r 1", "x".repeat(300), "ok-1"))
                  .put("workerRef", pick(random, junk(random), WORKER, "13800138000"))
                  .put("incidentAt", pick(random, "yesterday", "2026-02-30T00:00:00Z", "1"))
                  .put("cell", pick(random, "wx4g0", "!!", "c".repeat(40)))
                  .put("category", pick(random, "TRAFFIC", "dancing", ""))
                  .encode());
      case 2 ->
          post(
              "claim by a role that cannot report",
              pick(random, "regulator", "admin"),
              "/v1/claims",
              "application/json",
              "{}");
      case 3 -> get("claim unknown or bad id", pick(random, "insurer-1", "admin"), claim);
      case 4 ->
          post(
              "decision malformed",
              "insurer-1",
              claim + "/decision",
              "application/json",
              pick(
                  random,
                  "",
                  "[]",
                  "{\"decision\":\"MAYBE\"}",
                  "{\"decision\":\"APPROVED\",\"evidenceHash\":\"zz\"}",
                  "{\"decision\":\"APPROVED\",\"evidenceHash\":\""
                      + "ab".repeat(32)
                      + "\",\"ruleVersion\":\"cn-pilot-2022\",\"reasons\":[1],"
                      + "\"signedAt\":\"2026-11-28T08:00:00Z\",\"signature\":\"%%\"}"));
      case 5 ->
          post(
              "payment bad",
              pick(random, "insurer-1", "platform-1"),
              claim + "/payment",
              "application/json",
              pick(
                  random,
                  "{\"paymentRef\":\"p\",\"amountFen\":-1}",
                  "{\"paymentRef\":\"p\",\"amountFen\":1e99}",
                  "{\"amountFen\":5}",
                  "{"));
      case 6 ->
          post(
              "policy bad",
              pick(random, "insurer-1", "platform-1"),
              "/v1/policies",
              "application/json",
              new JsonObject()
                  .put("policyId", pick(random, "", "p 1", "p-" + random.nextInt(1000)))
                  .put("platform", pick(random, "platform-1", "", "x".repeat(300)))
                  .put("validFrom", pick(random, "2026-12-01T00:00:00Z", "soon"))
                  .put("validTo", pick(random, "2026-11-01T00:00:00Z", "later"))
                  .put("premiumPerOrderFen", pick(random, "-5", "seven", "1e20"))
                  .encode());
      case 7 ->
          post(
              "policy accept unknown or foreign",
              pick(random, "platform-1", "insurer-1", "regulator"),
              "/v1/policies/" + pick(random, "p-unknown", junk(random)) + "/accept",
              "application/json",
              "{}");
      case 8 ->
          get(
              "stats bad range or role",
              pick(random, "regulator", "insurer-1", "platform-2"),
              "/v1/stats/"
                  + pick(random, "claims", "working-time")
                  + pick(
                      random,
                      "?from=2026-11-01&to=2025-01-01",
                      "?from=" + junk(random) + "&to=2026-11-30",
                      "?from=2026-11-01&to=" + junk(random)));
      case 9 ->
          post(
              "worker token bad",
              pick(random, "platform-1", "insurer-1", "regulator"),
              "/v1/worker-tokens",
              "application/json",
              pick(
                  random,
                  "{\"workerRef\":\"" + junk(random) + "\"}",
                  "{\"workerRef\":\"" + Batches.workerRef(999_999) + "\"}",
                  "{\"workerRef\":7}",
                  ""));
      case 10 ->
          post(
              "worker token revoke bad",
              pick(random, "platform-1", "admin"),
              "/v1/worker-tokens/revoke",
              "application/json",
              pick(random, "{\"workerToken\":\"" + junk(random) + "\"}", "{}", "["));
      case 11 ->
          asWorker(
              "worker with a bad token",
              pick(random, "", "x", "A".repeat(43), junk(random)),
              "GET",
              pick(
                  random,
                  "/v1/me/claims",
                  "/v1/me/days/2026-11-28",
                  "/v1/me/access-log",
                  "/v1/me/claims/c-1/evidence"));
      case 12 ->
          asWorker(
              "worker with a bad token posts",
              pick(random, "", "A".repeat(43)),
              "POST",
              pick(random, "/v1/me/evidence", "/v1/me/token/revoke"));
      default -> get("access log as a platform", "platform-1", "/v1/access-log");
    };
  }

  private static Hostile badPath(Random random) {
    String org = pick(random, "platform-1", "insurer-1", "admin");
    String path =
        pick(
            random,
            "/",
            "/v1",
            "/v1/",
            "/v2/events",
            "/v1/event",
            "/v1/events/extra",
            "/v1/workers",
            "/v1/workers/" + WORKER,
            "/v1/workers/" + WORKER + "/days",
            "/v1/workers/" + WORKER + "/days/2026-11-28/more",
            "//v1//events",
            "/v1/%2e%2e/audit",
            "/v1/workers/%2F/days/x",
            "/.env",
            "/v1/" + "seg/".repeat(50 + random.nextInt(300)),
            "/v1/audit%00",
            "/v1/%ZZ",
            "/v1/workers/" + WORKER + "/days/%",
            "/v1/" + "\u00e9".repeat(20));
    return new Hostile(
        "bad path",
        org,
        pick(random, "GET", "POST"),
        path,
        "application/json",
        random.nextBoolean() ? "{}".getBytes(StandardCharsets.UTF_8) : null,
        true,
        false);
  }

  private static Hostile wrongMethodOrRole(Random random) {
    return switch (random.nextInt(10)) {
      case 8 ->
          new Hostile(
              "request line too long",
              "admin",
              "GET",
              "/v1/audit?x=" + "a".repeat(5000 + random.nextInt(5000)),
              null,
              null,
              true,
              false);
      case 9 ->
          new Hostile(
              "not http",
              "admin",
              pick(random, "NOT HTTP", "GET /x HTTP/1.1\r\nbad", "G\u0000T"),
              "/v1/audit",
              null,
              null,
              true,
              false);
      case 0 ->
          new Hostile(
              "events wrong method",
              "platform-1",
              pick(random, "GET", "PUT", "DELETE", "PATCH"),
              "/v1/events",
              null,
              null,
              true,
              false);
      case 1 ->
          new Hostile(
              "query wrong method",
              "insurer-1",
              pick(random, "POST", "DELETE", "PUT"),
              "/v1/workers/" + WORKER + "/days/2026-11-28",
              "application/json",
              "{}".getBytes(StandardCharsets.UTF_8),
              true,
              false);
      case 2 -> get("evidence wrong method", "insurer-1", "/v1/evidence");
      case 3 ->
          new Hostile(
              "audit without a body, or by a wrong method",
              "admin",
              pick(random, "POST", "DELETE", "PUT"),
              "/v1/audit",
              null,
              null,
              true,
              false);
      case 4 -> get("audit as insurer", "insurer-1", "/v1/audit");
      case 5 ->
          post(
              "events as insurer",
              "insurer-1",
              "/v1/events",
              "application/json",
              Batches.validBatch("b-ins", "ins", 2));
      case 6 ->
          get(
              "query as " + ROLES_OF_NOBODY[0],
              ROLES_OF_NOBODY[0],
              "/v1/workers/" + WORKER + "/days/2026-11-28");
      default ->
          new Hostile(
              "unknown method",
              "admin",
              pick(random, "BREW", "PROPFIND", "TRACE"),
              "/v1/audit",
              null,
              null,
              true,
              false);
    };
  }

  private static String junk(Random random) {
    Supplier<String> one =
        () ->
            switch (random.nextInt(8)) {
              case 0 -> "";
              case 1 -> "x".repeat(random.nextInt(500));
              case 2 -> "%E2%98%83";
              case 3 -> "2026-13-45";
              case 4 -> "%27%20OR%201%3D1--";
              case 5 -> "wr_" + "!".repeat(43);
              case 6 -> String.valueOf(random.nextLong());
              default -> "%F0%9F%92%A9%0A%0D";
            };
    return one.get();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }

  private static String shorten(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  /**
   * Requests the JDK client will not send (malformed paths and methods) or that must stream their
   * body: written by hand on a TLS socket of their own, then the answer read by its length.
   */
  private static final class RawHttps {
    static Answer send(Hostile h) throws IOException {
      URI api = hub.hub().apiUrl();
      try (SSLSocket socket =
          (SSLSocket)
              hub.sslContext(h.organisation())
                  .getSocketFactory()
                  .createSocket(api.getHost(), api.getPort())) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        StringBuilder head =
            new StringBuilder()
                .append(h.method())
                .append(' ')
                .append(h.path())
                .append(" HTTP/1.1\r\nhost: ")
                .append(api.getHost())
                .append("\r\n");
        if (h.contentType() != null) {
          head.append("content-type: ").append(h.contentType()).append("\r\n");
        }
        byte[] body = h.body() == null ? new byte[0] : h.body();
        if (h.streamed()) {
          head.append("transfer-encoding: chunked\r\n\r\n");
        } else {
          head.append("content-length: ").append(body.length).append("\r\n\r\n");
        }
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        try {
          if (h.streamed()) {
            for (int at = 0; at < body.length; at += 4096) {
              int n = Math.min(4096, body.length - at);
              out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(body, at, n);
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          } else {
            out.write(body);
          }
          out.flush();
        } catch (IOException answeredEarly) {
          // the hub may answer and close before the whole body is written: read its answer
        }
        return read(socket.getInputStream());
      }
    }

    private static Answer read(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed before an answer: " + head);
        }
        head.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      int length = 0;
      boolean chunked = false;
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      if (chunked) {
        return new Answer(status, "(chunked)");
      }
      return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
  }
}
