package io.shiftproof.gateway.audit;

import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.SignedLedgerHead;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * An {@link Auditor} whose every finished run is published as the last audit's result, so an
 * operator's alert fires on the first finding of a scheduled {@code ./shiftproof audit}.
 */
public final class MeasuredAuditor implements Auditor {
  private final Auditor auditor;
  private final GatewayMetrics metrics;
  private final Clock clock;

  public MeasuredAuditor(Auditor auditor, GatewayMetrics metrics, Clock clock) {
    this.auditor = auditor;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public AuditReport run(Optional<SignedLedgerHead> keptHead) throws SQLException {
    AuditReport report = auditor.run(keptHead);
    metrics.audited(report.findings().size() + report.findingsOmitted(), clock);
    return report;
  }
}
