package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.endorsement.LedgerTransaction;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An evidence request as the ledger's access log committed it: the bundle built for it states the
 * request, cites this entry and takes {@code generatedAt} from {@link #loggedAt()}.
 *
 * @param access who asked, for which claim
 * @param ref where the {@code LogAccess} transaction was committed
 * @param loggedAt the transaction's timestamp, the ledger's clock
 * @param attestation the signed log entry of the PostgreSQL ledger; empty for Fabric, where a
 *     reader checks the endorsed transaction instead
 * @param transaction Fabric's committed {@code LogAccess} transaction with its endorsements; empty
 *     for the PostgreSQL ledger
 */
public record LoggedAccess(
    EvidenceAccess access,
    LedgerRef ref,
    Instant loggedAt,
    Optional<AnchorAttestation> attestation,
    Optional<LedgerTransaction> transaction) {
  /** An access-log entry without an endorsed transaction (the PostgreSQL ledger's). */
  public LoggedAccess(
      EvidenceAccess access,
      LedgerRef ref,
      Instant loggedAt,
      Optional<AnchorAttestation> attestation) {
    this(access, ref, loggedAt, attestation, Optional.empty());
  }

  public LoggedAccess {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(loggedAt, "loggedAt");
    Objects.requireNonNull(attestation, "attestation");
  }
}
