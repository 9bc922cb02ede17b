package io.shiftproof.schemas.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The hub's PostgreSQL schema, shared by the gateway (which applies it at start-up) and the stream
 * job (which writes day records): plain SQL migrations applied in order and recorded in {@code
 * schema_version}. An advisory lock keeps several processes starting at once from applying one
 * twice.
 */
public final class DatabaseSchema {
  /** Applied in this order; never edit a released migration, add a new one. */
  public static final List<String> MIGRATIONS =
      List.of(
          "V1__ingest_event_keys.sql",
          "V2__day_records.sql",
          "V3__ingest_event_key_retention.sql",
          "V4__late_event_by_time.sql",
          "V5__embedded_ledger.sql",
          "V6__anchored_batches.sql",
          "V7__interim_versions.sql");

  private static final long MIGRATION_LOCK = 0x5348_4946_5450_524FL;

  private DatabaseSchema() {}

  /** Brings the schema up to date in one transaction; the connection's auto-commit is restored. */
  public static void migrate(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
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
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
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
    try (InputStream in = DatabaseSchema.class.getResourceAsStream("/db/" + name)) {
      if (in == null) {
        throw new IllegalStateException("migration missing from the class path: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }
}
