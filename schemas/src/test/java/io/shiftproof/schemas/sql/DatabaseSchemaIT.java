package io.shiftproof.schemas.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.embedded.TempDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The schema's migrations against a real PostgreSQL server, each test on a database of its own. */
class DatabaseSchemaIT {
  /**
   * The migrations as the runner before Flyway listed them in {@code schema_version}; later ones
   * only ever ran under Flyway.
   */
  private static final List<String> MIGRATIONS =
      List.of(
          "V1__ingest_event_keys.sql",
          "V2__day_records.sql",
          "V3__ingest_event_key_retention.sql",
          "V4__late_event_by_time.sql",
          "V5__embedded_ledger.sql",
          "V6__anchored_batches.sql",
          "V7__interim_versions.sql");

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static Path dir;
  private static EmbeddedPostgresServer server;

  @BeforeAll
  static void startServer() {
    dir = TempDirectories.create("database-schema");
    server = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
  }

  @AfterAll
  static void stopServer() {
    server.close();
    TempDirectories.delete(dir);
  }

  @Test
  void anEmptyDatabaseGetsEveryMigrationInOrder() throws Exception {
    PGSimpleDataSource db = newDatabase();

    DatabaseSchema.migrate(db);

    assertThat(
            rows(
                db,
                "SELECT version || ' ' || success FROM flyway_schema_history"
                    + " ORDER BY installed_rank"))
        .containsExactly(
            "1 true", "2 true", "3 true", "4 true", "5 true", "6 true", "7 true", "8 true",
            "10 true", "11 true", "12 true");
    assertThat(rows(db, "SELECT sequence::text FROM ledger_head")).containsExactly("0");
  }

  @Test
  void migratingAgainChangesNothing() throws Exception {
    PGSimpleDataSource db = newDatabase();
    DatabaseSchema.migrate(db);
    execute(
        db, "INSERT INTO ingest_event_key (platform, event_id, batch_id) VALUES ('p', 'e', 'b')");

    DatabaseSchema.migrate(db);

    assertThat(rows(db, "SELECT count(*)::text FROM flyway_schema_history")).containsExactly("11");
    assertThat(rows(db, "SELECT event_id FROM ingest_event_key")).containsExactly("e");
  }

  @Test
  void processesStartingAtOnceApplyEachMigrationOnce() throws Exception {
    PGSimpleDataSource db = newDatabase();
    ExecutorService starts = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        done.add(
            starts.submit(
                () -> {
                  DatabaseSchema.migrate(db);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      starts.shutdown();
    }

    assertThat(rows(db, "SELECT count(*)::text FROM flyway_schema_history")).containsExactly("11");
  }

  @Test
  void aDatabaseMigratedBeforeFlywayIsBaselinedAndKeepsItsData() throws Exception {
    PGSimpleDataSource db = newDatabase();
    migrateAsBeforeFlyway(db, 5);
    execute(
        db, "INSERT INTO ingest_event_key (platform, event_id, batch_id) VALUES ('p', 'e', 'b')");

    DatabaseSchema.migrate(db);

    assertThat(
            rows(
                db,
                "SELECT version || ' ' || type || ' ' || success FROM flyway_schema_history"
                    + " ORDER BY installed_rank"))
        .as("the versions before Flyway as a baseline, then the ones it applied")
        .containsExactly(
            "5 BASELINE true",
            "6 SQL true",
            "7 SQL true",
            "8 SQL true",
            "10 SQL true",
            "11 SQL true",
            "12 SQL true");
    assertThat(rows(db, "SELECT event_id FROM ingest_event_key")).containsExactly("e");
    assertThat(rows(db, "SELECT count(*)::text FROM anchor_batch")).containsExactly("0");
    assertThat(rows(db, "SELECT count(*)::text FROM schema_version"))
        .as("the old record is left as it was")
        .containsExactly("5");
  }

  @Test
  void aDatabaseCompleteBeforeFlywayGetsABaselineThenOnlyTheLaterMigrations() throws Exception {
    PGSimpleDataSource db = newDatabase();
    migrateAsBeforeFlyway(db, MIGRATIONS.size());

    DatabaseSchema.migrate(db);
    DatabaseSchema.migrate(db);

    assertThat(
            rows(
                db,
                "SELECT version || ' ' || type FROM flyway_schema_history"
                    + " ORDER BY installed_rank"))
        .containsExactly("7 BASELINE", "8 SQL", "10 SQL", "11 SQL", "12 SQL");
  }

  @Test
  void anUnreachableDatabaseFailsWithAConnectionState() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
    nowhere.setUser("nobody");
    nowhere.setConnectTimeout(2);

    assertThatThrownBy(() -> DatabaseSchema.migrate(nowhere))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
  }

  @Test
  void aDatabaseWithOtherTablesAndNoHistoryIsLeftAlone() throws Exception {
    PGSimpleDataSource db = newDatabase();
    execute(db, "CREATE TABLE someone_elses (x int)");

    assertThatThrownBy(() -> DatabaseSchema.migrate(db))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot migrate the database schema");
    assertThat(
            rows(
                db,
                "SELECT count(*)::text FROM information_schema.tables"
                    + " WHERE table_schema = 'public'"))
        .containsExactly("1");
  }

  /** What the runner before Flyway did: each migration, and its file name in schema_version. */
  private static void migrateAsBeforeFlyway(PGSimpleDataSource db, int migrations)
      throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
      for (String name : MIGRATIONS.subList(0, migrations)) {
        s.execute(resource("/db/" + name));
        s.execute("INSERT INTO schema_version(name) VALUES ('" + name + "')");
      }
      c.commit();
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DatabaseSchemaIT.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static PGSimpleDataSource newDatabase() throws SQLException {
    String name = "schema_" + DATABASES.incrementAndGet();
    execute(dataSource(server.database()), "CREATE DATABASE " + name);
    return dataSource(name);
  }

  private static PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {server.host()});
    ds.setPortNumbers(new int[] {server.port()});
    ds.setDatabaseName(database);
    ds.setUser(server.user());
    ds.setPassword(server.password());
    return ds;
  }

  private static void execute(PGSimpleDataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> rows(PGSimpleDataSource db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }
}
