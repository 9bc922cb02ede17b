package io.shiftproof.hub;

import io.shiftproof.config.Settings;
import io.shiftproof.embedded.EmbeddedKafkaBroker;
import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.gateway.access.AccessLogAnchoring;
import io.shiftproof.gateway.access.AccessLogHandler;
import io.shiftproof.gateway.access.AccessLogReader;
import io.shiftproof.gateway.access.PostgresWorkerDataAccess;
import io.shiftproof.gateway.access.WorkerDataAccess;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.audit.AuditHandler;
import io.shiftproof.gateway.audit.RecordAudit;
import io.shiftproof.gateway.claims.ClaimService;
import io.shiftproof.gateway.claims.ClaimsHandler;
import io.shiftproof.gateway.claims.PostgresClaimStore;
import io.shiftproof.gateway.config.EvidenceConfig;
import io.shiftproof.gateway.config.GatewayConfig;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.gateway.config.KafkaConfig;
import io.shiftproof.gateway.config.KeyRetentionConfig;
import io.shiftproof.gateway.config.PostgresConfig;
import io.shiftproof.gateway.config.TlsConfig;
import io.shiftproof.gateway.evidence.EvidenceHandler;
import io.shiftproof.gateway.evidence.EvidenceService;
import io.shiftproof.gateway.ingest.EventKeyRetention;
import io.shiftproof.gateway.ingest.EventPublisher;
import io.shiftproof.gateway.ingest.IngestHandler;
import io.shiftproof.gateway.ingest.KafkaEventIngestor;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.gateway.query.DayRecordLookup;
import io.shiftproof.gateway.query.DayRecordQueryHandler;
import io.shiftproof.gateway.query.LateEventLookup;
import io.shiftproof.gateway.query.LateEventQueryHandler;
import io.shiftproof.gateway.server.GatewayVerticle;
import io.shiftproof.gateway.server.ManagementVerticle;
import io.shiftproof.gateway.stats.PostgresStatistics;
import io.shiftproof.gateway.stats.StatsHandler;
import io.shiftproof.gateway.store.Database;
import io.shiftproof.gateway.tokens.PostgresWorkerTokens;
import io.shiftproof.gateway.tokens.WorkerTokens;
import io.shiftproof.gateway.workers.WorkerHandler;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.evidence.EvidenceBundleBuilder;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.records.PostgresDayRecordReader;
import io.shiftproof.records.PostgresEvidenceReader;
import io.shiftproof.records.PostgresLateEventReader;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.schemas.wire.BatchDecoder;
import io.shiftproof.schemas.wire.BatchLimits;
import io.shiftproof.streamjobs.JobKeys;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: the gateway plus whatever of Kafka and PostgreSQL is embedded. External services
 * are used where configured; the code paths past the endpoints are the same either way.
 */
public final class Hub implements AutoCloseable {
  /**
   * The file in the data directory where {@code shiftproof run} records where the hub listens; read
   * by the other commands and by anything supervising a hub process.
   */
  public static final String ENDPOINT_FILE = "hub-endpoint.properties";

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  /** The organisation the hub signs ledger transactions as. */
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  private final Path credentialsDir;
  private String kafkaBootstrap;
  private String topic;
  private PostgresConfig postgres;
  private String host;
  private int apiPort;
  private int managementPort;
  private String managementHost;
  private boolean embeddedKafka;
  private boolean embeddedPostgres;
  private boolean embeddedJob;

  private Hub(Path credentialsDir) {
    this.credentialsDir = credentialsDir;
  }

  /** Starts everything the settings ask for; on failure, stops what was started and rethrows. */
  public static Hub start(Settings settings) {
    Path dataDir = settings.get(GatewayKeys.DATA_DIR).toAbsolutePath().normalize();
    Hub hub = new Hub(dataDir.resolve("credentials"));
    try {
      hub.startAll(settings, dataDir);
      return hub;
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
  }

  private void startAll(Settings settings, Path dataDir) {
    createDirectories(dataDir);
    GatewayConfig gateway = GatewayConfig.from(settings);
    // The job's settings decide the topic the gateway writes and the zone its queries read.
    StreamJobConfig streamJob = StreamJobConfig.from(settings);
    KafkaConfig kafka = KafkaConfig.from(settings, streamJob.topic());
    TlsConfig tls = TlsConfig.from(settings);
    // Read before anything starts, so a bad value stops the hub before it starts servers.
    EvidenceConfig evidenceConfig = EvidenceConfig.from(settings);
    ZoneId zone = streamJob.job().workingTime().zone();
    LedgerKind ledgerKind = settings.get(JobKeys.LEDGER_KIND);
    if (TlsConfig.usesDevelopmentCredentials(settings)) {
      DevCredentials.ensure(credentialsDir, DevCredentials.STANDARD_ORGANISATIONS);
    }

    postgres = PostgresConfig.from(settings);
    if (postgres.url().isEmpty()) {
      EmbeddedPostgresServer server =
          register(EmbeddedPostgresServer.start(dataDir.resolve("postgres"), 0));
      postgres = postgres.withServer(server.jdbcUrl(), server.user(), server.password());
      embeddedPostgres = true;
    }
    Database database = register(Database.open(postgres));
    KeyRetentionConfig keyRetention =
        KeyRetentionConfig.from(settings, streamJob.job().correctionHorizon());
    register(
        KeyPruning.start(new EventKeyRetention(database.dataSource(), keyRetention.retention())));

    if (kafka.bootstrapServers().isEmpty()) {
      EmbeddedKafkaBroker broker = register(EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0));
      kafka = kafka.withBootstrap(broker.bootstrapServers());
      embeddedKafka = true;
    }
    kafkaBootstrap = kafka.bootstrapServers().orElseThrow();
    topic = kafka.topic();
    TopicAdmin.ensureTopic(kafkaBootstrap, topic, kafka.partitions());
    EventPublisher publisher = register(new EventPublisher(kafkaBootstrap, kafka));

    // The hub signs ledger entries and evidence with the key it presents as a TLS server: one
    // identity, issued by the same CA that outside parties already trust.
    LedgerSettings ledgerSettings =
        new LedgerSettings(
            postgres.url().orElseThrow(),
            postgres.user(),
            postgres.password(),
            tls.serverKey().toString());
    LedgerEndpoint ledgerEndpoint = Ledgers.endpoint(ledgerKind, ledgerSettings);
    Signer hubSigner = PemKeys.signer(tls.serverKey());
    // The gateway's own transactions (access log, reads) use its connection pool; the job, in
    // another process on a cluster, opens the ledger from the endpoint.
    Ledger ledger = register(Ledgers.open(ledgerKind, ledgerSettings, database.dataSource()));

    Optional<EmbeddedWorkingTimeJob> job = Optional.empty();
    if (streamJob.embedded()) {
      embeddedJob = true;
      RecordStoreConfig store =
          new RecordStoreConfig(postgres.url().orElseThrow(), postgres.user(), postgres.password());
      job =
          Optional.of(
              register(
                  EmbeddedWorkingTimeJob.start(
                      dataDir.resolve("flink-checkpoints"),
                      kafkaBootstrap,
                      topic,
                      PostgresDayRecordOutputs.anchored(
                          store, streamJob.job().jobName(), ledgerEndpoint),
                      streamJob.job(),
                      streamJob.parallelism())));
    }
    Verifier hubKey = PemKeys.verifier(tls.serverCertificate());
    GatewayMetrics metrics = register(new GatewayMetrics());
    BatchDecoder decoder =
        new BatchDecoder(
            new BatchLimits(
                gateway.maxEventsPerBatch(),
                gateway.maxFutureSkew(),
                (int) gateway.maxBodyBytes()));
    PostgresEvidenceReader evidenceReader =
        new PostgresEvidenceReader(database.dataSource(), streamJob.job().jobName());
    EvidenceService evidence =
        new EvidenceService(
            evidenceReader,
            publisher::publish,
            evidenceConfig.sealWait(),
            ledger,
            new EvidenceBundleBuilder(hubSigner, certificateChain(tls)),
            zone,
            Clock.systemUTC());
    WorkerDataAccess access =
        new PostgresWorkerDataAccess(database.dataSource(), Clock.systemUTC());
    register(
        AccessLogBatching.start(
            new AccessLogAnchoring(database.dataSource(), ledger),
            settings.get(GatewayKeys.ACCESS_LOG_ANCHOR_INTERVAL)));
    WorkerTokens tokens = new PostgresWorkerTokens(database.dataSource(), Clock.systemUTC());
    AccessLogReader accessLog = new AccessLogReader(database.dataSource());
    DayRecordLookup dayRecords =
        new DayRecordLookup(
            new PostgresDayRecordReader(database.dataSource(), streamJob.job().jobName()), zone);
    ClaimService claims =
        new ClaimService(
            ledger,
            new PostgresClaimStore(database.dataSource()),
            evidence,
            evidenceReader,
            access,
            tokens,
            zone,
            Clock.systemUTC());
    // The API's features, each with its routes; a new feature joins this list.
    List<ApiRoutes> features =
        List.of(
            new IngestHandler(
                decoder,
                new KafkaEventIngestor(database.dataSource(), publisher),
                metrics,
                Clock.systemUTC()),
            new DayRecordQueryHandler(dayRecords, access, zone),
            new LateEventQueryHandler(
                new LateEventLookup(new PostgresLateEventReader(database.dataSource())), zone),
            new EvidenceHandler(evidence, access, zone),
            new ClaimsHandler(claims),
            new AccessLogHandler(accessLog, zone),
            new WorkerHandler(tokens, dayRecords, claims, evidence, accessLog, zone),
            new StatsHandler(new PostgresStatistics(database.dataSource(), zone)),
            new AuditHandler(new RecordAudit(database.dataSource(), ledger, hubKey)));

    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(gateway.instances() * 8));
    register(() -> vertx.close().await());
    // Every instance must bind the same port, so a configured 0 is resolved once, up front.
    GatewayConfig bound = gateway.port() == 0 ? gateway.withPort(FreePort.find()) : gateway;
    vertx
        .deployVerticle(
            () -> new GatewayVerticle(bound, tls, features, metrics),
            new DeploymentOptions().setInstances(bound.instances()))
        .await();
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("postgres", database::isReachable);
    checks.put("kafka", publisher::isReachable);
    job.ifPresent(running -> checks.put("stream-job", running::isRunning));
    ManagementVerticle management =
        new ManagementVerticle(gateway.managementHost(), gateway.managementPort(), metrics, checks);
    vertx.deployVerticle(management).await();

    host = gateway.host();
    apiPort = bound.port();
    managementHost = gateway.managementHost();
    managementPort = management.actualPort();
    LOG.info("hub ready: api {} management {}", apiUrl(), managementUrl());
  }

  public URI apiUrl() {
    return URI.create("https://" + displayHost(host) + ":" + apiPort);
  }

  public URI managementUrl() {
    return URI.create("http://" + displayHost(managementHost) + ":" + managementPort);
  }

  public Path credentialsDir() {
    return credentialsDir;
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrap;
  }

  public String topic() {
    return topic;
  }

  public PostgresConfig postgres() {
    return postgres;
  }

  /** What runs embedded in this process, for the start-up banner. */
  public String embeddedSummary() {
    List<String> parts = new ArrayList<>();
    if (embeddedKafka) {
      parts.add("Kafka " + kafkaBootstrap);
    }
    if (embeddedPostgres) {
      parts.add("PostgreSQL " + postgres.url().orElseThrow());
    }
    if (embeddedJob) {
      parts.add("the working-time job on a Flink MiniCluster");
    }
    // postgres is the only ledger.kind until a Fabric network can be configured.
    parts.add("the ledger (hash-chained, in PostgreSQL)");
    return String.join(", ", parts);
  }

  /** The hub's certificate and the CA's, as evidence carries them for offline checking. */
  private static String certificateChain(TlsConfig tls) {
    try {
      return Files.readString(tls.serverCertificate()) + Files.readString(tls.caCertificate());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the hub's certificates: " + e, e);
    }
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }

  private <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create data directory " + dir + ": " + e, e);
    }
  }

  /** Stops everything in the reverse order it was started. */
  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
      }
    }
  }
}
