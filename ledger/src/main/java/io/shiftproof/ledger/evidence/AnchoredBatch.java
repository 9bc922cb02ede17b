package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import java.util.Objects;
import java.util.Optional;

/**
 * An anchor as evidence cites it: the anchored batch, where the ledger holds it, and, for the
 * PostgreSQL ledger, the hub-signed log entry that recorded it.
 *
 * @param attestation the signed {@code AnchorBatch} entry of the PostgreSQL ledger; empty for
 *     Fabric, where a reader looks the transaction up on the channel instead
 */
public record AnchoredBatch(Anchor anchor, LedgerRef ref, Optional<AnchorAttestation> attestation) {
  public AnchoredBatch {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(attestation, "attestation");
  }
}
