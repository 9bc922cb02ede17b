package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.endorsement.LedgerTransaction;
import java.util.Objects;
import java.util.Optional;

/**
 * An anchor as evidence cites it: the anchored batch, where the ledger holds it, and, for the
 * PostgreSQL ledger, the hub-signed log entry that recorded it.
 *
 * @param attestation the signed {@code AnchorBatch} entry of the PostgreSQL ledger; empty for
 *     Fabric
 * @param transaction Fabric's committed {@code AnchorBatch} transaction with its endorsements;
 *     empty for the PostgreSQL ledger
 */
public record AnchoredBatch(
    Anchor anchor,
    LedgerRef ref,
    Optional<AnchorAttestation> attestation,
    Optional<LedgerTransaction> transaction) {
  public AnchoredBatch {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(transaction, "transaction");
  }

  /** An anchor without an endorsed transaction (the PostgreSQL ledger's). */
  public AnchoredBatch(Anchor anchor, LedgerRef ref, Optional<AnchorAttestation> attestation) {
    this(anchor, ref, attestation, Optional.empty());
  }
}
