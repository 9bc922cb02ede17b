package io.shiftproof.hub.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.api.ApiDescription;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.hub.openapi.ApiContract.Exchange;
import io.shiftproof.hub.openapi.ApiContract.Operation;
import io.shiftproof.ledger.contract.ClaimStatus;
import io.shiftproof.ledger.contract.PolicyStatus;
import io.shiftproof.schemas.wire.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract itself, without a hub: it holds answers to the description and refuses what the
 * description does not say, so the drift test against a running hub can fail.
 */
class ApiContractTest {
  private static final ApiContract CONTRACT = ApiContract.of(ApiDescription.read());
  private static final String BATCH =
      """
      {"batchId": "b-1", "events": [{"eventId": "e-1",
        "workerRef": "wr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "sessionId": "s-1",
        "type": "ONLINE", "occurredAt": "2026-11-28T14:02:11.250+08:00"}]}
      """;

  @Test
  void everyStableErrorCodeIsDescribed() {
    assertThat(CONTRACT.errorCodes())
        .containsAll(Arrays.stream(HttpErrorCode.values()).map(Enum::name).toList())
        .containsAll(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
  }

  /**
   * Each feature package of the gateway and the paths of the routes its codes reach. A code a
   * package's source names must be listed by at least one of those routes: a code added to a
   * feature and not described fails here, before any hub runs.
   */
  private static final Map<String, List<String>> FEATURES =
      Map.of(
          "ingest", List.of("/v1/events"),
          "pseudonyms", List.of("/v1/pseudonyms"),
          "query", List.of("/v1/workers", "/v1/late-events"),
          "evidence", List.of("/v1/evidence"),
          "claims", List.of("/v1/policies", "/v1/claims"),
          "access", List.of("/v1/access-log", "/v1/workers", "/v1/evidence", "/v1/claims"),
          "workers", List.of("/v1/me", "/v1/worker-tokens"),
          "stats", List.of("/v1/stats"),
          "audit", List.of("/v1/audit", "/v1/ledger"));

  private static final Pattern CODE = Pattern.compile("\\b(?:Http)?ErrorCode\\.([A-Z_]+)");

  @Test
  void everyFeaturePackageIsMapped() throws IOException {
    Set<String> withRoutes = new TreeSet<>();
    try (Stream<Path> files = Files.walk(gatewaySources())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (Files.readString(file).contains("implements ApiRoutes")) {
          withRoutes.add(file.getParent().getFileName().toString());
        }
      }
    }
    // The api package serves only the description; its codes are the shared refusals, which
    // everyStableErrorCodeIsDescribed covers.
    withRoutes.remove("api");
    assertThat(FEATURES.keySet()).containsAll(withRoutes);
  }

  @Test
  void everyCodeAFeatureUsesIsListedByOneOfItsRoutes() throws IOException {
    Path sources = gatewaySources();
    for (Map.Entry<String, List<String>> feature : FEATURES.entrySet()) {
      Set<String> used = new TreeSet<>();
      try (Stream<Path> files = Files.list(sources.resolve(feature.getKey()))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = CODE.matcher(Files.readString(file));
          while (m.find()) {
            used.add(m.group(1));
          }
        }
      }
      Set<String> listed = new TreeSet<>();
      for (Operation operation : CONTRACT.operations()) {
        if (feature.getValue().stream().anyMatch(operation.template()::startsWith)) {
          listed.addAll(CONTRACT.errorCodes(operation));
        }
      }
      assertThat(used).as("codes of the %s feature", feature.getKey()).isNotEmpty();
      assertThat(listed)
          .as("codes the %s routes list (%s)", feature.getKey(), feature.getValue())
          .containsAll(used);
    }
  }

  @Test
  void theDescribedStatesAreTheLedgerContractsStates() {
    assertThat(enumValues("Claim", "status"))
        .containsExactlyInAnyOrderElementsOf(names(ClaimStatus.values()));
    assertThat(enumValues("Policy", "status"))
        .containsExactlyInAnyOrderElementsOf(names(PolicyStatus.values()));
  }

  @Test
  void aDescribedAnswerPasses() {
    assertThat(CONTRACT.check(claims(404, error("CLAIM_NOT_FOUND")))).isEmpty();
  }

  @Test
  void aCodeTheRouteDoesNotListFails() {
    // A real code, but not one GET /v1/claims/{claimId} gives with 404.
    assertThat(CONTRACT.check(claims(404, error("DAY_NOT_FOUND"))))
        .singleElement()
        .asString()
        .contains("GET /v1/claims/c-1 -> 404");
  }

  @Test
  void aStatusTheRouteDoesNotListFails() {
    assertThat(CONTRACT.check(claims(422, error("CLAIM_NOT_FOUND"))))
        .singleElement()
        .asString()
        .contains("status 422 is not described");
  }

  @Test
  void anAnswerMissingARequiredFieldFails() {
    Exchange ingest =
        new Exchange(
            "POST",
            "/v1/events",
            Map.of("content-type", "application/json", "Shiftproof-Batch-Signature", "MEUC"),
            Optional.of(BATCH),
            200,
            "application/json",
            "{\"batchId\":\"b-1\",\"accepted\":1,\"rejected\":[]}");
    assertThat(CONTRACT.check(ingest)).singleElement().asString().contains("duplicates");
  }

  @Test
  void aDescribedExchangePasses() {
    Exchange ingest =
        new Exchange(
            "POST",
            "/v1/events",
            Map.of("content-type", "application/json", "Shiftproof-Batch-Signature", "MEUC"),
            Optional.of(BATCH),
            200,
            "application/json",
            "{\"batchId\":\"b-1\",\"accepted\":1,\"duplicates\":0,\"rejected\":[]}");
    assertThat(CONTRACT.check(ingest)).isEmpty();
  }

  @Test
  void aRequestBodyOutsideTheSchemaFails() {
    Exchange ingest =
        new Exchange(
            "POST",
            "/v1/events",
            Map.of("content-type", "application/json", "Shiftproof-Batch-Signature", "MEUC"),
            Optional.of(
                "{\"batchId\":\"b-1\",\"events\":[{\"eventId\":\"e\"}],\"platform\":\"x\"}"),
            200,
            "application/json",
            "{\"batchId\":\"b-1\",\"accepted\":1,\"duplicates\":0,\"rejected\":[]}");
    assertThat(CONTRACT.check(ingest)).isNotEmpty().allMatch(p -> p.contains("(request)"));
  }

  @Test
  void anAnswerFromNoOperationFails() {
    Exchange unknown =
        new Exchange(
            "GET", "/v1/secrets", Map.of(), Optional.empty(), 200, "application/json", "{}");
    assertThat(CONTRACT.check(unknown)).singleElement().asString().contains("no such operation");
  }

  private static Path gatewaySources() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("gateway/src/main/java"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root, holding the gateway's sources").isNotNull();
    return dir.resolve("gateway/src/main/java/io/shiftproof/gateway");
  }

  private static List<String> enumValues(String schema, String property) {
    List<String> values = new ArrayList<>();
    CONTRACT
        .schema(schema)
        .path("properties")
        .path(property)
        .path("enum")
        .forEach(value -> values.add(value.asText()));
    return values;
  }

  private static List<String> names(Enum<?>[] constants) {
    return Arrays.stream(constants).map(Enum::name).toList();
  }

  private static Exchange claims(int status, String body) {
    return new Exchange(
        "GET", "/v1/claims/c-1", Map.of(), Optional.empty(), status, "application/json", body);
  }

  private static String error(String code) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\"}}";
  }
}
