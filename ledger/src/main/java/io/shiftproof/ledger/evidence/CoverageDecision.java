package io.shiftproof.ledger.evidence;

import io.shiftproof.schemas.avro.WorkState;
import java.util.List;
import java.util.Objects;

/**
 * The decision of a coverage rule set for one incident.
 *
 * @param ruleSet the rule set's versioned name, e.g. {@code cn-pilot-2022}
 * @param liablePlatforms the platforms engaged at t, sorted; empty unless {@code COVERED}
 * @param candidatePlatforms the platforms that make the case a {@code REVIEW}, sorted; empty
 *     otherwise
 * @param incidentState the cross-platform state at t
 * @param basedOn the record versions whose segments the rules read, sorted
 */
public record CoverageDecision(
    String ruleSet,
    CoverageOutcome outcome,
    CoverageReason reason,
    List<String> liablePlatforms,
    List<String> candidatePlatforms,
    List<CoverageFlag> flags,
    WorkState incidentState,
    List<RecordVersion> basedOn) {
  public CoverageDecision {
    Objects.requireNonNull(ruleSet, "ruleSet");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    liablePlatforms = List.copyOf(liablePlatforms);
    candidatePlatforms = List.copyOf(candidatePlatforms);
    flags = List.copyOf(flags);
    Objects.requireNonNull(incidentState, "incidentState");
    basedOn = List.copyOf(basedOn);
  }
}
