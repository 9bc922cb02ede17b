package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged access as the ledger holds it.
 *
 * @param access what was read, by whom and why
 * @param txId the transaction that logged it
 * @param loggedAt that transaction's timestamp
 */
public record AccessLogEntry(AccessRecord access, String txId, Instant loggedAt) {
  public AccessLogEntry {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(loggedAt, "loggedAt");
  }
}
