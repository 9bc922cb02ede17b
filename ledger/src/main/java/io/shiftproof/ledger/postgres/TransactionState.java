package io.shiftproof.ledger.postgres;

import io.shiftproof.ledger.contract.StateStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The world state as one PostgreSQL-ledger transaction sees it: reads go to {@code ledger_state}
 * inside the transaction, writes are buffered (and read back) until the entry is appended, so that
 * a refused transaction leaves the table untouched without relying on the rollback alone.
 */
final class TransactionState implements StateStore {
  /** A database failure while the contract was reading state; unwrapped by the ledger. */
  static final class ReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private final Connection connection;
  private final boolean writable;
  private final Map<String, byte[]> writes = new LinkedHashMap<>();

  private TransactionState(Connection connection, boolean writable) {
    this.connection = connection;
    this.writable = writable;
  }

  /** State for a SUBMIT transaction. */
  static TransactionState forSubmit(Connection connection) {
    return new TransactionState(connection, true);
  }

  /** State for an EVALUATE transaction, which must not write. */
  static TransactionState forEvaluate(Connection connection) {
    return new TransactionState(connection, false);
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] written = writes.get(key);
    if (written != null) {
      return Optional.of(written.clone());
    }
    try {
      return LedgerTables.state(connection, key);
    } catch (SQLException e) {
      throw new ReadFailure(e);
    }
  }

  @Override
  public void put(String key, byte[] value) {
    if (!writable) {
      throw new IllegalStateException("an EVALUATE transaction wrote " + key);
    }
    writes.put(key, value.clone());
  }

  /** The buffered writes in the order they were made. */
  Map<String, byte[]> writes() {
    return Collections.unmodifiableMap(writes);
  }
}
