package io.shiftproof.schemas.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.embedded.TempDirectories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The runtime role against a real PostgreSQL server (docs/design.md §8.4): everything the hub and
 * the job do works, and every way to rewrite history through the hub's connection is refused.
 */
class DatabaseRolesIT {
  private static final String ROLE = EmbeddedPostgresServer.RUNTIME_USER;
  private static final String PASSWORD = EmbeddedPostgresServer.RUNTIME_PASSWORD;
  private static final String HASH = "decode(repeat('ab', 32), 'hex')";

  private static Path dir;
  private static EmbeddedPostgresServer server;

  @BeforeAll
  static void migrateAndGrant() throws SQLException {
    dir = TempDirectories.create("database-roles");
    server = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
    PGSimpleDataSource owner = dataSource(server.user(), server.password());
    DatabaseSchema.migrate(owner);
    DatabaseRoles.ensureRuntimeRole(owner, ROLE, PASSWORD);
    DatabaseRoles.grantRuntime(owner, ROLE);
    // Twice, as on every start: both steps are repeatable.
    DatabaseRoles.ensureRuntimeRole(owner, ROLE, PASSWORD);
    DatabaseRoles.grantRuntime(owner, ROLE);
    try (Connection c = owner.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO ledger_entry VALUES (1, 'tx-1', now(), 'AnchorBatch', 'hub', '{}', "
              + HASH
              + ", "
              + HASH
              + ", '\\x00')");
    }
  }

  @AfterAll
  static void stopServer() {
    server.close();
    TempDirectories.delete(dir);
  }

  @Test
  void theRuntimeRoleDoesWhatTheHubAndTheJobDo() throws SQLException {
    try (Connection c = asRuntime();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO ledger_entry VALUES (2, 'tx-2', now(), 'LogAccess', 'hub', '{}', "
              + HASH
              + ", "
              + HASH
              + ", '\\x00')");
      s.execute(
          "INSERT INTO ledger_state VALUES ('head~c', '\\x01', 2) ON CONFLICT (key) DO UPDATE"
              + " SET value = EXCLUDED.value, updated_by_sequence = EXCLUDED.updated_by_sequence");
      s.execute(
          "INSERT INTO ledger_state VALUES ('head~c', '\\x02', 2) ON CONFLICT (key) DO UPDATE"
              + " SET value = EXCLUDED.value, updated_by_sequence = EXCLUDED.updated_by_sequence");
      s.execute("SELECT * FROM ledger_head WHERE id = 1 FOR UPDATE");
      s.execute("UPDATE ledger_head SET sequence = 2, entry_hash = " + HASH + " WHERE id = 1");
      s.execute(
          "INSERT INTO ingest_event_key (platform, event_id, batch_id, accepted_at)"
              + " VALUES ('p', 'e', 'b', now())");
      s.execute("DELETE FROM ingest_event_key WHERE platform = 'p'");
    }
    // The ledger opens with a migration check as the job's role: up to date, it only reads.
    DatabaseSchema.migrate(dataSource(ROLE, PASSWORD));
  }

  @Test
  void theRuntimeRoleCannotDisableTheAppendOnlyTrigger() {
    assertRefused("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only");
    assertRefused("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
  }

  @Test
  void theRuntimeRoleCannotDropTheAppendOnlyTriggers() {
    assertRefused("DROP TRIGGER ledger_entry_append_only ON ledger_entry");
    assertRefused("DROP TRIGGER ledger_entry_no_truncate ON ledger_entry");
    assertRefused("DROP FUNCTION ledger_entry_append_only() CASCADE");
  }

  @Test
  void theRuntimeRoleCannotTruncate() {
    for (String table :
        new String[] {
          "ledger_entry",
          "ledger_state",
          "ledger_event",
          "anchor_batch",
          "day_record_version",
          "platform_batch",
          "platform_certificate",
          "platform_event"
        }) {
      assertRefused("TRUNCATE " + table + " CASCADE");
    }
  }

  @Test
  void theRuntimeRoleCannotChangeOrRemoveAppendOnlyRows() {
    assertRefused("UPDATE ledger_entry SET payload = '{\"forged\":1}' WHERE sequence = 1");
    assertRefused("DELETE FROM ledger_entry WHERE sequence = 1");
    assertRefused("UPDATE anchor_batch SET root = " + HASH);
    assertRefused("DELETE FROM anchor_batch");
    assertRefused("UPDATE day_record_version SET record = '\\x00'");
    assertRefused("DELETE FROM day_record_version");
    assertRefused("DELETE FROM ledger_state");
    assertRefused("UPDATE late_event SET reason = 'TOO_LATE'");
    // What proves a platform sent a batch: its signature, and the certificate to check it with.
    assertRefused("UPDATE platform_batch SET signature = '\\x00'");
    assertRefused("DELETE FROM platform_batch");
    assertRefused("UPDATE platform_certificate SET certificate = '\\x00'");
    assertRefused("DELETE FROM platform_certificate");
    assertRefused("UPDATE platform_event SET event_bytes = '\\x00'");
    assertRefused("DELETE FROM platform_event");
  }

  @Test
  void theRuntimeRoleCannotGrantItselfMoreOrCreateTables() throws SQLException {
    assertRefused("ALTER TABLE ledger_entry OWNER TO " + ROLE);
    try (Connection c = asRuntime();
        Statement s = c.createStatement()) {
      // PostgreSQL only warns that no privileges were granted; what counts is that none were.
      s.execute("GRANT UPDATE, DELETE, TRUNCATE ON ledger_entry, anchor_batch TO " + ROLE);
    }
    assertRefused("UPDATE anchor_batch SET root = " + HASH);
    assertRefused("TRUNCATE anchor_batch");
    assertRefused("CREATE TABLE shadow (x int)");
    assertRefused("ALTER ROLE " + ROLE + " SUPERUSER");
  }

  private static void assertRefused(String sql) {
    assertThatThrownBy(
            () -> {
              try (Connection c = asRuntime();
                  Statement s = c.createStatement()) {
                s.execute(sql);
              }
            })
        .as(sql)
        .isInstanceOf(SQLException.class)
        // 42501 insufficient_privilege; "must be owner" is 42501 as well.
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isEqualTo("42501"));
  }

  private static Connection asRuntime() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), ROLE, PASSWORD);
  }

  private static PGSimpleDataSource dataSource(String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(server.jdbcUrl());
    ds.setUser(user);
    ds.setPassword(password);
    return ds;
  }
}
