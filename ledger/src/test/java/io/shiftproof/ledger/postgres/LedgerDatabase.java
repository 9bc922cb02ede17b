package io.shiftproof.ledger.postgres;

import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.schemas.sql.DatabaseSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/** A real PostgreSQL server with the hub's schema, emptied of ledger data between tests. */
final class LedgerDatabase implements AutoCloseable {
  private final Path dir;
  private final EmbeddedPostgresServer server;

  private LedgerDatabase(Path dir, EmbeddedPostgresServer server) {
    this.dir = dir;
    this.server = server;
  }

  static LedgerDatabase start() throws SQLException {
    Path dir = TempDirectories.create("ledger");
    LedgerDatabase db =
        new LedgerDatabase(dir, EmbeddedPostgresServer.start(dir.resolve("postgres"), 0));
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setUrl(db.jdbcUrl());
    database.setUser(db.user());
    database.setPassword(db.password());
    DatabaseSchema.migrate(database);
    return db;
  }

  String jdbcUrl() {
    return server.jdbcUrl();
  }

  String user() {
    return server.user();
  }

  String password() {
    return server.password();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
  }

  /** Back to an empty ledger, past the trigger that refuses TRUNCATE to anyone else. */
  void reset() throws SQLException {
    tamper(
        "TRUNCATE ledger_event, ledger_state, ledger_entry;"
            + " UPDATE ledger_head SET sequence = 0, entry_hash = decode(repeat('00', 32), 'hex')");
  }

  /**
   * Runs SQL as an attacker with database access would, bypassing the append-only triggers (USER
   * leaves the foreign-key triggers on).
   */
  void tamper(String sql) throws SQLException {
    execute(
        "ALTER TABLE ledger_entry DISABLE TRIGGER USER; "
            + sql
            + "; ALTER TABLE ledger_entry ENABLE TRIGGER USER");
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  long count(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      TempDirectories.delete(dir);
    }
  }
}
