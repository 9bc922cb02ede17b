package io.shiftproof.gateway.audit;

import java.time.Duration;
import java.util.List;

/**
 * What one audit run checked and found. {@code findingsOmitted} counts findings past the report's
 * limit, so a badly damaged store still gives a readable report and an honest total.
 */
public record AuditReport(
    long batches,
    long records,
    long ledgerEntries,
    List<AuditFinding> findings,
    long findingsOmitted,
    Duration took) {
  public AuditReport {
    findings = List.copyOf(findings);
  }

  public boolean clean() {
    return findings.isEmpty();
  }
}
