package io.shiftproof.gateway.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Reads the job's {@link PipelineProgress} from {@code stream_progress}, {@code anchor_batch} and
 * {@code day_record_version}: three small aggregate queries per scrape.
 */
public final class PostgresPipelineProgress implements Supplier<PipelineProgress> {
  private final DataSource dataSource;
  private final String job;

  /**
   * @param job the job's name, its key in {@code stream_progress}
   */
  public PostgresPipelineProgress(DataSource dataSource, String job) {
    this.dataSource = dataSource;
    this.job = job;
  }

  @Override
  public PipelineProgress get() {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement progress =
              c.prepareStatement(
                  "SELECT min(watermark), min(updated_at), coalesce(min(checkpoint_id), 0)"
                      + " FROM stream_progress WHERE job = ?");
          PreparedStatement anchors =
              c.prepareStatement("SELECT count(*), max(anchored_at) FROM anchor_batch");
          PreparedStatement unanchored =
              c.prepareStatement(
                  "SELECT count(*), min(stored_at) FROM day_record_version"
                      + " WHERE batch_id IS NULL")) {
        progress.setString(1, job);
        try (ResultSet p = progress.executeQuery();
            ResultSet a = anchors.executeQuery();
            ResultSet u = unanchored.executeQuery()) {
          p.next();
          a.next();
          u.next();
          return new PipelineProgress(
              instant(p, 1),
              instant(p, 2),
              p.getLong(3),
              a.getLong(1),
              instant(a, 2),
              u.getLong(1),
              instant(u, 2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the job's progress: " + e.getMessage(), e);
    }
  }

  private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
    return Optional.ofNullable(r.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }
}
