package io.shiftproof.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shiftproof.gateway.config.PostgresConfig;
import io.shiftproof.schemas.sql.DatabaseRoles;
import io.shiftproof.schemas.sql.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

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

  /**
   * Brings the schema up to date and opens the pool. With an owner configured, the owner applies
   * the migrations and grants the runtime role its privileges ({@link DatabaseRoles}), and the pool
   * connects as the runtime role; otherwise the pool's own role applies them.
   */
  public static Database open(PostgresConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.url().orElseThrow(() -> new IllegalStateException("no postgres.url")));
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setPoolName("shiftproof");
    hikari.setAutoCommit(true);
    hikari.setConnectionTimeout(10_000);
    if (config.owner().isPresent()) {
      PGSimpleDataSource owner = new PGSimpleDataSource();
      owner.setUrl(hikari.getJdbcUrl());
      owner.setUser(config.owner().get().user());
      owner.setPassword(config.owner().get().password());
      try {
        DatabaseSchema.migrate(owner);
        DatabaseRoles.grantRuntime(owner, config.user());
      } catch (SQLException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot migrate the database as " + config.owner().get().user() + ": " + e.getMessage(),
            e);
      }
    }
    Database database = new Database(new HikariDataSource(hikari));
    try {
      // Up to date by now when the owner migrated: the runtime role only reads the history.
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
