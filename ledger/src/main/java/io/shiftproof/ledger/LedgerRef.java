package io.shiftproof.ledger;

import io.shiftproof.ledger.contract.AnchorJson;
import java.util.Objects;

/**
 * Where a ledger transaction was committed, as an outside party would look it up.
 *
 * @param kind {@code embedded} (the PostgreSQL ledger) or {@code fabric}
 * @param channel the Fabric channel; {@code embedded} for the PostgreSQL ledger
 * @param contract the chaincode / contract name
 * @param txId the transaction id
 * @param position the block number on Fabric, the entry's sequence number in the PostgreSQL log
 */
public record LedgerRef(String kind, String channel, String contract, String txId, long position)
    implements AnchorJson.LedgerBlock {
  /**
   * The kind of the hub's hash-chained log in PostgreSQL. Anchors and evidence bundles carry it, so
   * it keeps the name it was published under although the backend is now called {@code postgres}.
   */
  public static final String EMBEDDED = "embedded";

  public static final String FABRIC = "fabric";

  public LedgerRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(txId, "txId");
  }
}
