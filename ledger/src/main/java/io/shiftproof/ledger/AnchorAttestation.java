package io.shiftproof.ledger;

import java.util.Objects;

/**
 * A ledger's own record that it committed an anchor, which a reader checks offline with the hub's
 * certificate alone: the log entry of the {@code AnchorBatch} transaction and the hub's signature
 * (ECDSA P-256, SHA-256, DER) over its {@link LedgerEntry#signedBytes()} as a ledger entry ({@link
 * io.shiftproof.ledger.crypto.SignatureContext#LEDGER_ENTRY}). An evidence bundle carries it as its
 * anchor's {@code attestation}, and the access-log entry of its request the same way.
 */
public record AnchorAttestation(LedgerEntry entry, byte[] signature) {
  public AnchorAttestation {
    Objects.requireNonNull(entry, "entry");
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
