package io.shiftproof.ledger;

import java.io.Serializable;

/**
 * Where a ledger is and how to reach it, in a form that travels with a Flink job graph to the task
 * managers that anchor batches; {@link #connect()} is called there.
 */
public interface LedgerEndpoint extends Serializable {
  /** A new connection to the ledger; the caller closes it. */
  Ledger connect();
}
