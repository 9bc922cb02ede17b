package io.shiftproof.gateway.claims;

import io.shiftproof.ledger.contract.ClaimAssignment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What the hub tells a claim handler about a claim from its frozen evidence (docs/design.md §7.4):
 * the coverage decision of the bundle's rule set, the liable platforms' shares, the coverage gaps
 * and who the claim was assigned to. Under {@code cn-pilot-2022} several engaged platforms share
 * liability equally.
 */
public final class DecisionSupport {
  /** A liable platform with no policy in force at the incident. */
  public static final String COVERAGE_GAP = "COVERAGE_GAP";

  /** No insurer covers any platform the evidence names, so nobody can decide the claim yet. */
  public static final String NO_INSURER = "NO_INSURER";

  /** The evidence holds batches that the evidence frozen at the report did not. */
  public static final String CHANGED_AFTER_REPORT = "CHANGED_AFTER_REPORT";

  /**
   * The outcome or the liable platforms differ from what the evidence frozen at the report
   * supported: what a platform sent after the incident was reported changed the answer.
   */
  public static final String OUTCOME_CHANGED_AFTER_REPORT = "OUTCOME_CHANGED_AFTER_REPORT";

  private DecisionSupport() {}

  /**
   * The platforms a claim is assigned by: the liable ones when covered, the candidates when a
   * person must review, none otherwise.
   */
  public static List<String> platformsToAssign(JsonObject bundle) {
    JsonObject coverage = bundle.getJsonObject("coverage");
    return switch (coverage.getString("outcome")) {
      case "COVERED" -> strings(coverage.getJsonArray("liablePlatforms"));
      case "REVIEW" -> strings(coverage.getJsonArray("candidatePlatforms"));
      default -> List.of();
    };
  }

  /** The decision support of a frozen bundle once the ledger has assigned the claim. */
  public static JsonObject of(JsonObject bundle, ClaimAssignment assignment) {
    JsonObject coverage = bundle.getJsonObject("coverage");
    List<String> liable = strings(coverage.getJsonArray("liablePlatforms"));
    JsonArray shares = new JsonArray();
    for (String platform : liable) {
      shares.add(
          new JsonObject()
              .put("platform", platform)
              .put("numerator", 1)
              .put("denominator", liable.size()));
    }
    List<String> flags = new ArrayList<>(strings(coverage.getJsonArray("flags")));
    if (!assignment.coverageGaps().isEmpty()) {
      flags.add(COVERAGE_GAP);
    }
    if (assignment.insurers().isEmpty()) {
      flags.add(NO_INSURER);
    }
    return new JsonObject()
        .put("ruleSet", coverage.getString("ruleSet"))
        .put("outcome", coverage.getString("outcome"))
        .put("reason", coverage.getString("reason"))
        .put("incidentState", coverage.getString("incidentState"))
        .put("liablePlatforms", new JsonArray(liable))
        .put("candidatePlatforms", coverage.getJsonArray("candidatePlatforms").copy())
        .put("shares", shares)
        .put("coverageGaps", new JsonArray(assignment.coverageGaps()))
        .put("assignedInsurers", new JsonArray(assignment.insurers()))
        .put("flags", new JsonArray(flags))
        .put("basedOn", coverage.getJsonArray("basedOn").copy());
  }

  /**
   * The decision support of a later freeze, set beside what was known at the report: the batches
   * each platform sent since ({@code changedAfterReport}), the outcome at the report ({@code
   * atReport}), and a flag for each kind of change, so that a handler sees a late correction that
   * turns a claim before deciding on it.
   */
  public static JsonObject comparedWithReport(
      JsonObject support, String reportEvidenceHash, JsonObject atReport, JsonArray changes) {
    JsonObject compared = support.copy();
    JsonArray flags = compared.getJsonArray("flags");
    if (!changes.isEmpty()) {
      flags.add(CHANGED_AFTER_REPORT);
    }
    boolean turned =
        !atReport.getString("outcome").equals(support.getString("outcome"))
            || !atReport
                .getJsonArray("liablePlatforms")
                .equals(support.getJsonArray("liablePlatforms"));
    if (turned) {
      flags.add(OUTCOME_CHANGED_AFTER_REPORT);
    }
    return compared
        .put("changedAfterReport", changes.copy())
        .put(
            "atReport",
            new JsonObject()
                .put("evidenceHash", reportEvidenceHash)
                .put("outcome", atReport.getString("outcome"))
                .put("liablePlatforms", atReport.getJsonArray("liablePlatforms").copy()));
  }

  static List<String> strings(JsonArray array) {
    List<String> strings = new ArrayList<>();
    for (Object value : array) {
      strings.add((String) value);
    }
    return strings;
  }
}
