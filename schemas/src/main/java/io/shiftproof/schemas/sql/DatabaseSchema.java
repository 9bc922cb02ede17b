package io.shiftproof.schemas.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The hub's PostgreSQL schema: plain SQL migrations in {@value #LOCATION} ({@code V1__…} to {@code
 * V7__…}), applied in order by Flyway, which records them in {@code flyway_schema_history} and
 * serialises processes that start at once with an advisory lock.
 *
 * <p>Why here: one database holds the gateway's ingest keys, the ledger's tables (the PostgreSQL
 * ledger migrates when it opens, in every task manager that anchors) and the day records, so the
 * schema belongs to the lowest module all of them depend on. Keeping every migration in one place
 * keeps one version sequence; splitting them by module would need one history table each.
 *
 * <p>Databases created before Flyway recorded their migrations by file name in {@code
 * schema_version}. Such a database is baselined at the last version it lists, and the migrations
 * after it are applied as usual; {@code schema_version} is left as it was.
 */
public final class DatabaseSchema {
  /** Where the migrations are, on the class path. Never edit a released one; add a new one. */
  public static final String LOCATION = "classpath:db";

  /** The table in which the runner before Flyway recorded applied migrations by file name. */
  static final String LEGACY_TABLE = "schema_version";

  private static final String HISTORY_TABLE = "flyway_schema_history";
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

  private DatabaseSchema() {}

  /**
   * Brings the schema up to date. Safe to call from several processes at once, and again: what is
   * applied is applied once.
   *
   * @throws SQLException if the database cannot be reached or refuses a migration, with the SQL
   *     state of the failure
   * @throws IllegalStateException if the applied migrations disagree with the ones on the class
   *     path (a released migration was edited, say)
   */
  public static void migrate(DataSource dataSource) throws SQLException {
    FluentConfiguration flyway =
        Flyway.configure(DatabaseSchema.class.getClassLoader())
            .dataSource(dataSource)
            .locations(LOCATION)
            .table(HISTORY_TABLE);
    Optional<Integer> legacy = legacyVersion(dataSource);
    if (legacy.isPresent()) {
      flyway
          .baselineOnMigrate(true)
          .baselineVersion(String.valueOf(legacy.get()))
          .baselineDescription("applied before Flyway, as listed in " + LEGACY_TABLE);
    }
    try {
      flyway.load().migrate();
    } catch (FlywayException e) {
      // As the runner before Flyway failed: an SQL failure keeps its SQL state, so that a caller
      // can still tell an unreachable database (retriable) from a refused statement.
      Optional<SQLException> sql = sqlCause(e);
      if (sql.isPresent()) {
        throw new SQLException(
            "cannot migrate the database schema: " + e.getMessage(),
            sql.get().getSQLState(),
            sql.get().getErrorCode(),
            e);
      }
      throw new IllegalStateException("cannot migrate the database schema: " + e.getMessage(), e);
    }
  }

  /**
   * The last version the runner before Flyway applied, if this database was migrated by it and not
   * since by Flyway. It applied every migration in one transaction, in order, so the versions it
   * lists run from 1 without a gap (were there one, only the versions before it would count).
   */
  static Optional<Integer> legacyVersion(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!tableExists(c, LEGACY_TABLE) || tableExists(c, HISTORY_TABLE)) {
        return Optional.empty();
      }
      Set<Integer> applied = new TreeSet<>();
      try (PreparedStatement p = c.prepareStatement("SELECT name FROM " + LEGACY_TABLE);
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Matcher m = VERSIONED.matcher(r.getString(1));
          if (m.matches()) {
            applied.add(Integer.parseInt(m.group(1)));
          }
        }
      }
      int version = 0;
      while (applied.contains(version + 1)) {
        version++;
      }
      return version == 0 ? Optional.empty() : Optional.of(version);
    }
  }

  /** Whether the table exists in the connection's current schema, where Flyway looks too. */
  private static boolean tableExists(Connection c, String table) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_name = ?)")) {
      p.setString(1, table);
      try (ResultSet r = p.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  private static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }
}
