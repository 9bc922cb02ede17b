package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.LedgerRef;
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
 *     reader looks the transaction up on the channel
 */
public record LoggedAccess(
    EvidenceAccess access,
    LedgerRef ref,
    Instant loggedAt,
    Optional<AnchorAttestation> attestation) {
  public LoggedAccess {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(loggedAt, "loggedAt");
    Objects.requireNonNull(attestation, "attestation");
  }
}
