package io.shiftproof.gateway.claims;

import io.shiftproof.records.RecordStoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@link ClaimStore} in the hub's PostgreSQL ({@code V10__claims.sql}). */
public final class PostgresClaimStore implements ClaimStore {
  private static final String INDEX_COLUMNS =
      "claim_id, worker_ref, incident_at, window_from_day, window_to_day, reported_by, status,"
          + " decision, platforms, assigned_insurers, evidence_hash, updated_at";

  private final DataSource database;

  public PostgresClaimStore(DataSource database) {
    this.database = database;
  }

  @Override
  public StoredReport recordReport(StoredReport report, java.time.Instant at) {
    try (Connection c = database.getConnection()) {
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO claim_report (reporter, reference, claim_id, worker_ref, category,"
                  + " request_hash, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (reporter, reference) DO NOTHING")) {
        p.setString(1, report.reporter());
        p.setString(2, report.reference());
        p.setString(3, report.claimId());
        p.setString(4, report.workerRef());
        p.setString(5, report.category().orElse(null));
        p.setBytes(6, report.requestHash());
        p.setTimestamp(7, Timestamp.from(at));
        p.executeUpdate();
      }
      return query(
              c,
              "SELECT reporter, reference, claim_id, worker_ref, category, request_hash"
                  + " FROM claim_report WHERE reporter = ? AND reference = ?",
              PostgresClaimStore::report,
              report.reporter(),
              report.reference())
          .get(0);
    } catch (SQLException e) {
      throw failure("record a claim report", e);
    }
  }

  @Override
  public Optional<StoredReport> reportOf(String claimId) {
    try (Connection c = database.getConnection()) {
      return first(
          query(
              c,
              "SELECT reporter, reference, claim_id, worker_ref, category, request_hash"
                  + " FROM claim_report WHERE claim_id = ?",
              PostgresClaimStore::report,
              claimId));
    } catch (SQLException e) {
      throw failure("read a claim report", e);
    }
  }

  @Override
  public void storeBundle(String evidenceHash, byte[] bundle, java.time.Instant at) {
    update(
        "store an evidence bundle",
        "INSERT INTO evidence_bundle (evidence_hash, bundle, stored_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (evidence_hash) DO NOTHING",
        evidenceHash,
        bundle,
        Timestamp.from(at));
  }

  @Override
  public Optional<byte[]> bundle(String evidenceHash) {
    try (Connection c = database.getConnection()) {
      return first(
          query(
              c,
              "SELECT bundle FROM evidence_bundle WHERE evidence_hash = ?",
              r -> r.getBytes(1),
              evidenceHash));
    } catch (SQLException e) {
      throw failure("read an evidence bundle", e);
    }
  }

  @Override
  public void recordFreeze(Freeze freeze) {
    update(
        "record frozen evidence",
        "INSERT INTO claim_freeze (claim_id, evidence_hash, frozen_at, decision_support)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (claim_id, evidence_hash) DO NOTHING",
        freeze.claimId(),
        freeze.evidenceHash(),
        Timestamp.from(freeze.frozenAt()),
        freeze.decisionSupport());
  }

  @Override
  public List<Freeze> freezes(String claimId) {
    try (Connection c = database.getConnection()) {
      return query(
          c,
          "SELECT claim_id, evidence_hash, frozen_at, decision_support FROM claim_freeze"
              + " WHERE claim_id = ? ORDER BY frozen_at, evidence_hash",
          r ->
              new Freeze(
                  r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getString(4)),
          claimId);
    } catch (SQLException e) {
      throw failure("read frozen evidence", e);
    }
  }

  @Override
  public Optional<Freeze> freeze(String claimId, String evidenceHash) {
    try (Connection c = database.getConnection()) {
      return first(
          query(
              c,
              "SELECT claim_id, evidence_hash, frozen_at, decision_support FROM claim_freeze"
                  + " WHERE claim_id = ? AND evidence_hash = ?",
              r ->
                  new Freeze(
                      r.getString(1),
                      r.getString(2),
                      r.getTimestamp(3).toInstant(),
                      r.getString(4)),
              claimId,
              evidenceHash));
    } catch (SQLException e) {
      throw failure("read frozen evidence", e);
    }
  }

  @Override
  public void index(ClaimIndexRow row) {
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO claim_view ("
                    + INDEX_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (claim_id) DO UPDATE SET status = excluded.status,"
                    + " decision = excluded.decision, platforms = excluded.platforms,"
                    + " assigned_insurers = excluded.assigned_insurers,"
                    + " evidence_hash = excluded.evidence_hash, updated_at = excluded.updated_at"
                    // Two writers may race; the index keeps the newer state of the claim.
                    + " WHERE claim_view.updated_at <= excluded.updated_at")) {
      p.setString(1, row.claimId());
      p.setString(2, row.workerRef());
      p.setTimestamp(3, Timestamp.from(row.incidentAt()));
      p.setDate(4, Date.valueOf(row.windowFromDay()));
      p.setDate(5, Date.valueOf(row.windowToDay()));
      p.setString(6, row.reportedBy());
      p.setString(7, row.status());
      p.setString(8, row.decision().orElse(null));
      p.setArray(9, c.createArrayOf("text", row.platforms().toArray()));
      p.setArray(10, c.createArrayOf("text", row.assignedInsurers().toArray()));
      p.setString(11, row.evidenceHash().orElse(null));
      p.setTimestamp(12, Timestamp.from(row.updatedAt()));
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("index a claim", e);
    }
  }

  @Override
  public List<ClaimIndexRow> claimsOfWorker(String workerRef) {
    return rows(
        "SELECT "
            + INDEX_COLUMNS
            + " FROM claim_view WHERE worker_ref = ?"
            + " ORDER BY incident_at DESC, claim_id",
        workerRef);
  }

  @Override
  public List<ClaimIndexRow> claimsVisibleTo(String organisation, int limit) {
    return rows(
        "SELECT "
            + INDEX_COLUMNS
            + " FROM claim_view WHERE assigned_insurers @> ARRAY[?::text]"
            + " OR platforms @> ARRAY[?::text] OR reported_by = ?"
            + " ORDER BY updated_at DESC, claim_id LIMIT ?",
        organisation,
        organisation,
        organisation,
        limit);
  }

  @Override
  public List<ClaimIndexRow> allClaims(int limit) {
    return rows(
        "SELECT " + INDEX_COLUMNS + " FROM claim_view ORDER BY updated_at DESC, claim_id LIMIT ?",
        limit);
  }

  private List<ClaimIndexRow> rows(String sql, Object... parameters) {
    try (Connection c = database.getConnection()) {
      return query(c, sql, PostgresClaimStore::indexRow, parameters);
    } catch (SQLException e) {
      throw failure("read the claim index", e);
    }
  }

  private static ClaimIndexRow indexRow(ResultSet r) throws SQLException {
    return new ClaimIndexRow(
        r.getString(1),
        r.getString(2),
        r.getTimestamp(3).toInstant(),
        r.getDate(4).toLocalDate(),
        r.getDate(5).toLocalDate(),
        r.getString(6),
        r.getString(7),
        Optional.ofNullable(r.getString(8)),
        strings(r.getArray(9)),
        strings(r.getArray(10)),
        Optional.ofNullable(r.getString(11)),
        r.getTimestamp(12).toInstant());
  }

  private static StoredReport report(ResultSet r) throws SQLException {
    return new StoredReport(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        Optional.ofNullable(r.getString(5)),
        r.getBytes(6));
  }

  private static List<String> strings(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private interface RowReader<T> {
    T read(ResultSet r) throws SQLException;
  }

  private static <T> List<T> query(Connection c, String sql, RowReader<T> reader, Object... args)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (r.next()) {
          rows.add(reader.read(r));
        }
        return rows;
      }
    }
  }

  private void update(String doing, String sql, Object... args) {
    try (Connection c = database.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure(doing, e);
    }
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static RecordStoreException failure(String doing, SQLException e) {
    return new RecordStoreException("cannot " + doing + ": " + e.getMessage(), e);
  }
}
