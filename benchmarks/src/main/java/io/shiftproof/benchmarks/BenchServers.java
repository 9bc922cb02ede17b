package io.shiftproof.benchmarks;

import io.shiftproof.embedded.EmbeddedKafkaBroker;
import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.hub.TopicAdmin;
import io.shiftproof.records.DayRecordStore;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.schemas.sql.DatabaseSchema;
import io.shiftproof.schemas.wire.RecordedEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The embedded Kafka broker and PostgreSQL server a job benchmark runs on: the schema migrated, the
 * events written once to {@link #EVENTS_TOPIC}, and an empty {@link #EMPTY_TOPIC} on which a run
 * measures only the job's start and stop.
 */
final class BenchServers implements AutoCloseable {
  static final String EVENTS_TOPIC = "bench-work-events";
  static final String EMPTY_TOPIC = "bench-no-events";

  private final EmbeddedKafkaBroker kafka;
  private final EmbeddedPostgresServer postgres;
  private final RecordStoreConfig store;

  private BenchServers(EmbeddedKafkaBroker kafka, EmbeddedPostgresServer postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.store = new RecordStoreConfig(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  static BenchServers start(Path workDir, List<RecordedEvent> events) throws Exception {
    EmbeddedKafkaBroker kafka =
        EmbeddedKafkaBroker.startWithoutSecurity(workDir.resolve("kafka"), 0);
    EmbeddedPostgresServer postgres = null;
    try {
      postgres = EmbeddedPostgresServer.start(workDir.resolve("postgres"), 0);
      BenchServers servers = new BenchServers(kafka, postgres);
      DatabaseSchema.migrate(servers.store.dataSource());
      TopicAdmin.ensureTopic(kafka.bootstrapServers(), EVENTS_TOPIC, 1);
      TopicAdmin.ensureTopic(kafka.bootstrapServers(), EMPTY_TOPIC, 1);
      BenchJobRuns.produce(kafka.bootstrapServers(), EVENTS_TOPIC, events);
      return servers;
    } catch (Exception e) {
      if (postgres != null) {
        postgres.close();
      }
      kafka.close();
      throw e;
    }
  }

  String bootstrap() {
    return kafka.bootstrapServers();
  }

  RecordStoreConfig store() {
    return store;
  }

  /**
   * Empties what a job run writes, so each run starts from the same store. The embedded ledger
   * keeps growing across runs, as it would: each run anchors on the same chain.
   */
  void truncateRecords() throws SQLException {
    try (Connection c = BenchJobRuns.connect(store)) {
      DayRecordStore.emptyTables(c);
    }
  }

  @Override
  public void close() {
    EmbeddedKafkaBroker broker = kafka;
    EmbeddedPostgresServer server = postgres;
    try (broker;
        server) {
      // Both stop, the server first, even if one of them fails to.
    }
  }
}
