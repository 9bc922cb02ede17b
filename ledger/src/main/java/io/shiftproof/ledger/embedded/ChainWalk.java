package io.shiftproof.ledger.embedded;

import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.embedded.LedgerTables.Head;
import io.shiftproof.ledger.embedded.LedgerTables.StoredEntry;
import io.shiftproof.ledger.merkle.Hash;

/** The state of one {@link EmbeddedLedger#verifyChain} walk: the entry before, and what failed. */
final class ChainWalk {
  private final Verifier hubKey;
  private long checked;
  private long expectedSequence = 1;
  private Hash previousHash = LedgerEntry.GENESIS;
  private ChainVerification failure;

  ChainWalk(Verifier hubKey) {
    this.hubKey = hubKey;
  }

  /** Checks the next entry; returns whether to go on. */
  boolean check(StoredEntry stored) {
    LedgerEntry entry = stored.signed().entry();
    long sequence = entry.sequence();
    if (sequence != expectedSequence) {
      return fail(expectedSequence, "sequence: got " + sequence + ", want " + expectedSequence);
    }
    if (!entry.previousHash().equals(previousHash)) {
      return fail(
          sequence,
          "previousHash: got "
              + entry.previousHash().toHex()
              + ", want "
              + previousHash.toHex()
              + " (the hash of entry "
              + (sequence - 1)
              + ")");
    }
    byte[] signedBytes = entry.signedBytes();
    Hash recomputed = LedgerEntry.hashOf(signedBytes);
    if (!recomputed.equals(stored.storedHash())) {
      return fail(
          sequence,
          "entryHash: got "
              + stored.storedHash().toHex()
              + " stored, want "
              + recomputed.toHex()
              + " recomputed from the entry's content");
    }
    if (!hubKey.verify(signedBytes, stored.signed().signature())) {
      return fail(sequence, "signature: does not verify with the hub key");
    }
    checked++;
    expectedSequence = sequence + 1;
    previousHash = recomputed;
    return true;
  }

  /** The verdict, once every entry has been visited; the head must name the last entry. */
  ChainVerification result(Head head) {
    if (failure != null) {
      return failure;
    }
    long last = expectedSequence - 1;
    if (head.sequence() != last || !head.entryHash().equals(previousHash)) {
      // Entries dropped from the end leave a consistent chain; only the head row shows it.
      return ChainVerification.broken(
          checked,
          Math.max(head.sequence(), expectedSequence),
          "head: got sequence "
              + head.sequence()
              + " hash "
              + head.entryHash().toHex()
              + ", want sequence "
              + last
              + " hash "
              + previousHash.toHex()
              + " (the last entry)");
    }
    return ChainVerification.intact(checked);
  }

  private boolean fail(long sequence, String reason) {
    failure = ChainVerification.broken(checked, sequence, reason);
    return false;
  }
}
