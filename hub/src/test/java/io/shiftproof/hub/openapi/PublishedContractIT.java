package io.shiftproof.hub.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shiftproof.gateway.api.ApiDescription;
import io.shiftproof.gateway.api.DeclaredRoute;
import io.shiftproof.gateway.tokens.PostgresWorkerTokens;
import io.shiftproof.hub.Batches;
import io.shiftproof.hub.TestTls;
import io.shiftproof.hub.WithRunningHub;
import io.shiftproof.hub.openapi.ApiContract.Exchange;
import io.shiftproof.hub.openapi.ApiContract.Operation;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchSignature;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the hub publishes to those who integrate and operate it, checked against one running hub
 * with real Kafka and PostgreSQL: the OpenAPI description (every declared route described with its
 * roles, every answer to good and bad requests as described, every operation exercised) and the
 * metrics the dashboard and the alert rules use (each exported once traffic has passed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishedContractIT extends WithRunningHub {
  private static final ApiContract CONTRACT = ApiContract.of(ApiDescription.read());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WORKER = Batches.workerRef(1);
  private static final String DAY = "2026-11-28";
  private static final String INCIDENT = "2026-11-28T14:32:00+08:00";

  /** Operations the requests below reached, for the check that none was left out. */
  private static final Set<String> exercised = new TreeSet<>();

  private static final List<String> problems = new ArrayList<>();
  private static HttpClient anonymous;

  @Test
  @Order(1)
  void everyDeclaredRouteIsDescribedWithItsCallers() {
    Map<String, DeclaredRoute> declared = new LinkedHashMap<>();
    for (DeclaredRoute route : hub.hub().apiRoutes()) {
      declared.put(route.method().name().toLowerCase() + " " + route.openApiPath(), route);
    }
    hub.hub().managementPaths().forEach(path -> declared.put("get " + path, null));
    Set<String> described =
        CONTRACT.operations().stream()
            .map(o -> o.method() + " " + o.template())
            .collect(Collectors.toCollection(LinkedHashSet::new));

    assertThat(described)
        .as("operations the router has and the description has not, or the other way round")
        .containsExactlyInAnyOrderElementsOf(declared.keySet());
    for (Operation operation : CONTRACT.operations()) {
      DeclaredRoute route = declared.get(operation.method() + " " + operation.template());
      if (route == null) {
        continue; // the management port: no authentication
      }
      JsonNode node = CONTRACT.operationNode(operation);
      Set<String> roles = new TreeSet<>();
      node.path("x-shiftproof-roles").forEach(role -> roles.add(role.asText()));
      assertThat(roles)
          .as("roles of %s", operation)
          .isEqualTo(route.roles().stream().map(Role::ou).collect(Collectors.toSet()));
      assertThat(node.path("security").get(0).has("workerToken"))
          .as("%s is a workers' route", operation)
          .isEqualTo(route.bearer());
    }
  }

  @Test
  @Order(2)
  void theServedDescriptionIsTheKeptOne() throws Exception {
    HttpResponse<String> served = call("platform-1", "GET", "/v1/openapi.json", null, 200);
    assertThat(JSON.readTree(served.body())).isEqualTo(JSON.readTree(ApiDescription.read()));
  }

  @Test
  @Order(3)
  void everyAnswerToGoodAndBadRequestsIsDescribed() throws Exception {
    ingest();
    pseudonyms();
    queries();
    claims();
    workers();
    aggregatesAndAudit();
    refusalsBeforeAnyRoute();
    management();

    assertThat(problems).as("exchanges that differ from the description").isEmpty();
    assertThat(exercised)
        .as("every operation is exercised")
        .containsExactlyInAnyOrderElementsOf(
            CONTRACT.operations().stream().map(Operation::toString).toList());
  }

  @Test
  @Order(4)
  void everyMetricOfTheDashboardAndTheAlertsIsExported() throws Exception {
    // Traffic first, so labelled series exist: accepted, duplicate and rejected events, an
    // audit, and requests that the latency histogram records.
    String batch = Batches.validBatch("b-metrics", "metrics", 2);
    call("platform-2", "POST", "/v1/events", batch, 200);
    call("platform-2", "POST", "/v1/events", batch, 200);
    call("platform-2", "POST", "/v1/events", "{", 400);
    call("admin", "GET", "/v1/audit", null, 200);

    Path docker = repositoryRoot().resolve("docker");
    Set<String> used = new TreeSet<>();
    JsonNode dashboard =
        JSON.readTree(docker.resolve("grafana/dashboards/shiftproof-hub.json").toFile());
    dashboard.findValues("expr").forEach(expr -> used.addAll(metricNames(expr.asText())));
    JsonNode rules = new YAMLMapper().readTree(docker.resolve("prometheus/alerts.yml").toFile());
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        used.addAll(metricNames(rule.path("expr").asText()));
      }
    }
    assertThat(used).as("metrics the dashboard and the rules use").hasSizeGreaterThan(10);

    HttpResponse<String> scrape = hub.management("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    Set<String> exported = new TreeSet<>();
    for (String line : scrape.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        exported.add(line.split("[{ ]", 2)[0]);
      }
    }
    assertThat(exported).as("series the hub exports").containsAll(used);
    assertThat(scrape.body())
        .contains("shiftproof_audit_findings 0.0")
        .contains("shiftproof_ingest_rejected_total{code=\"MALFORMED_JSON\"}");
  }

  // --- the requests -------------------------------------------------------------------------

  private void ingest() throws Exception {
    String good = Batches.validBatch("b-contract", "contract", 2);
    call("platform-1", "POST", "/v1/events", good, 200);
    call("platform-1", "POST", "/v1/events", good, 200); // a resend: duplicates
    String mixed =
        Batches.batch(
            "b-mixed",
            List.of(
                Batches.online("mixed-0", 3),
                "{\"eventId\":\"mixed-1\",\"workerRef\":\"13800138000\",\"sessionId\":\"s\","
                    + "\"type\":\"ONLINE\",\"occurredAt\":\""
                    + Batches.minutesAgo(5)
                    + "\"}"));
    call("platform-1", "POST", "/v1/events", mixed, 200);
    String allBad =
        Batches.batch(
            "b-bad",
            List.of(
                "{\"eventId\":\"bad-0\",\"workerRef\":\"wr_x\",\"sessionId\":\"s\","
                    + "\"type\":\"ONLINE\",\"occurredAt\":\""
                    + Batches.minutesAgo(5)
                    + "\"}"));
    call("platform-1", "POST", "/v1/events", allBad, 422);
    call("platform-1", "POST", "/v1/events", "{\"batchId\":", 400);
    call("platform-1", "POST", "/v1/events", "{\"batchId\":\"b-e\",\"events\":[]}", 400);
    exchange(
        "platform-1",
        "POST",
        "/v1/events",
        Map.of("content-type", "application/json"),
        good,
        400); // unsigned
    exchange(
        "platform-1",
        "POST",
        "/v1/events",
        Map.of("content-type", "application/json", BatchSignature.HEADER, "MEUCIQ"),
        good,
        400); // a signature that is not the platform's
    exchange(
        "platform-1", "POST", "/v1/events", signed("platform-1", "text/plain", good), good, 415);
    call("insurer-1", "POST", "/v1/events", good, 403);
  }

  private void pseudonyms() throws Exception {
    call("regulator", "GET", "/v1/pseudonyms/key", null, 200);
    call("platform-1", "POST", "/v1/pseudonyms/evaluate", "{\"blindedElements\":[\"AAAA\"]}", 400);
    call("platform-1", "POST", "/v1/pseudonyms/regulator/evaluate", "", 400);
    call("insurer-1", "POST", "/v1/pseudonyms/evaluate", "{\"blindedElements\":[]}", 403);
  }

  private void queries() throws Exception {
    call("admin", "GET", "/v1/workers/" + WORKER + "/days/" + DAY, null, 404);
    call("admin", "GET", "/v1/workers/13800138000/days/" + DAY, null, 400);
    call("admin", "GET", "/v1/workers/" + WORKER + "/days/28-11-2026", null, 400);
    call("platform-1", "GET", "/v1/workers/" + WORKER + "/days/" + DAY, null, 403);
    call("insurer-1", "GET", "/v1/workers/" + WORKER + "/days/" + DAY, null, 403);
    call("admin", "GET", "/v1/workers/" + WORKER + "/status?at=" + encode(INCIDENT), null, -1);
    call("admin", "GET", "/v1/workers/" + WORKER + "/status?at=yesterday", null, 400);
    call("admin", "GET", "/v1/late-events?limit=10", null, 200);
    call("admin", "GET", "/v1/late-events?limit=0", null, 400);
    call(
        "admin",
        "POST",
        "/v1/evidence",
        "{\"workerRef\":\"" + WORKER + "\",\"incidentAt\":\"" + INCIDENT + "\"}",
        -1);
    call("admin", "POST", "/v1/evidence", "{\"workerRef\":\"" + WORKER + "\"}", 400);
    call("admin", "GET", "/v1/access-log", null, 200);
  }

  private void claims() throws Exception {
    call("insurer-1", "GET", "/v1/policies", null, 200);
    String policy =
        "{\"policyId\":\"contract-p1\",\"platform\":\"platform-1\","
            + "\"validFrom\":\"2026-01-01T00:00:00+08:00\","
            + "\"validTo\":\"2027-01-01T00:00:00+08:00\",\"premiumPerOrderFen\":7}";
    call("insurer-1", "POST", "/v1/policies", policy, 200);
    call("insurer-1", "POST", "/v1/policies", policy, 409);
    call("insurer-1", "POST", "/v1/policies", "{\"policyId\":\"p\"}", 400);
    call("platform-1", "POST", "/v1/policies/contract-p1/accept", null, 200);
    call("platform-1", "POST", "/v1/policies/no-such-policy/accept", null, 404);
    String report =
        "{\"reference\":\"r-contract\",\"workerRef\":\""
            + WORKER
            + "\",\"incidentAt\":\""
            + INCIDENT
            + "\",\"category\":\"traffic\"}";
    call("platform-1", "POST", "/v1/claims", report, -1);
    call("platform-1", "POST", "/v1/claims", "{\"reference\":\"r\",\"category\":\"x\"}", 400);
    call("insurer-1", "GET", "/v1/claims", null, 200);
    call("insurer-1", "GET", "/v1/claims/no-such-claim", null, 404);
    call("insurer-1", "GET", "/v1/claims/no-such-claim/evidence", null, 404);
    call("insurer-1", "POST", "/v1/claims/no-such-claim/evidence", null, 404);
    String decision =
        "{\"decision\":\"APPROVED\",\"evidenceHash\":\"00\",\"ruleVersion\":\"cn-pilot-2022\","
            + "\"reasons\":[],\"signedAt\":\""
            + INCIDENT
            + "\",\"signature\":\"MEUC\"}";
    call("insurer-1", "POST", "/v1/claims/no-such-claim/decision", decision, -1);
    call("insurer-1", "POST", "/v1/claims/no-such-claim/decision", "{}", 400);
    call(
        "insurer-1",
        "POST",
        "/v1/claims/no-such-claim/payment",
        "{\"paymentRef\":\"pay-1\",\"amountFen\":100}",
        -1);
    call("platform-1", "POST", "/v1/claims/no-such-claim/payment", "{}", 403);
  }

  private void workers() throws Exception {
    // platform-3 never sent the worker's events; platform-1 did, and its signed events say so.
    call("platform-3", "POST", "/v1/worker-tokens", "{\"workerRef\":\"" + WORKER + "\"}", 403);
    call("platform-1", "POST", "/v1/worker-tokens", "{\"workerRef\":\"wr_x\"}", 400);
    String token =
        new ObjectMapper()
            .readTree(
                call(
                        "platform-1",
                        "POST",
                        "/v1/worker-tokens",
                        "{\"workerRef\":\"" + WORKER + "\"}",
                        200)
                    .body())
            .path("workerToken")
            .asText();
    worker(token, "GET", "/v1/me/days/" + DAY, null, 404);
    worker(token, "GET", "/v1/me/days/yesterday", null, 400);
    worker(token, "GET", "/v1/me/claims", null, 200);
    worker(token, "GET", "/v1/me/claims/no-such-claim", null, 404);
    worker(token, "GET", "/v1/me/claims/no-such-claim/evidence", null, 404);
    worker(token, "POST", "/v1/me/evidence", "{\"incidentAt\":\"" + INCIDENT + "\"}", -1);
    worker(token, "POST", "/v1/me/evidence", "{\"incidentAt\":\"noon\"}", 400);
    worker(token, "GET", "/v1/me/access-log", null, 200);
    worker("wt_" + "A".repeat(43), "GET", "/v1/me/claims", null, 401);
    worker(token, "POST", "/v1/me/token/revoke", null, 200);
    worker(token, "GET", "/v1/me/claims", null, 401);
    String another = tokens().issue(WORKER, "platform-1", Optional.empty());
    call(
        "platform-1",
        "POST",
        "/v1/worker-tokens/revoke",
        "{\"workerToken\":\"" + another + "\"}",
        200);
    call("platform-1", "POST", "/v1/worker-tokens/revoke", "{\"workerToken\":\"x\"}", 401);
  }

  private void aggregatesAndAudit() throws Exception {
    call("regulator", "GET", "/v1/stats/working-time?from=2026-11-01&to=2026-11-28", null, 200);
    call("regulator", "GET", "/v1/stats/claims?from=2026-11-01&to=2026-11-28", null, 200);
    call("regulator", "GET", "/v1/stats/claims?from=2026-11-28&to=2026-01-01", null, 400);
    call("platform-1", "GET", "/v1/stats/working-time?from=2026-11-01&to=2026-11-02", null, 403);
    call("admin", "GET", "/v1/audit", null, 200);
    HttpResponse<String> head = call("insurer-1", "GET", "/v1/ledger/head", null, 200);
    call("admin", "POST", "/v1/audit", head.body(), 200);
    call("admin", "POST", "/v1/audit", "{\"format\":\"no head\"}", 400);
    call("platform-1", "GET", "/v1/audit", null, 403);
  }

  private void refusalsBeforeAnyRoute() throws Exception {
    send(anonymous(), "GET", "/v1/claims", Map.of(), null, 401);
    call("admin", "GET", "/v1/no-such-route", null, 404);
    call("admin", "DELETE", "/v1/claims", null, 405);
  }

  private void management() throws Exception {
    for (String path : hub.hub().managementPaths()) {
      HttpResponse<String> response = hub.management(path);
      record("GET", path, Map.of(), null, response);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
  }

  // --- sending and checking -----------------------------------------------------------------

  /**
   * An organisation's request; a JSON body to {@code /v1/events} is signed. {@code expected} is the
   * status the request must get, or -1 where either a 2xx or a 4xx is right (it depends on records
   * the job has not made here); either way the answer must be as described.
   */
  private static HttpResponse<String> call(
      String organisation, String method, String path, String body, int expected) throws Exception {
    Map<String, String> headers =
        body == null
            ? Map.of()
            : path.equals("/v1/events")
                ? signed(organisation, "application/json", body)
                : Map.of("content-type", "application/json");
    return exchange(organisation, method, path, headers, body, expected);
  }

  private static HttpResponse<String> exchange(
      String organisation,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int expected)
      throws Exception {
    return send(hub.client(organisation), method, path, headers, body, expected);
  }

  private static void worker(String token, String method, String path, String body, int expected)
      throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", "Bearer " + token);
    if (body != null) {
      headers.put("content-type", "application/json");
    }
    send(anonymous(), method, path, headers, body, expected);
  }

  /** A client that trusts the hub's CA and has no certificate: a worker's, or an intruder's. */
  private static HttpClient anonymous() throws Exception {
    if (anonymous == null) {
      SSLContext trustOnly =
          TestTls.context(
              null, TlsContexts.loadCertificate(hub.hub().credentialsDir().resolve("ca.pem")));
      anonymous = HttpClient.newBuilder().sslContext(trustOnly).build();
    }
    return anonymous;
  }

  private static HttpResponse<String> send(
      HttpClient client,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int expected)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    record(method, path, headers, body, response);
    if (expected > 0) {
      assertThat(response.statusCode())
          .as("%s %s: %s", method, path, response.body())
          .isEqualTo(expected);
    } else {
      assertThat(response.statusCode())
          .as("%s %s: %s", method, path, response.body())
          .isBetween(200, 499);
    }
    return response;
  }

  private static void record(
      String method,
      String path,
      Map<String, String> headers,
      String body,
      HttpResponse<String> r) {
    Exchange exchange =
        new Exchange(
            method,
            path,
            headers,
            Optional.ofNullable(body),
            r.statusCode(),
            r.headers().firstValue("content-type").orElse(""),
            r.body());
    problems.addAll(CONTRACT.check(exchange));
    CONTRACT
        .operationFor(method, path.split("\\?", 2)[0])
        .ifPresent(operation -> exercised.add(operation.toString()));
  }

  private static Map<String, String> signed(String platform, String type, String body) {
    return Map.of(
        "content-type",
        type,
        BatchSignature.HEADER,
        BatchSignature.sign(hub.privateKey(platform), body.getBytes(StandardCharsets.UTF_8)));
  }

  private static PostgresWorkerTokens tokens() {
    var postgres = hub.hub().postgres();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(postgres.url().orElseThrow());
    dataSource.setUser(postgres.user());
    dataSource.setPassword(postgres.password());
    return new PostgresWorkerTokens(dataSource, Clock.systemUTC());
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Metric names in a PromQL expression: identifiers of the hub's own namespace. */
  static Set<String> metricNames(String expression) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\bshiftproof_[a-z0-9_]+\\b").matcher(expression);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("docker").resolve("grafana"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root, holding docker/grafana").isNotNull();
    return dir;
  }
}
