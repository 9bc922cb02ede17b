package io.shiftproof.gateway.tokens;

import io.shiftproof.records.RecordStoreException;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link WorkerTokens} in the hub's PostgreSQL ({@code worker_token}, its revocations). */
public final class PostgresWorkerTokens implements WorkerTokens {
  /** How many of a worker's newest records are searched for a platform's batches. */
  private static final int RECORDS_SEARCHED = 30;

  private final SecureRandom random = new SecureRandom();
  private final DataSource database;
  private final Clock clock;

  public PostgresWorkerTokens(DataSource database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public String issue(String workerRef, String issuedBy, Optional<String> claimId) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = "wt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO worker_token (token_hash, worker_ref, issued_by, claim_id, issued_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      p.setBytes(1, hash(token));
      p.setString(2, workerRef);
      p.setString(3, issuedBy);
      p.setString(4, claimId.orElse(null));
      p.setTimestamp(5, Timestamp.from(clock.instant()));
      p.executeUpdate();
    } catch (SQLException e) {
      throw new RecordStoreException("cannot issue a worker token: " + e.getMessage(), e);
    }
    return token;
  }

  @Override
  public Optional<String> workerOf(String token) {
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT t.worker_ref FROM worker_token t WHERE t.token_hash = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM worker_token_revocation r"
                    + " WHERE r.token_hash = t.token_hash)")) {
      p.setBytes(1, hash(token));
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RecordStoreException("cannot check a worker token: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean revoke(String token, String revokedBy, Optional<String> issuer) {
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO worker_token_revocation (token_hash, revoked_by, revoked_at)"
                    + " SELECT token_hash, ?, ? FROM worker_token WHERE token_hash = ?"
                    + " AND (?::text IS NULL OR issued_by = ?)"
                    + " ON CONFLICT (token_hash) DO NOTHING")) {
      p.setString(1, revokedBy);
      p.setTimestamp(2, Timestamp.from(clock.instant()));
      p.setBytes(3, hash(token));
      p.setString(4, issuer.orElse(null));
      p.setString(5, issuer.orElse(null));
      return p.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RecordStoreException("cannot revoke a worker token: " + e.getMessage(), e);
    }
  }

  /**
   * The platform's signed events name the worker (platform_event, indexed by worker), or, for data
   * kept before those were, a sealed record names the platform in its lineage.
   */
  @Override
  public boolean platformKnowsWorker(String platform, String workerRef) {
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT 1 FROM platform_event WHERE worker_ref = ? AND platform = ? LIMIT 1")) {
      p.setString(1, workerRef);
      p.setString(2, platform);
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          return true;
        }
      }
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read a worker's events: " + e.getMessage(), e);
    }
    return recordsNamePlatform(platform, workerRef);
  }

  private boolean recordsNamePlatform(String platform, String workerRef) {
    try (Connection c = database.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "(SELECT record FROM day_record_live WHERE worker_ref = ?"
                    + " ORDER BY day DESC LIMIT ?)"
                    + " UNION ALL (SELECT record FROM day_record_version WHERE worker_ref = ?"
                    + " ORDER BY day DESC, version DESC LIMIT ?)")) {
      p.setString(1, workerRef);
      p.setInt(2, RECORDS_SEARCHED);
      p.setString(3, workerRef);
      p.setInt(4, RECORDS_SEARCHED);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          DayRecord record = DayRecordCodec.decode(r.getBytes(1));
          // A record of schema version 1 names its platforms in sourceBatches, later ones in
          // sources.
          if (record.getSources().stream().anyMatch(s -> s.getPlatform().equals(platform))
              || record.getSourceBatches().stream()
                  .anyMatch(b -> b.getPlatform().equals(platform))) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException e) {
      throw new RecordStoreException("cannot read a worker's records: " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of a token: all the hub keeps of it. */
  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
