package io.shiftproof.schemas.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The two database roles of a hub (docs/design.md §8.4): the owner, which owns the tables and runs
 * the migrations, and the runtime role the hub and the job connect as, which may append to the
 * append-only tables but neither change nor remove their rows, truncate them, or disable or drop
 * their triggers. The runtime role's privileges are {@value #RUNTIME_GRANTS}, shipped for operators
 * of an external server to run with {@code psql}, and applied by the embedded server through this
 * class.
 */
public final class DatabaseRoles {
  /** The grants of the runtime role, on the class path; a psql script with {@code runtime_role}. */
  public static final String RUNTIME_GRANTS = "db-roles/runtime-grants.sql";

  private static final String VARIABLE = ":\"runtime_role\"";

  /** Role names the hub creates: plain identifiers, so nothing needs quoting in CREATE ROLE. */
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private DatabaseRoles() {}

  /**
   * Creates the runtime role, or resets its password: a LOGIN role without any privilege of its own
   * (no superuser, no CREATEROLE, no CREATEDB, no BYPASSRLS) that inherits from nothing.
   *
   * @param owner a connection source as a role allowed to create roles
   */
  public static void ensureRuntimeRole(DataSource owner, String role, String password)
      throws SQLException {
    requireRoleName(role);
    try (Connection c = owner.getConnection()) {
      boolean exists;
      try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        p.setString(1, role);
        try (ResultSet r = p.executeQuery()) {
          exists = r.next();
        }
      }
      String attributes =
          " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS"
              + " PASSWORD "
              + literal(password);
      try (Statement s = c.createStatement()) {
        s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role + attributes);
      }
    }
  }

  /**
   * Gives {@code role} exactly the privileges of {@value #RUNTIME_GRANTS} on the migrated schema.
   * Run after {@link DatabaseSchema#migrate}: a later migration's tables are granted only then.
   *
   * @param owner a connection source as the tables' owner
   */
  public static void grantRuntime(DataSource owner, String role) throws SQLException {
    requireRoleName(role);
    String script = runtimeGrants().replace(VARIABLE, "\"" + role + "\"");
    try (Connection c = owner.getConnection();
        Statement s = c.createStatement()) {
      // The driver sends the statements as one simple query, which PostgreSQL runs as one
      // transaction: the role never holds half of its grants.
      s.execute(script);
    }
  }

  /** The text of {@value #RUNTIME_GRANTS}. */
  public static String runtimeGrants() {
    try (InputStream in =
        DatabaseRoles.class.getClassLoader().getResourceAsStream(RUNTIME_GRANTS)) {
      if (in == null) {
        throw new IllegalStateException(RUNTIME_GRANTS + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireRoleName(String role) {
    if (!ROLE_NAME.matcher(role).matches()) {
      throw new IllegalArgumentException(
          "role: got " + role + ", want lower-case letters, digits and _ (at most 63)");
    }
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
