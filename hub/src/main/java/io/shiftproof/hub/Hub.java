package io.shiftproof.hub;

import io.shiftproof.config.Settings;
import io.shiftproof.embedded.EmbeddedKafkaBroker;
import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.gateway.access.AccessLogAnchoring;
import io.shiftproof.gateway.access.AccessLogHandler;
import io.shiftproof.gateway.access.AccessLogReader;
import io.shiftproof.gateway.access.PostgresWorkerDataAccess;
import io.shiftproof.gateway.access.WorkerDataAccess;
import io.shiftproof.gateway.api.ApiDescription;
import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.DeclaredRoute;
import io.shiftproof.gateway.api.RateLimits;
import io.shiftproof.gateway.audit.AuditHandler;
import io.shiftproof.gateway.audit.LedgerHeadHandler;
import io.shiftproof.gateway.audit.MeasuredAuditor;
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
import io.shiftproof.gateway.config.PseudonymConfig;
import io.shiftproof.gateway.config.RateLimitConfig;
import io.shiftproof.gateway.config.SigningConfig;
import io.shiftproof.gateway.config.TlsConfig;
import io.shiftproof.gateway.evidence.EvidenceHandler;
import io.shiftproof.gateway.evidence.EvidenceService;
import io.shiftproof.gateway.evidence.RecentSealRequests;
import io.shiftproof.gateway.ingest.BatchSignatureCheck;
import io.shiftproof.gateway.ingest.CorrectionHorizon;
import io.shiftproof.gateway.ingest.EventKeyRetention;
import io.shiftproof.gateway.ingest.EventPublisher;
import io.shiftproof.gateway.ingest.IngestHandler;
import io.shiftproof.gateway.ingest.JobWatermark;
import io.shiftproof.gateway.ingest.KafkaEventIngestor;
import io.shiftproof.gateway.ingest.TooLateEvents;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.gateway.metrics.PostgresPipelineProgress;
import io.shiftproof.gateway.pseudonyms.EvaluatorEndpoint;
import io.shiftproof.gateway.pseudonyms.PseudonymsHandler;
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
import io.shiftproof.pseudonyms.EvaluationKey;
import io.shiftproof.pseudonyms.EvaluationKeyFile;
import io.shiftproof.pseudonyms.Evaluator;
import io.shiftproof.records.PostgresDayRecordReader;
import io.shiftproof.records.PostgresEvidenceReader;
import io.shiftproof.records.PostgresLateEventReader;
import io.shiftproof.records.PostgresSignedEvents;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.schemas.sql.DatabaseRoles;
import io.shiftproof.schemas.wire.BatchDecoder;
import io.shiftproof.schemas.wire.BatchLimits;
import io.shiftproof.streamjobs.JobKeys;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.postgresql.ds.PGSimpleDataSource;
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

  /**
   * How old the job's committed watermark may be when ingest checks events against the correction
   * horizon: it moves at the job's checkpoints, seconds apart, and is read once per this interval.
   */
  private static final Duration WATERMARK_MAX_AGE = Duration.ofSeconds(5);

  /** The organisation the hub signs ledger transactions as. */
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  private final Path credentialsDir;
  private String kafkaBootstrap;
  private Map<String, String> kafkaAdmin;
  private String topic;
  private PostgresConfig postgres;
  private String host;
  private int apiPort;
  private int managementPort;
  private String managementHost;
  private boolean embeddedKafka;
  private boolean embeddedPostgres;
  private boolean embeddedJob;
  private List<DeclaredRoute> apiRoutes;
  private List<String> managementPaths;
  private LedgerKind ledgerKind = LedgerKind.DEFAULT;

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
    SigningConfig signing = SigningConfig.from(settings);
    // Read before anything starts, so a bad value stops the hub before it starts servers.
    EvidenceConfig evidenceConfig = EvidenceConfig.from(settings);
    ZoneId zone = streamJob.job().workingTime().zone();
    ledgerKind = settings.get(JobKeys.LEDGER_KIND);
    if (kafka.bootstrapServers().isEmpty() && !KafkaConfig.usesDevelopmentCredentials(settings)) {
      throw new IllegalArgumentException(
          GatewayKeys.KAFKA_CA_CERT.name()
              + ": got a CA for the embedded broker, which runs on the development credentials;"
              + " leave it empty, or set "
              + GatewayKeys.KAFKA_BOOTSTRAP.name()
              + " to a cluster of your own");
    }
    if (TlsConfig.usesDevelopmentCredentials(settings)
        || KafkaConfig.usesDevelopmentCredentials(settings)) {
      DevCredentials.ensure(credentialsDir, DevCredentials.STANDARD_ORGANISATIONS);
    }
    // The hub signs ledger entries and evidence with a key of its own, never the TLS key: only
    // the signing certificate's role makes a signature the hub's (docs/design.md §8.3). Checked
    // before any server starts, so the hub never signs what verifiers would refuse.
    Signer hubSigner = PemKeys.hubSigner(signing.key(), signing.certificate());
    // Read (or, with the development credentials, created) before any server starts: a hub that
    // cannot evaluate pseudonyms stops here, not after starting Kafka and PostgreSQL.
    PseudonymConfig pseudonymConfig = PseudonymConfig.from(settings);
    EvaluationKey hubShare = evaluationKey(pseudonymConfig, pseudonymConfig.hubKey(), "hub");
    EvaluationKey regulatorShare =
        evaluationKey(pseudonymConfig, pseudonymConfig.regulatorKey(), "regulator");

    postgres = PostgresConfig.from(settings);
    if (postgres.url().isEmpty()) {
      EmbeddedPostgresServer server =
          register(EmbeddedPostgresServer.start(dataDir.resolve("postgres"), 0));
      // The hub connects as the least-privilege runtime role; the server's own user owns the
      // tables and migrates them (docs/design.md §8.4).
      createRuntimeRole(server);
      postgres =
          postgres
              .withServer(server.jdbcUrl(), server.runtimeUser(), server.runtimePassword())
              .withOwner(server.user(), server.password());
      embeddedPostgres = true;
    }
    Database database = register(Database.open(postgres));
    KeyRetentionConfig keyRetention =
        KeyRetentionConfig.from(settings, streamJob.job().correctionHorizon());
    register(
        KeyPruning.start(new EventKeyRetention(database.dataSource(), keyRetention.retention())));

    kafkaAdmin = KafkaAccess.admin(settings).clientProperties();
    if (kafka.bootstrapServers().isEmpty()) {
      EmbeddedKafkaBroker broker =
          register(
              EmbeddedKafkaBroker.start(
                  dataDir.resolve("kafka"), 0, KafkaAccess.embeddedBroker(credentialsDir)));
      kafka = kafka.withBootstrap(broker.bootstrapServers());
      embeddedKafka = true;
    }
    kafkaBootstrap = kafka.bootstrapServers().orElseThrow();
    topic = kafka.topic();
    TopicAdmin.ensureTopic(kafkaBootstrap, kafkaAdmin, topic, kafka.partitions());
    if (embeddedKafka) {
      KafkaAccess.grant(kafkaBootstrap, kafkaAdmin, topic, streamJob.job().jobName());
    }
    EventPublisher publisher = register(new EventPublisher(kafkaBootstrap, kafka));

    LedgerSettings ledgerSettings =
        new LedgerSettings(
            postgres.url().orElseThrow(),
            postgres.user(),
            postgres.password(),
            signing.key().toString());
    LedgerEndpoint ledgerEndpoint = Ledgers.endpoint(ledgerKind, ledgerSettings);
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
                      KafkaAccess.job(settings).clientProperties(),
                      topic,
                      PostgresDayRecordOutputs.anchored(
                          store, streamJob.job().jobName(), ledgerEndpoint),
                      streamJob.job(),
                      streamJob.parallelism())));
    }
    Verifier hubKey = PemKeys.verifier(signing.certificate());
    GatewayMetrics metrics = register(new GatewayMetrics());
    metrics.watchPipeline(
        new PostgresPipelineProgress(database.dataSource(), streamJob.job().jobName()));
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
            new PostgresSignedEvents(database.dataSource()),
            new RecentSealRequests(
                publisher::publish, evidenceConfig.sealRepeatWindow(), Clock.systemUTC()),
            evidenceConfig.sealWait(),
            ledger,
            new EvidenceBundleBuilder(hubSigner, certificateChain(signing, tls)),
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
            pseudonyms(pseudonymConfig, hubShare, regulatorShare, metrics),
            new IngestHandler(
                decoder,
                new KafkaEventIngestor(database.dataSource(), publisher),
                metrics,
                Clock.systemUTC(),
                new TooLateEvents(
                    new CorrectionHorizon(
                        zone,
                        streamJob.job().workingTime().silenceTimeout(),
                        streamJob.job().correctionHorizon()),
                    new JobWatermark(evidenceReader::committedWatermark, WATERMARK_MAX_AGE)),
                new BatchSignatureCheck(
                    BatchSignatureCheck.Mode.of(settings.get(GatewayKeys.BATCH_SIGNATURES)),
                    metrics)),
            new DayRecordQueryHandler(dayRecords, access, zone),
            new LateEventQueryHandler(
                new LateEventLookup(new PostgresLateEventReader(database.dataSource())), zone),
            new EvidenceHandler(evidence, access, zone),
            new ClaimsHandler(claims),
            new AccessLogHandler(accessLog, zone),
            new WorkerHandler(tokens, dayRecords, claims, evidence, accessLog, zone),
            new StatsHandler(new PostgresStatistics(database.dataSource(), zone)),
            new AuditHandler(
                new MeasuredAuditor(
                    new RecordAudit(database.dataSource(), ledger, hubKey),
                    metrics,
                    Clock.systemUTC())),
            new LedgerHeadHandler(ledger::signedHead),
            new ApiDescription());

    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(gateway.instances() * 8));
    register(() -> vertx.close().await());
    // Each gateway instance builds its own router; one more, never served, lists the routes the
    // features declare, for checking the published API description against them.
    ApiRouter declaring =
        new ApiRouter(Router.router(vertx), gateway.requestTimeout(), gateway.maxBodyBytes());
    features.forEach(feature -> feature.mount(declaring));
    apiRoutes = declaring.declared();
    // Every instance must bind the same port, so a configured 0 is resolved once, up front.
    GatewayConfig bound = gateway.port() == 0 ? gateway.withPort(FreePort.find()) : gateway;
    // One set of buckets for all instances: an organisation's limit holds across event loops.
    RateLimits rateLimits = RateLimits.of(RateLimitConfig.from(settings));
    vertx
        .deployVerticle(
            () -> new GatewayVerticle(bound, tls, features, metrics, rateLimits),
            new DeploymentOptions().setInstances(bound.instances()))
        .await();
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("postgres", database::isReachable);
    checks.put("kafka", publisher::isReachable);
    job.ifPresent(running -> checks.put("stream-job", running::isRunning));
    ManagementVerticle management =
        new ManagementVerticle(gateway.managementHost(), gateway.managementPort(), metrics, checks);
    vertx.deployVerticle(management).await();
    managementPaths = management.paths();

    host = gateway.host();
    apiPort = bound.port();
    managementHost = gateway.managementHost();
    managementPort = management.actualPort();
    LOG.info("hub ready: api {} management {}", apiUrl(), managementUrl());
  }

  private static void createRuntimeRole(EmbeddedPostgresServer server) {
    PGSimpleDataSource owner = new PGSimpleDataSource();
    owner.setUrl(server.jdbcUrl());
    owner.setUser(server.user());
    owner.setPassword(server.password());
    try {
      DatabaseRoles.ensureRuntimeRole(owner, server.runtimeUser(), server.runtimePassword());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the database role " + server.runtimeUser() + ": " + e.getMessage(), e);
    }
  }

  public URI apiUrl() {
    return URI.create("https://" + displayHost(host) + ":" + apiPort);
  }

  public URI managementUrl() {
    return URI.create("http://" + displayHost(managementHost) + ":" + managementPort);
  }

  /** Every route of the API, as its features declared them. */
  public List<DeclaredRoute> apiRoutes() {
    return apiRoutes;
  }

  /** The paths of the management port, all {@code GET}. */
  public List<String> managementPaths() {
    return managementPaths;
  }

  public Path credentialsDir() {
    return credentialsDir;
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrap;
  }

  /**
   * The client settings ({@code security.protocol}, {@code ssl.*}) of the hub's Kafka
   * administration, a principal that may read and write every topic.
   */
  public Map<String, String> kafkaAdminClient() {
    return kafkaAdmin;
  }

  public String topic() {
    return topic;
  }

  /**
   * The database as the hub connects to it: {@code user} is the runtime role, {@code owner} the
   * tables' owner when the hub applied the migrations as it (always for the embedded server).
   */
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
    parts.add(
        ledgerKind == LedgerKind.FABRIC
            ? "the ledger (on Hyperledger Fabric)"
            : "the ledger (hash-chained, in PostgreSQL)");
    return String.join(", ", parts);
  }

  /**
   * The pseudonym evaluators, in the order a platform's elements pass through them: the hub's
   * share, then the regulator's. The regulator's evaluator is its own component with its own key
   * file and route; the embedded hub runs it on the regulator's behalf (docs/pseudonyms.md).
   */
  private static PseudonymsHandler pseudonyms(
      PseudonymConfig config,
      EvaluationKey hubShare,
      EvaluationKey regulatorShare,
      GatewayMetrics metrics) {
    SecureRandom random = new SecureRandom();
    return new PseudonymsHandler(
        List.of(
            new EvaluatorEndpoint(
                "hub",
                "/v1/pseudonyms/evaluate",
                new Evaluator(hubShare, random),
                new RateLimits(config.perSecond(), config.burst())),
            new EvaluatorEndpoint(
                "regulator",
                "/v1/pseudonyms/regulator/evaluate",
                new Evaluator(regulatorShare, new SecureRandom()),
                new RateLimits(config.perSecond(), config.burst()))),
        metrics);
  }

  /** One evaluator's key share: generated on first start with the development credentials. */
  private static EvaluationKey evaluationKey(PseudonymConfig config, Path file, String party) {
    return config.developmentKeys()
        ? EvaluationKeyFile.readOrCreate(file, party, new SecureRandom())
        : EvaluationKeyFile.read(file);
  }

  /** The hub's signing certificate and the CA's, as evidence carries them for offline checking. */
  private static String certificateChain(SigningConfig signing, TlsConfig tls) {
    try {
      return Files.readString(signing.certificate()) + Files.readString(tls.caCertificate());
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
