package io.shiftproof.ledger.embedded;

import java.util.Objects;

/**
 * A {@link LedgerEntry} with the hub's signature over its {@link LedgerEntry#signedBytes()} (ECDSA
 * P-256, SHA-256, DER), as the evidence bundle carries it for offline checking.
 */
public record SignedLedgerEntry(LedgerEntry entry, byte[] signature) {
  public SignedLedgerEntry {
    Objects.requireNonNull(entry, "entry");
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
