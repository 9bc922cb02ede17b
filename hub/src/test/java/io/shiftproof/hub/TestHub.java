package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.gateway.config.PostgresConfig;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.simulator.BatchPusher;
import io.shiftproof.simulator.PlatformBatch;
import io.shiftproof.simulator.PushConfig;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/** A hub started for a test, on free ports, with HTTPS clients for the development orgs. */
public final class TestHub implements AutoCloseable {
  private final Hub hub;
  private final Map<String, HttpClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, PrivateKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

  private TestHub(Hub hub) {
    this.hub = hub;
  }

  /** Starts a hub with embedded Kafka and PostgreSQL under {@code dataDir}. */
  public static TestHub start(Path dataDir, Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(GatewayKeys.DATA_DIR.name(), dataDir.toString());
    overrides.put(GatewayKeys.GATEWAY_PORT.name(), "0");
    overrides.put(GatewayKeys.MANAGEMENT_PORT.name(), "0");
    overrides.put(GatewayKeys.GATEWAY_INSTANCES.name(), "2");
    // Most tests exercise the gateway alone; those that need the job ask for it.
    overrides.put(HubKeys.STREAM_JOB_MODE.name(), "external");
    overrides.putAll(extra);
    return new TestHub(Hub.start(HubSettings.load(null, Map.of(), overrides)));
  }

  public static TestHub start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  public Hub hub() {
    return hub;
  }

  /** Pushes a simulation's batches through the API as its platforms, four batches in flight. */
  public PushReport push(SimulationConfig simulation) throws InterruptedException {
    return push(Simulation.generate(simulation));
  }

  /** Pushes the given batches through the API as their platforms, four batches in flight. */
  public PushReport push(Stream<PlatformBatch> batches) throws InterruptedException {
    return new BatchPusher(
            PushConfig.builder(hub.apiUrl()).concurrency(4).build(),
            this::sslContext,
            this::privateKey,
            new PrintStream(OutputStream.nullOutputStream()))
        .push(batches);
  }

  /**
   * Waits until the hub's embedded job has applied every event up to {@code newestEvent} and stored
   * the records holding them; fails the test after 5 minutes.
   */
  public void awaitProcessed(Instant newestEvent) throws Exception {
    try (java.sql.Connection c = connectDatabase()) {
      StoredDayRecords.Progress progress =
          StoredDayRecords.awaitProcessed(
              c, WorkingTimeJobConfig.defaults(), newestEvent, Duration.ofMinutes(5));
      assertThat(progress.reached()).as(progress.toString()).isTrue();
    }
  }

  /** The mutual-TLS context of a development organisation. */
  public SSLContext sslContext(String organisation) {
    Path creds = hub.credentialsDir();
    return TlsContexts.clientContext(
        creds.resolve(organisation).resolve("cert.pem"),
        creds.resolve(organisation).resolve("key.pem"),
        creds.resolve("ca.pem"));
  }

  /** A data source as the role the hub itself uses, for the hub's own readers. */
  public javax.sql.DataSource runtimeDataSource() {
    PostgresConfig postgres = hub.postgres();
    org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
    dataSource.setURL(postgres.url().orElseThrow());
    dataSource.setUser(postgres.user());
    dataSource.setPassword(postgres.password());
    return dataSource;
  }

  public HttpClient client(String organisation) {
    return clients.computeIfAbsent(
        organisation,
        org ->
            HttpClient.newBuilder()
                .sslContext(sslContext(org))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
  }

  /** Sees every request made through this helper's methods, with its answer. */
  public interface ExchangeObserver {
    void exchanged(
        String method,
        String path,
        Map<String, String> headers,
        Optional<String> body,
        HttpResponse<String> response);
  }

  private final List<ExchangeObserver> observers = new CopyOnWriteArrayList<>();

  /** Adds an observer of every later request, e.g. to check it against the API description. */
  public void observe(ExchangeObserver observer) {
    observers.add(observer);
  }

  private HttpResponse<String> send(
      String organisation,
      String method,
      String path,
      Map<String, String> headers,
      Optional<byte[]> body,
      Duration timeout)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hub.apiUrl().resolve(path)).timeout(timeout);
    headers.forEach(request::header);
    request.method(
        method,
        body.map(HttpRequest.BodyPublishers::ofByteArray)
            .orElse(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> response =
        client(organisation).send(request.build(), HttpResponse.BodyHandlers.ofString());
    // An empty body is no body: the request says Content-Length 0.
    Optional<String> text =
        body.filter(b -> b.length > 0)
            .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    observers.forEach(o -> o.exchanged(method, path, headers, text, response));
    return response;
  }

  public HttpResponse<String> post(String organisation, String path, String type, byte[] body)
      throws Exception {
    return send(
        organisation,
        "POST",
        path,
        Map.of("content-type", type),
        Optional.of(body),
        Duration.ofSeconds(60));
  }

  /** A batch to {@code POST /v1/events} as {@code platform}, signed with its certificate's key. */
  public HttpResponse<String> postEvents(String platform, String type, byte[] body)
      throws Exception {
    return send(
        platform,
        "POST",
        "/v1/events",
        Map.of(
            "content-type",
            type,
            BatchSignature.HEADER,
            BatchSignature.sign(privateKey(platform), body)),
        Optional.of(body),
        Duration.ofSeconds(60));
  }

  /** A JSON batch to {@code POST /v1/events} as {@code platform}, signed. */
  public HttpResponse<String> postJson(String platform, String json) throws Exception {
    return postEvents(
        platform, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The private key of a development organisation's certificate, read once. */
  public PrivateKey privateKey(String organisation) {
    return keys.computeIfAbsent(
        organisation, o -> PemKeys.privateKey(hub.credentialsDir().resolve(o).resolve("key.pem")));
  }

  /** An authenticated GET on the API as {@code organisation}. */
  public HttpResponse<String> get(String organisation, String path) throws Exception {
    return send(organisation, "GET", path, Map.of(), Optional.empty(), Duration.ofSeconds(30));
  }

  /** A connection to the hub's PostgreSQL database, for arranging and inspecting rows. */
  public java.sql.Connection connectDatabase() throws java.sql.SQLException {
    PostgresConfig postgres = hub.postgres();
    // As the tables' owner: tests read everything and change rows behind the hub's back.
    PostgresConfig.Credentials owner =
        postgres
            .owner()
            .orElse(new PostgresConfig.Credentials(postgres.user(), postgres.password()));
    return java.sql.DriverManager.getConnection(
        postgres.url().orElseThrow(), owner.user(), owner.password());
  }

  /** A connection as the role the hub itself uses, with only the runtime grants. */
  public java.sql.Connection connectAsHub() throws java.sql.SQLException {
    PostgresConfig postgres = hub.postgres();
    return java.sql.DriverManager.getConnection(
        postgres.url().orElseThrow(), postgres.user(), postgres.password());
  }

  /** A plain GET on the management port. */
  public HttpResponse<String> management(String path) throws Exception {
    URI uri = hub.managementUrl().resolve(path);
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return plain.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    hub.close();
  }
}
