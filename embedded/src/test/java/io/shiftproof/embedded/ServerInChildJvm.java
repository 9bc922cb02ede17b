package io.shiftproof.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/** Entry point of the child JVM in {@link ChildJvm}: starts one server, writes data, waits. */
public final class ServerInChildJvm {

  static final String KAFKA = "kafka";
  static final String POSTGRES = "postgres";
  static final String READY = "READY";
  static final String TOPIC = "before-the-crash";
  static final List<String> RECORDS = List.of("first", "second");

  private ServerInChildJvm() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[1]);
    if (args[0].equals(KAFKA)) {
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startWithoutSecurity(dataDir, 0);
      broker.createTopicIfAbsent(TOPIC, 1);
      EmbeddedKafkaBrokerIT.produce(broker.bootstrapServers(), TOPIC, RECORDS);
    } else {
      EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
      try (Connection connection =
              DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE shift (worker text PRIMARY KEY)");
        statement.execute("INSERT INTO shift VALUES ('before-the-crash')");
      }
    }
    System.out.println(READY);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
