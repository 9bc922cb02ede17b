package io.shiftproof.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker and controller) running inside
 * this JVM, listening on 127.0.0.1 only. Its log lives in a data directory that survives restarts,
 * including restarts after the JVM was killed.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private static final int NODE_ID = 1;
  private static final String LOG_DIR = "kafka-logs";
  private static final String PORTS_FILE = "kafka-ports.properties";
  private static final String BROKER_PORT = "broker.port";
  private static final String CONTROLLER_PORT = "controller.port";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final KafkaRaftServer server;
  private final DataDirLock lock;
  private final String bootstrapServers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, DataDirLock lock, String bootstrapServers) {
    this.server = server;
    this.lock = lock;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker on {@code dataDir}, formatting it on first use and reusing its log afterwards.
   *
   * @param port the client port; 0 reuses last run's port when free, else picks a free one
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    Path dir = dataDir.toAbsolutePath().normalize();
    // Kafka locks its log directory too, but only after this method has rewritten the ports file.
    DataDirLock lock = DataDirLock.acquire(dir, "Kafka");
    try {
      return start(dir, port, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EmbeddedKafkaBroker start(Path dir, int port, DataDirLock lock) {
    long started = System.nanoTime();
    Path logDir = dir.resolve(LOG_DIR);
    PersistedPorts ports = PersistedPorts.load(dir.resolve(PORTS_FILE));
    int brokerPort = ports.choose(BROKER_PORT, port);
    if (!PersistedPorts.isFree(brokerPort)) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.PORT_IN_USE,
          "Kafka port "
              + brokerPort
              + " on 127.0.0.1 is taken by another process; stop it or start with port 0");
    }
    // A static quorum reads the controller's address from configuration on every start, so a
    // new controller port is safe; keeping the old one just avoids surprises for anyone watching.
    int controllerPort = ports.choose(CONTROLLER_PORT, 0, brokerPort);
    ports.set(BROKER_PORT, brokerPort);
    ports.set(CONTROLLER_PORT, controllerPort);
    ports.save();

    KafkaConfig config = new KafkaConfig(serverProperties(logDir, brokerPort, controllerPort));
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir);
    }

    KafkaRaftServer server = null;
    try {
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
    } catch (RuntimeException e) {
      if (server != null) {
        server.shutdown();
        server.awaitShutdown();
      }
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.STARTUP_FAILED,
          "Kafka broker on " + dir + " did not start: " + e.getMessage(),
          e);
    }
    String bootstrap = PersistedPorts.loopback().getHostAddress() + ":" + brokerPort;
    LOG.info(
        "Kafka broker up on {} (data {}) in {} ms",
        bootstrap,
        dir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedKafkaBroker(server, lock, bootstrap);
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * Creates a topic with replication factor 1 unless one of that name exists already (whatever its
   * partition count).
   */
  public void createTopicIfAbsent(String name, int partitions) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out creating topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    }
  }

  /** Shuts the broker down cleanly, so the next start skips log recovery. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        lock.close();
      }
    }
  }

  private static Map<String, Object> serverProperties(
      Path logDir, int brokerPort, int controllerPort) {
    String host = PersistedPorts.loopback().getHostAddress();
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    // Topics are part of the design and created explicitly; a typo must not create a topic.
    props.put("auto.create.topics.enable", "false");
    // One node: every replication factor and ISR minimum is 1, or acks=all could never succeed.
    props.put("num.partitions", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // Small footprint: few internal partitions and threads, and a 4 MiB instead of 128 MiB
    // compaction buffer; one node serving a handful of clients needs no more.
    props.put("offsets.topic.num.partitions", "3");
    props.put("transaction.state.log.num.partitions", "3");
    props.put("share.coordinator.state.topic.num.partitions", "1");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("background.threads", "2");
    props.put("num.recovery.threads.per.data.dir", "1");
    props.put("log.cleaner.threads", "1");
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    // Nobody else will join the group, so waiting for more members only delays consumers.
    props.put("group.initial.rebalance.delay.ms", "0");
    // After a kill the controller keeps the dead broker's registration until its session times
    // out and rejects the restarted broker until then; 9 s by default, 3 s here. Broker and
    // controller share one JVM and loopback, so a shorter session costs nothing in stability.
    props.put("broker.session.timeout.ms", "3000");
    props.put("broker.heartbeat.interval.ms", "500");
    return props;
  }

  /**
   * Formats a fresh log directory the way {@code kafka-storage.sh format} does, into a scratch
   * directory that is renamed into place: a kill halfway leaves no half-formatted log behind.
   */
  private static void format(Path logDir) {
    Path scratch = logDir.resolveSibling(logDir.getFileName() + ".formatting");
    TempDirectories.delete(scratch);
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .addDirectory(scratch.toString())
          .setMetadataLogDirectory(scratch.toString())
          .run();
      Files.move(scratch, logDir, StandardCopyOption.ATOMIC_MOVE);
    } catch (Exception e) {
      throw new EmbeddedServerException(
          EmbeddedServerException.Code.STARTUP_FAILED,
          "Cannot format Kafka log directory " + logDir + ": " + e.getMessage(),
          e);
    }
  }
}
