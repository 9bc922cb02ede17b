package io.shiftproof.ledger.postgres;

import io.shiftproof.ledger.LedgerException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * What a failed database call means to the ledger's caller: {@code UNAVAILABLE} (retriable) when
 * the same call may succeed unchanged later, {@code INTERNAL} (not retriable) when the database
 * refused the call itself, e.g. a violated constraint or a missing table, which a retry would only
 * repeat.
 */
final class DatabaseFailure {
  static final String UNAVAILABLE = "UNAVAILABLE";
  static final String INTERNAL = "INTERNAL";

  /** SQLSTATE classes 08 (connection exception) and 40 (transaction rollback: serialization). */
  private static final Set<String> RETRIABLE_CLASSES = Set.of("08", "40");

  /** PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now: a restart under way. */
  private static final Set<String> RETRIABLE_STATES = Set.of("57P01", "57P02", "57P03");

  private DatabaseFailure() {}

  static LedgerException toLedgerException(SQLException e) {
    return retriable(e)
        ? new LedgerException(UNAVAILABLE, "the ledger database failed: " + e.getMessage(), true, e)
        : new LedgerException(
            INTERNAL, "the ledger database refused the call: " + e.getMessage(), false, e);
  }

  static boolean retriable(SQLException e) {
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    if (state == null) {
      // The server answers every statement it refuses with a state; none means the failure was
      // on the client's side of the wire, such as a connection that could not be opened.
      return true;
    }
    return RETRIABLE_STATES.contains(state)
        || (state.length() >= 2 && RETRIABLE_CLASSES.contains(state.substring(0, 2)));
  }
}
