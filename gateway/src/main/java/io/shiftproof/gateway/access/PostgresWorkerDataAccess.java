package io.shiftproof.gateway.access;

import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link WorkerDataAccess} over the hub's claim index ({@code claim_view}) and access log ({@code
 * access_log_entry}). An insurer's read is allowed by an open claim assigned to it whose window
 * holds the days read; the newest such claim is the purpose logged.
 */
public final class PostgresWorkerDataAccess implements WorkerDataAccess {
  private final DataSource database;
  private final Clock clock;

  public PostgresWorkerDataAccess(DataSource database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public ReadPurpose authorize(OrganisationIdentity caller, String workerRef, Set<LocalDate> days) {
    if (caller.role() == Role.ADMIN) {
      return ReadPurpose.OPERATOR;
    }
    if (caller.role() == Role.INSURER && !days.isEmpty()) {
      Optional<String> claim = openClaim(caller.organisation(), workerRef, days);
      if (claim.isPresent()) {
        return ReadPurpose.forClaim(claim.get());
      }
    }
    throw HttpErrorCode.NO_CLAIM_FOR_WORKER.exception(
        "workerRef: "
            + caller.organisation()
            + " has no open claim for "
            + workerRef
            + " assigned to it whose window holds "
            + (days.size() == 1 ? days.iterator().next() : days)
            + "; an insurer reads a worker's data only for its claims, and only their window days");
  }

  @Override
  public void logRead(
      OrganisationIdentity caller,
      ReadPurpose purpose,
      String workerRef,
      String resource,
      String versions) {
    AccessLogLeaf leaf =
        new AccessLogLeaf(
            0,
            workerRef,
            caller.organisation(),
            caller.role().ou(),
            purpose.purpose(),
            purpose.claimId(),
            resource,
            versions,
            clock.instant().truncatedTo(ChronoUnit.MICROS));
    try (Connection c = database.getConnection()) {
      long id;
      try (PreparedStatement p =
              c.prepareStatement("SELECT nextval('access_log_entry_entry_id_seq')");
          ResultSet r = p.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
      AccessLogLeaf numbered = leaf.withEntryId(id);
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO access_log_entry (entry_id, worker_ref, accessor, role, purpose,"
                  + " claim_id, resource, versions, accessed_at, leaf_hash)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setLong(1, id);
        p.setString(2, workerRef);
        p.setString(3, numbered.accessor());
        p.setString(4, numbered.role());
        p.setString(5, numbered.purpose());
        p.setString(6, numbered.claimId().orElse(null));
        p.setString(7, resource);
        p.setString(8, versions);
        p.setTimestamp(9, Timestamp.from(numbered.accessedAt()));
        p.setBytes(10, numbered.leafHash().bytes());
        p.executeUpdate();
      }
    } catch (SQLException e) {
      throw new RecordStoreException("cannot write the access log: " + e.getMessage(), e);
    }
  }

  private Optional<String> openClaim(String insurer, String workerRef, Set<LocalDate> days) {
    LocalDate first = Collections.min(days);
    LocalDate last = Collections.max(days);
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT claim_id FROM claim_view WHERE worker_ref = ?"
                    + " AND assigned_insurers @> ARRAY[?::text]"
                    + " AND window_from_day <= ? AND window_to_day >= ?"
                    // A paid or rejected claim is closed: it no longer opens the worker's data.
                    + " AND status <> 'PAID'"
                    + " AND NOT (status = 'DECIDED' AND decision = 'REJECTED')"
                    + " ORDER BY incident_at DESC, claim_id LIMIT 1")) {
      p.setString(1, workerRef);
      p.setString(2, insurer);
      p.setDate(3, Date.valueOf(first));
      p.setDate(4, Date.valueOf(last));
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RecordStoreException("cannot check the claims for a read: " + e.getMessage(), e);
    }
  }
}
