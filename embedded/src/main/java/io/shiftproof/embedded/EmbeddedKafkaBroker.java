package io.shiftproof.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>A broker started with {@link BrokerSecurity} (as the hub starts it) has no unauthenticated
 * path: its client listener and its controller listener are both SSL with a client certificate
 * required, and the ACL authorizer refuses whatever no ACL allows. {@link #startWithoutSecurity} is
 * for tests of the broker's own mechanics and for benchmarks of the job alone; no hub uses it.
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
  private final Map<String, String> adminClient;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(
      KafkaRaftServer server,
      DataDirLock lock,
      String bootstrapServers,
      Map<String, String> adminClient) {
    this.server = server;
    this.lock = lock;
    this.bootstrapServers = bootstrapServers;
    this.adminClient = adminClient;
  }

  /**
   * Starts a broker on {@code dataDir}, formatting it on first use and reusing its log afterwards,
   * that admits only clients with a certificate and only for what its ACLs allow.
   *
   * @param port the client port; 0 reuses last run's port when free, else picks a free one
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port, BrokerSecurity security) {
    return startLocked(dataDir, port, Optional.of(security));
  }

  /**
   * Starts a broker with PLAINTEXT listeners on loopback and no authorizer: anything on this
   * machine can read and write it. For tests of the broker's own mechanics and benchmarks only.
   */
  public static EmbeddedKafkaBroker startWithoutSecurity(Path dataDir, int port) {
    return startLocked(dataDir, port, Optional.empty());
  }

  private static EmbeddedKafkaBroker startLocked(
      Path dataDir, int port, Optional<BrokerSecurity> security) {
    Path dir = dataDir.toAbsolutePath().normalize();
    // Kafka locks its log directory too, but only after this method has rewritten the ports file.
    DataDirLock lock = DataDirLock.acquire(dir, "Kafka");
    try {
      return start(dir, port, lock, security);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EmbeddedKafkaBroker start(
      Path dir, int port, DataDirLock lock, Optional<BrokerSecurity> security) {
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

    KafkaConfig config =
        new KafkaConfig(serverProperties(logDir, brokerPort, controllerPort, security));
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
        "Kafka broker up on {} ({}; data {}) in {} ms",
        bootstrap,
        security.isPresent() ? "SSL, client certificate required, ACLs" : "PLAINTEXT, no ACLs",
        dir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedKafkaBroker(
        server, lock, bootstrap, security.map(BrokerSecurity::adminClient).orElse(Map.of()));
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
    Map<String, Object> config = new HashMap<>(adminClient);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
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
      Path logDir, int brokerPort, int controllerPort, Optional<BrokerSecurity> security) {
    String host = PersistedPorts.loopback().getHostAddress();
    // The client listener is named after its protocol; the controller listener uses the same one.
    String protocol = security.isPresent() ? "SSL" : "PLAINTEXT";
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    props.put(
        "listeners",
        protocol
            + "://"
            + host
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    props.put("advertised.listeners", protocol + "://" + host + ":" + brokerPort);
    props.put(
        "listener.security.protocol.map",
        protocol + ":" + protocol + "," + CONTROLLER_LISTENER + ":" + protocol);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", protocol);
    security.ifPresent(s -> secure(props, s));
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
   * Mutual TLS on both listeners (the controller's too: on loopback it is still reachable by every
   * process of the machine) and ACLs that deny by default.
   */
  private static void secure(Map<String, Object> props, BrokerSecurity security) {
    props.putAll(security.listenerTls());
    props.put("ssl.client.auth", "required");
    props.put("ssl.principal.mapping.rules", security.principalMappingRules());
    props.put("authorizer.class.name", BrokerSecurity.AUTHORIZER);
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("super.users", String.join(";", security.superUsers()));
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
