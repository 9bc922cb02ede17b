package io.shiftproof.records;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where day records are stored: the hub's PostgreSQL database. The stream job ships it to its task
 * managers with the job graph, hence serializable.
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

  /**
   * The database as a {@link DataSource} that opens a new connection per call, for the schema's
   * migrations and for readers outside the hub's connection pool.
   */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource;
  }

  @Override
  public String toString() {
    return "RecordStoreConfig[" + jdbcUrl + " as " + user + "]"; // never the password
  }
}
