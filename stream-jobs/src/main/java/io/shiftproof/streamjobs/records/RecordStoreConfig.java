package io.shiftproof.streamjobs.records;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the job stores day records: the hub's PostgreSQL database. Shipped to the task managers
 * with the job graph, hence serializable.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/shiftproof}
 */
public record RecordStoreConfig(String jdbcUrl, String user, String password)
    implements Serializable {

  public RecordStoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "jdbcUrl: got " + jdbcUrl + ", want a jdbc:postgresql: URL of the hub's database");
    }
  }

  /** A new connection with auto-commit off: every write of the job is one transaction. */
  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl, user, password);
    c.setAutoCommit(false);
    return c;
  }

  @Override
  public String toString() {
    return "RecordStoreConfig[" + jdbcUrl + " as " + user + "]"; // never the password
  }
}
