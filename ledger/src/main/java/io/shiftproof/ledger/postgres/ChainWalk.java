package io.shiftproof.ledger.postgres;

import io.shiftproof.ledger.ChainVerification;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerReader;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.postgres.LedgerTables.Head;
import io.shiftproof.ledger.postgres.LedgerTables.StoredEntry;

/**
 * The state of one {@link PostgresLedger#verifyChain} walk: the entry before, and what failed.
 * Whatever the database holds is reported as a break at a sequence, never thrown: the walk exists
 * to examine a log that may have been changed behind the application's back.
 */
final class ChainWalk {
  private final Verifier hubKey;
  private final LedgerReader.VerifiedEntries verified;
  private long checked;
  private long expectedSequence = 1;
  private Hash previousHash = LedgerEntry.GENESIS;
  private ChainVerification failure;

  ChainWalk(Verifier hubKey, LedgerReader.VerifiedEntries verified) {
    this.hubKey = hubKey;
    this.verified = verified;
  }

  /** Checks the next entry; returns whether to go on. */
  boolean check(StoredEntry stored) {
    long sequence = stored.sequence();
    if (sequence != expectedSequence) {
      return fail(expectedSequence, "sequence: got " + sequence + ", want " + expectedSequence);
    }
    if (stored.previousHash().length != Hash.LENGTH) {
      return fail(sequence, "previousHash: " + wrongLength(stored.previousHash()));
    }
    if (stored.storedHash().length != Hash.LENGTH) {
      return fail(sequence, "entryHash: " + wrongLength(stored.storedHash()));
    }
    LedgerEntry entry = stored.entry();
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
    byte[] signedBytes;
    try {
      signedBytes = entry.signedBytes();
    } catch (IllegalArgumentException e) {
      // The writer only stores payloads it could sign; one that cannot be canonicalised (not
      // JSON, a fraction, a duplicate member) was changed in the database.
      return fail(sequence, "payload: " + e.getMessage());
    }
    Hash recomputed = LedgerEntry.hashOf(signedBytes);
    Hash storedHash = Hash.of(stored.storedHash());
    if (!recomputed.equals(storedHash)) {
      return fail(
          sequence,
          "entryHash: got "
              + storedHash.toHex()
              + " stored, want "
              + recomputed.toHex()
              + " recomputed from the entry's content");
    }
    if (!hubKey.verify(SignatureContext.LEDGER_ENTRY, signedBytes, stored.signature())) {
      return fail(sequence, "signature: does not verify with the hub key");
    }
    checked++;
    verified.accept(entry, recomputed);
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
    // Reported at the first sequence past what the head and the log agree on: the first missing
    // entry when the head is ahead (entries dropped from the end), the first entry the head does
    // not cover when it is behind.
    long brokenAt = Math.min(head.sequence(), last) + 1;
    if (head.storedHash().length != Hash.LENGTH) {
      return ChainVerification.broken(
          checked, brokenAt, "head: hash " + wrongLength(head.storedHash()));
    }
    Hash headHash = Hash.of(head.storedHash());
    if (head.sequence() != last || !headHash.equals(previousHash)) {
      // Entries dropped from the end leave a consistent chain; only the head row shows it.
      return ChainVerification.broken(
          checked,
          brokenAt,
          "head: got sequence "
              + head.sequence()
              + " hash "
              + headHash.toHex()
              + ", want sequence "
              + last
              + " hash "
              + previousHash.toHex()
              + " (the last entry)");
    }
    return ChainVerification.intact(checked);
  }

  private static String wrongLength(byte[] stored) {
    return "got " + stored.length + " bytes, want " + Hash.LENGTH;
  }

  private boolean fail(long sequence, String reason) {
    failure = ChainVerification.broken(checked, sequence, reason);
    return false;
  }
}
