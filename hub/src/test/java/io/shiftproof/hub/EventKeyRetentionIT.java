package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.gateway.config.KeyRetentionConfig;
import io.shiftproof.gateway.config.PostgresConfig;
import io.shiftproof.gateway.ingest.EventKeyRetention;
import io.shiftproof.streamjobs.JobKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Old idempotency keys are pruned; keys that can still matter are kept. */
class EventKeyRetentionIT extends WithRunningHub {

  @Test
  void keysOlderThanTheRetentionArePrunedAndNewerOnesKept() throws Exception {
    Instant now = Instant.parse("2026-11-29T00:00:00Z");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO ingest_event_key (platform, event_id, batch_id, accepted_at)"
              + " SELECT 'retention-test', 'old-' || i, 'b', timestamptz '2026-10-01 00:00Z'"
              + " FROM generate_series(1, 25000) i");
      s.execute(
          "INSERT INTO ingest_event_key (platform, event_id, batch_id, accepted_at)"
              + " SELECT 'retention-test', 'new-' || i, 'b', timestamptz '2026-11-20 00:00Z'"
              + " FROM generate_series(1, 100) i");
    }

    long deleted = new EventKeyRetention(dataSource(), Duration.ofDays(30)).prune(now);

    assertThat(deleted).isEqualTo(25_000);
    assertThat(count("SELECT count(*) FROM ingest_event_key WHERE platform = 'retention-test'"))
        .isEqualTo(100);
  }

  @Test
  void aRetentionShorterThanTheHorizonPlusTwoDaysIsRefusedAtStartUp() {
    Settings settings =
        HubSettings.load(
            null,
            Map.of(),
            Map.of(
                GatewayKeys.KEY_RETENTION.name(),
                "P3D",
                JobKeys.CORRECTION_HORIZON.name(),
                "PT72H"));

    assertThatThrownBy(
            () -> KeyRetentionConfig.from(settings, settings.get(JobKeys.CORRECTION_HORIZON)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.key-retention: got PT72H")
        .hasMessageContaining("want at least PT120H");
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static PGSimpleDataSource dataSource() {
    PostgresConfig postgres = hub.hub().postgres();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(postgres.url().orElseThrow());
    ds.setUser(postgres.user());
    ds.setPassword(postgres.password());
    return ds;
  }

  private static Connection connect() throws SQLException {
    PostgresConfig postgres = hub.hub().postgres();
    return DriverManager.getConnection(
        postgres.url().orElseThrow(), postgres.user(), postgres.password());
  }
}
