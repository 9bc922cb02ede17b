package io.shiftproof.ledger.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the PostgreSQL ledger gets a connection for one transaction; {@code
 * dataSource::getConnection} fits. The ledger closes every connection it takes.
 */
@FunctionalInterface
public interface ConnectionSource {
  /** A new (or pooled) connection to the database holding the ledger's tables. */
  Connection connect() throws SQLException;
}
