package io.shiftproof.gateway.audit;

import java.util.Optional;

/**
 * Verifies the ledger's own history where the hub can (the embedded ledger's hash chain and
 * signatures); a Fabric network checks its own blocks and has nothing to check here.
 */
public interface LedgerChainCheck {
  /** The number of entries checked and the first broken one, described. */
  Result check();

  /** The outcome of one check. */
  record Result(long entriesChecked, Optional<String> firstBroken) {}
}
