package io.shiftproof.ledger.endorsement;

import java.util.Objects;

/**
 * A committed transaction as the ledger's peers hold it, in the ledger's own bytes, for an evidence
 * bundle to carry so that a reader checks its endorsements offline.
 *
 * @param type the format of {@code bytes}, the {@link EndorsedTransactionReader#type()} that reads
 *     it ({@code fabric-processed-transaction})
 */
public record LedgerTransaction(String type, byte[] bytes) {
  public LedgerTransaction {
    Objects.requireNonNull(type, "type");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
