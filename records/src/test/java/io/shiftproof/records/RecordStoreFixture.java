package io.shiftproof.records;

import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionPaths;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.schemas.sql.DatabaseSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL server with the hub's schema, for tests of what stores day records, and reads
 * of the stored rows as they are, independent of the store's own readers.
 */
public final class RecordStoreFixture implements AutoCloseable {

  /** One row of {@code day_record_version}. */
  public record StoredVersion(
      String workerRef, LocalDate day, int version, String reason, byte[] record) {
    public String dayKey() {
      return workerRef + "/" + day;
    }
  }

  private final Path dir;
  private final EmbeddedPostgresServer server;

  private RecordStoreFixture(Path dir, EmbeddedPostgresServer server) {
    this.dir = dir;
    this.server = server;
  }

  /** Starts a server and migrates its database to the hub's schema. */
  public static RecordStoreFixture start() throws SQLException {
    Path dir = TempDirectories.create("records");
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
    RecordStoreFixture fixture = new RecordStoreFixture(dir, server);
    try {
      DatabaseSchema.migrate(fixture.config().dataSource());
    } catch (SQLException | RuntimeException e) {
      fixture.close();
      throw e;
    }
    return fixture;
  }

  public RecordStoreConfig config() {
    return new RecordStoreConfig(server.jdbcUrl(), server.user(), server.password());
  }

  /** The PostgreSQL ledger in this database, as the hub, signing with development credentials. */
  public LedgerEndpoint ledgerEndpoint() {
    DevCredentials credentials =
        DevCredentials.ensure(dir.resolve("credentials"), DevCredentials.STANDARD_ORGANISATIONS);
    return Ledgers.endpoint(
        LedgerKind.POSTGRES,
        new LedgerSettings(
            server.jdbcUrl(),
            server.user(),
            server.password(),
            credentials.signingKey().toString()));
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
  }

  /** Every stored sealed version, by worker, day and version. */
  public List<StoredVersion> versions() throws SQLException {
    List<StoredVersion> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT worker_ref, day, version, reason, record FROM day_record_version"
                    + " ORDER BY worker_ref, day, version")) {
      while (r.next()) {
        rows.add(
            new StoredVersion(
                r.getString(1),
                r.getDate(2).toLocalDate(),
                r.getInt(3),
                r.getString(4),
                r.getBytes(5)));
      }
    }
    return rows;
  }

  /** One row of {@code anchor_batch}. */
  public record AnchoredBatchRow(String batchId, long checkpointId, String rootHex) {}

  /** One anchored version: where it sits in its batch's tree. */
  public record AnchoredLeafRow(String dayKey, long leafIndex, List<Hash> path, byte[] record) {}

  /** The anchored batches in chain order. */
  public List<AnchoredBatchRow> anchoredBatches() throws SQLException {
    List<AnchoredBatchRow> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT batch_id, checkpoint_id, root FROM anchor_batch ORDER BY chain, sequence")) {
      while (r.next()) {
        rows.add(
            new AnchoredBatchRow(r.getString(1), r.getLong(2), Hash.of(r.getBytes(3)).toHex()));
      }
    }
    return rows;
  }

  /** The versions stored with one batch, by leaf index. */
  public List<AnchoredLeafRow> leaves(String batchId) throws SQLException {
    List<AnchoredLeafRow> rows = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT worker_ref, day, version, leaf_index, inclusion_path, record"
                    + " FROM day_record_version WHERE batch_id = ? ORDER BY leaf_index")) {
      p.setString(1, batchId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(
              new AnchoredLeafRow(
                  r.getString(1) + "/" + r.getDate(2) + "/v" + r.getInt(3),
                  r.getLong(4),
                  InclusionPaths.decode(r.getBytes(5)),
                  r.getBytes(6)));
        }
      }
    }
    return rows;
  }

  /** Rows of a table, optionally with a condition: {@code "t WHERE x"}. */
  public long count(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Empties the tables the job writes (see {@link DayRecordStore#emptyTables}). */
  public void truncateRecords() throws SQLException {
    try (Connection c = connect()) {
      DayRecordStore.emptyTables(c);
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
