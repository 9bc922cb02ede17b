package io.shiftproof.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shiftproof.gateway.config.PostgresConfig;
import io.shiftproof.schemas.sql.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The hub's PostgreSQL database: a connection pool and the schema migrations.
 *
 * <p>The schema itself is {@link DatabaseSchema}, shared with the stream job and the ledger.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens the pool and brings the schema up to date. */
  public static Database open(PostgresConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.url().orElseThrow(() -> new IllegalStateException("no postgres.url")));
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setPoolName("shiftproof");
    hikari.setAutoCommit(true);
    hikari.setConnectionTimeout(10_000);
    Database database = new Database(new HikariDataSource(hikari));
    try {
      database.migrate();
    } catch (SQLException | RuntimeException e) {
      database.close();
      throw new IllegalStateException("cannot migrate the database: " + e.getMessage(), e);
    }
    return database;
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Whether the server answers a trivial query. */
  public boolean isReachable() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(2);
      return s.execute("SELECT 1");
    } catch (SQLException e) {
      return false;
    }
  }

  private void migrate() throws SQLException {
    DatabaseSchema.migrate(pool);
  }

  @Override
  public void close() {
    pool.close();
  }
}
