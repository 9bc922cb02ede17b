package io.shiftproof.gateway;

import io.shiftproof.config.Settings;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.RateLimits;
import io.shiftproof.gateway.config.GatewayConfig;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.gateway.config.TlsConfig;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.gateway.server.GatewayVerticle;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchSignature;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The real {@link GatewayVerticle} on a free port with real mutual TLS, mounting only the features
 * a test hands it (built over fakes), and requests as any development organisation. It is a
 * verticle itself, deployed into a {@link Vertx} from {@code VertxExtension}: when the extension
 * closes that Vert.x, the gateway and its metrics go with it.
 *
 * <p>A test class starts one in {@code @BeforeAll} (the Vert.x injected there lives as long as the
 * class) and resets its fakes before each test: a request then takes milliseconds, where a gateway
 * per test would spend a fifth of a second on Vert.x and TLS set-up.
 *
 * <pre>
 * &#64;BeforeAll
 * static void start(Vertx vertx) {
 *   server = RouteTestServer.start(vertx, new AuditHandler(auditor)).await();
 * }
 * </pre>
 *
 * <p>The development credentials are issued once per test JVM into a temporary directory, and each
 * organisation's client is made once from them. The clients are the JDK's, as the command line's
 * and the hub's integration tests are: Vert.x's own client, reusing a connection on which the
 * gateway refused a body before reading it ({@code 413}), now and then never completes the next
 * request on it.
 */
public final class RouteTestServer extends VerticleBase {
  /**
   * {@code gateway.max-body-bytes} of the server: small, so a test can exceed it cheaply, but above
   * the evidence route's own 4 KiB limit, so that limit is seen to be the route's.
   */
  public static final long MAX_BODY_BYTES = 8_192;

  private static final String HOST = "127.0.0.1";

  /** Longer than any route's budget here, so a request that hangs fails its test by itself. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

  private final GatewayMetrics metrics;
  private final RateLimits rateLimits;
  private final List<ApiRoutes> features;
  private GatewayVerticle gateway;

  private RouteTestServer(GatewayMetrics metrics, RateLimits rateLimits, List<ApiRoutes> features) {
    this.metrics = metrics;
    this.rateLimits = rateLimits;
    this.features = List.copyOf(features);
  }

  /** Limits no route test reaches unless it means to. */
  private static RateLimits generousLimits() {
    return new RateLimits(1_000_000, 1_000_000);
  }

  /** Starts a gateway serving {@code features}, with metrics of its own. */
  public static Future<RouteTestServer> start(Vertx vertx, ApiRoutes... features) {
    return start(vertx, new GatewayMetrics(), features);
  }

  /**
   * Starts a gateway serving {@code features} and measured by {@code metrics}, for features that
   * take the gateway's metrics too. The server closes the metrics when it stops.
   */
  public static Future<RouteTestServer> start(
      Vertx vertx, GatewayMetrics metrics, ApiRoutes... features) {
    return start(vertx, metrics, generousLimits(), features);
  }

  /** Starts a gateway with rate limits of the test's choosing. */
  public static Future<RouteTestServer> start(
      Vertx vertx, GatewayMetrics metrics, RateLimits rateLimits, ApiRoutes... features) {
    RouteTestServer server = new RouteTestServer(metrics, rateLimits, List.of(features));
    return vertx.deployVerticle(server).map(id -> server);
  }

  @Override
  public Future<?> start() {
    DevCredentials credentials = Credentials.ISSUED;
    gateway =
        new GatewayVerticle(
            gatewayConfig(),
            new TlsConfig(
                credentials.caCertificate(),
                credentials.serverCertificate(),
                credentials.serverKey()),
            features,
            metrics,
            rateLimits);
    // Deployed from this verticle, the gateway is undeployed with it.
    return vertx.deployVerticle(gateway);
  }

  @Override
  public Future<?> stop() {
    metrics.close();
    return Future.succeededFuture();
  }

  /**
   * The gateway's settings as a hub would read them, on a free port and with a small body limit.
   */
  private static GatewayConfig gatewayConfig() {
    Settings settings =
        Settings.load(
            GatewayKeys.ALL,
            null,
            Map.of(),
            Map.of(
                GatewayKeys.GATEWAY_HOST.name(),
                HOST,
                GatewayKeys.GATEWAY_PORT.name(),
                "0",
                GatewayKeys.MAX_BODY_BYTES.name(),
                String.valueOf(MAX_BODY_BYTES),
                // A hung route fails its test in seconds, not after the default 30.
                GatewayKeys.REQUEST_TIMEOUT.name(),
                "PT5S"),
            "see GatewayKeys");
    return GatewayConfig.from(settings);
  }

  /** The port the gateway listens on. */
  public int port() {
    return gateway.actualPort();
  }

  /** A GET as {@code organisation}, one of {@link DevCredentials#STANDARD_ORGANISATIONS}. */
  public Future<RouteAnswer> get(String organisation, String path) {
    return send(organisation, HttpMethod.GET, path, null, Buffer.buffer());
  }

  /** A POST of {@code body} as {@code organisation}, with the given content type. */
  public Future<RouteAnswer> post(
      String organisation, String path, String contentType, Buffer body) {
    return send(organisation, HttpMethod.POST, path, contentType, body);
  }

  /** A POST of a JSON document as {@code organisation}. */
  public Future<RouteAnswer> postJson(String organisation, String path, String json) {
    return post(organisation, path, "application/json", Buffer.buffer(json));
  }

  /** A batch to {@code POST /v1/events} as {@code platform}, signed with its certificate's key. */
  public Future<RouteAnswer> postEvents(String platform, String contentType, Buffer body) {
    return postEvents(platform, contentType, body, batchSignature(platform, body.getBytes()));
  }

  /** A JSON batch to {@code POST /v1/events} as {@code platform}, signed with its key. */
  public Future<RouteAnswer> postEvents(String platform, String json) {
    return postEvents(platform, "application/json", Buffer.buffer(json));
  }

  /**
   * A batch to {@code POST /v1/events} as {@code platform} with the given signature header value
   * (none when null).
   */
  public Future<RouteAnswer> postEvents(
      String platform, String contentType, Buffer body, String signature) {
    return send(
        platform,
        HttpMethod.POST,
        "/v1/events",
        contentType,
        publisher(body),
        signature == null ? Map.of() : Map.of(BatchSignature.HEADER, signature));
  }

  /** The development credentials every route test server and client uses. */
  public static DevCredentials credentials() {
    return Credentials.ISSUED;
  }

  /** The signature header value {@code organisation}'s certificate key gives {@code body}. */
  public static String batchSignature(String organisation, byte[] body) {
    return BatchSignature.sign(
        PemKeys.privateKey(Credentials.ISSUED.privateKey(organisation)), body);
  }

  /**
   * Any request as {@code organisation}; {@code contentType} may be null for none. The answer
   * arrives on this server's event loop.
   */
  public Future<RouteAnswer> send(
      String organisation, HttpMethod method, String path, String contentType, Buffer body) {
    return send(organisation, method, path, contentType, publisher(body), Map.of());
  }

  private static HttpRequest.BodyPublisher publisher(Buffer body) {
    return body.length() == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body.getBytes());
  }

  /**
   * A request whose body is streamed without a length ({@code transfer-encoding: chunked}), as a
   * client sends one it does not know the size of in advance.
   */
  public Future<RouteAnswer> sendStreamed(
      String organisation, HttpMethod method, String path, String contentType, byte[] body) {
    return send(
        organisation,
        method,
        path,
        contentType,
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
        Map.of());
  }

  private Future<RouteAnswer> send(
      String organisation,
      HttpMethod method,
      String path,
      String contentType,
      HttpRequest.BodyPublisher body,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://" + HOST + ":" + port() + path))
            .timeout(CLIENT_TIMEOUT)
            .method(method.name(), body);
    if (contentType != null) {
      request.header("content-type", contentType);
    }
    headers.forEach(request::header);
    return Future.fromCompletionStage(
        Clients.of(organisation)
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
            .thenApply(RouteTestServer::answer),
        context);
  }

  /**
   * A request as a worker: no client certificate, trusting the development CA, with the given
   * {@code authorization} header (none when null).
   */
  public Future<RouteAnswer> sendAsWorker(
      HttpMethod method, String path, String authorization, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://" + HOST + ":" + port() + path))
            .timeout(CLIENT_TIMEOUT)
            .method(
                method.name(),
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("content-type", "application/json");
    }
    if (authorization != null) {
      request.header("authorization", authorization);
    }
    return Future.fromCompletionStage(
        Clients.anonymous()
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
            .thenApply(RouteTestServer::answer),
        context);
  }

  private static RouteAnswer answer(HttpResponse<byte[]> response) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    response.headers().map().forEach(headers::add);
    return new RouteAnswer(response.statusCode(), headers, Buffer.buffer(response.body()));
  }

  /** The development credentials of this test JVM, issued on first use and deleted at exit. */
  private static final class Credentials {
    static final DevCredentials ISSUED = issue();

    private static DevCredentials issue() {
      try {
        Path directory = Files.createTempDirectory("shiftproof-route-tests");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
        return DevCredentials.ensure(
            directory.resolve("credentials"), DevCredentials.STANDARD_ORGANISATIONS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void deleteTree(Path directory) {
      try (Stream<Path> paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }

  /**
   * One HTTPS client per organisation for the whole test JVM, presenting its certificate and
   * trusting the development CA; it keeps its connections to each gateway alive between requests.
   */
  private static final class Clients {
    private static final Map<String, HttpClient> BY_ORGANISATION = new ConcurrentHashMap<>();

    /** A client with no certificate, as a worker connects. */
    static HttpClient anonymous() {
      return BY_ORGANISATION.computeIfAbsent(
          "",
          none -> {
            try {
              java.security.KeyStore trust =
                  java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
              trust.load(null, null);
              trust.setCertificateEntry(
                  "ca", TlsContexts.loadCertificate(Credentials.ISSUED.caCertificate()));
              javax.net.ssl.TrustManagerFactory factory =
                  javax.net.ssl.TrustManagerFactory.getInstance(
                      javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
              factory.init(trust);
              javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
              ssl.init(null, factory.getTrustManagers(), null);
              return HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(CLIENT_TIMEOUT)
                  .sslContext(ssl)
                  .build();
            } catch (java.security.GeneralSecurityException | IOException e) {
              throw new IllegalStateException("cannot trust the development CA: " + e, e);
            }
          });
    }

    static HttpClient of(String organisation) {
      return BY_ORGANISATION.computeIfAbsent(
          organisation,
          org -> {
            DevCredentials credentials = Credentials.ISSUED;
            return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CLIENT_TIMEOUT)
                .sslContext(
                    TlsContexts.clientContext(
                        credentials.certificate(org),
                        credentials.privateKey(org),
                        credentials.caCertificate()))
                .build();
          });
    }
  }
}
