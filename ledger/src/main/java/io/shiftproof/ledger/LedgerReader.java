package io.shiftproof.ledger;

import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.Policy;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.endorsement.LedgerTransaction;
import io.shiftproof.ledger.merkle.Hash;
import java.util.List;
import java.util.Optional;

/**
 * The read-only side of a {@link Ledger}: the contract's EVALUATE transactions, and what evidence
 * and the audit read from the ledger itself.
 */
public interface LedgerReader {
  /** {@link LedgerRef#EMBEDDED} or {@link LedgerRef#FABRIC}. */
  String kind();

  /** {@code GetAnchor}: the anchored batch with this id. */
  Optional<Anchor> anchor(String batchId);

  /** The newest anchored batch of a chain, which the next batch names as its previous. */
  Optional<Anchor> head(String chain);

  /** {@code GetClaim}: the claim with this id, as of its latest transaction. */
  Optional<Claim> claim(String claimId);

  /**
   * The claim as of each transaction that changed it, oldest first, each with where it was
   * committed: the claim's status history.
   */
  List<Committed<Claim>> claimHistory(String claimId);

  /** {@code GetPolicy}: the policy with this id. */
  Optional<Policy> policy(String policyId);

  /** Every registered policy, by policy id. */
  List<Policy> policies();

  /**
   * The ledger's signed record of the transaction committed at {@code committedAt}, for an evidence
   * bundle to carry to readers who cannot reach the ledger. Empty when the ledger holds no such
   * transaction, and always for a ledger that outside parties look transactions up on themselves
   * (Fabric: a reader confirms the transaction on the channel).
   */
  Optional<AnchorAttestation> anchorAttestation(LedgerRef committedAt);

  /**
   * The committed transaction at {@code committedAt} in the ledger's own bytes, with the
   * endorsements that make it valid, for an evidence bundle to carry to readers who check them
   * against the organisations' root certificates. Empty for a ledger whose transactions no other
   * organisation endorses (the PostgreSQL ledger: see {@link #anchorAttestation}).
   */
  default Optional<LedgerTransaction> endorsedTransaction(LedgerRef committedAt) {
    return Optional.empty();
  }

  /**
   * Checks the ledger's own history where only the hub can: every entry of the PostgreSQL ledger's
   * log, in order, against the chain and {@code hubKey}. Empty for a ledger that checks its own
   * history (a Fabric network validates its blocks).
   *
   * @param hubKey the key the entries must verify with, taken from the hub's certificate rather
   *     than from whatever signs them, so that a swapped signing key shows
   */
  default Optional<ChainVerification> verifyChain(Verifier hubKey) {
    return verifyChain(hubKey, (entry, hash) -> {});
  }

  /**
   * {@link #verifyChain(Verifier)}, passing every entry that verified to {@code verified} in log
   * order with its recomputed hash, so that a reader (the audit) can take what the signed entries
   * say rather than what the world state holds. Entries after a break are never passed.
   */
  Optional<ChainVerification> verifyChain(Verifier hubKey, VerifiedEntries verified);

  /**
   * The newest entry of the log, signed by the hub for outsiders to keep (docs/design.md §6.6).
   * Empty for a ledger whose head outsiders read from the network itself (Fabric).
   *
   * @throws LedgerException {@code INTERNAL} when the head row and the newest entry disagree, which
   *     only a change behind the ledger's back does: the hub never signs such a head
   */
  Optional<SignedLedgerHead> signedHead();

  /** Receives the entries of a {@link #verifyChain} walk that verified, in log order. */
  @FunctionalInterface
  interface VerifiedEntries {
    void accept(LedgerEntry entry, Hash hash);
  }
}
