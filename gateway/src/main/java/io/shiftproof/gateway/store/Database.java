package io.shiftproof.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shiftproof.gateway.config.PostgresConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The hub's PostgreSQL database: a connection pool and the schema migrations.
 *
 * <p>Migrations are plain SQL resources applied in order and recorded in {@code schema_version}; an
 * advisory lock keeps several gateway instances starting at once from applying one twice.
 */
public final class Database implements AutoCloseable {
  /** Applied in this order; never edit a released migration, add a new one. */
  private static final List<String> MIGRATIONS = List.of("V1__ingest_event_keys.sql");

  private static final long MIGRATION_LOCK = 0x5348_4946_5450_524FL;

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
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        s.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
                + " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
      }
      for (String name : MIGRATIONS) {
        if (!isApplied(c, name)) {
          try (Statement s = c.createStatement()) {
            s.execute(readResource(name));
          }
          try (PreparedStatement p =
              c.prepareStatement("INSERT INTO schema_version(name) VALUES (?)")) {
            p.setString(1, name);
            p.executeUpdate();
          }
        }
      }
      c.commit();
    }
  }

  private static boolean isApplied(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM schema_version WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  private static String readResource(String name) {
    try (InputStream in = Database.class.getResourceAsStream("/db/" + name)) {
      if (in == null) {
        throw new IllegalStateException("migration missing from the class path: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
