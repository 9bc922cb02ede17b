package io.shiftproof.ledger;

import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.Claim;
import java.util.Optional;

/** The read-only side of a {@link Ledger} (the contract's EVALUATE transactions). */
public interface LedgerReader {
  /** {@link LedgerRef#EMBEDDED} or {@link LedgerRef#FABRIC}. */
  String kind();

  /** {@code GetAnchor}: the anchored batch with this id. */
  Optional<Anchor> anchor(String batchId);

  /** The newest anchored batch of a chain, which the next batch names as its previous. */
  Optional<Anchor> head(String chain);

  /** {@code GetClaim}: the claim with this id, as of its latest transaction. */
  Optional<Claim> claim(String claimId);
}
