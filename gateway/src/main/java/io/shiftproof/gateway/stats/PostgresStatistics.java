package io.shiftproof.gateway.stats;

import io.shiftproof.records.RecordStoreException;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link Statistics} from the hub's PostgreSQL: each worker-day's latest record (the newest sealed
 * version, else the live record), and the claim index with its current decision support.
 */
public final class PostgresStatistics implements Statistics {
  private final DataSource database;
  private final ZoneId zone;

  public PostgresStatistics(DataSource database, ZoneId zone) {
    this.database = database;
    this.zone = zone;
  }

  @Override
  public WorkingTimeCells workingTime(LocalDate from, LocalDate to) {
    WorkingTimeCells cells = new WorkingTimeCells();
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT DISTINCT ON (worker_ref, day) record FROM ("
                    + " SELECT worker_ref, day, version, record FROM day_record_version"
                    + " WHERE day BETWEEN ? AND ?"
                    + " UNION ALL SELECT worker_ref, day, 0, record FROM day_record_live"
                    + " WHERE day BETWEEN ? AND ?) r"
                    + " ORDER BY worker_ref, day, version DESC")) {
      p.setDate(1, Date.valueOf(from));
      p.setDate(2, Date.valueOf(to));
      p.setDate(3, Date.valueOf(from));
      p.setDate(4, Date.valueOf(to));
      p.setFetchSize(1000);
      c.setAutoCommit(false);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          cells.add(DayRecordCodec.decode(r.getBytes(1)));
        }
      }
      c.commit();
      return cells;
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read working-time aggregates: " + e.getMessage(), e);
    }
  }

  @Override
  public ClaimCells claims(LocalDate from, LocalDate to) {
    ClaimCells cells = new ClaimCells();
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT v.platforms, (v.incident_at AT TIME ZONE ?)::date, v.worker_ref,"
                    + " coalesce(f.decision_support::jsonb ->> 'outcome', 'PENDING'),"
                    + " coalesce(v.decision, 'UNDECIDED')"
                    + " FROM claim_view v LEFT JOIN claim_freeze f"
                    + " ON f.claim_id = v.claim_id AND f.evidence_hash = v.evidence_hash"
                    + " WHERE (v.incident_at AT TIME ZONE ?)::date BETWEEN ? AND ?")) {
      p.setString(1, zone.getId());
      p.setString(2, zone.getId());
      p.setDate(3, Date.valueOf(from));
      p.setDate(4, Date.valueOf(to));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          cells.add(
              List.of((String[]) r.getArray(1).getArray()),
              r.getDate(2).toLocalDate().toString(),
              r.getString(3),
              r.getString(4),
              r.getString(5));
        }
      }
      return cells;
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read claim aggregates: " + e.getMessage(), e);
    }
  }
}
