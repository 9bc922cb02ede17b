package io.shiftproof.gateway.http;

import io.shiftproof.gateway.audit.AuditHandler;
import io.shiftproof.gateway.config.GatewayConfig;
import io.shiftproof.gateway.config.TlsConfig;
import io.shiftproof.gateway.evidence.EvidenceHandler;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.gateway.query.DayRecordQueryHandler;
import io.shiftproof.gateway.query.LateEventQueryHandler;
import io.shiftproof.gateway.query.QueryRequestValidator;
import io.shiftproof.ledger.identity.Role;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The public HTTPS API. Every connection is mutual TLS: a client without a certificate from the
 * hub's CA does not get past the handshake.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final String ROUTE_KEY = "shiftproof.route";

  /** An evidence request is two short fields; anything much larger is not one. */
  private static final long EVIDENCE_REQUEST_LIMIT = 4_096;

  private final GatewayConfig config;
  private final TlsConfig tls;
  private final IngestHandler ingest;
  private final DayRecordQueryHandler queries;
  private final LateEventQueryHandler lateEvents;
  private final EvidenceHandler evidence;
  private final AuditHandler audit;
  private final GatewayMetrics metrics;
  private HttpServer server;

  public GatewayVerticle(
      GatewayConfig config,
      TlsConfig tls,
      IngestHandler ingest,
      DayRecordQueryHandler queries,
      LateEventQueryHandler lateEvents,
      EvidenceHandler evidence,
      AuditHandler audit,
      GatewayMetrics metrics) {
    this.config = config;
    this.tls = tls;
    this.ingest = ingest;
    this.queries = queries;
    this.lateEvents = lateEvents;
    this.evidence = evidence;
    this.audit = audit;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(serverOptions()).requestHandler(router());
    return server.listen();
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private Router router() {
    ErrorResponder errors = new ErrorResponder(metrics);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    Router router = Router.router(vertx);
    router.route().handler((PlatformHandler) this::measure);
    router.route("/v1/*").handler(new ClientIdentityHandler());
    api(router, HttpMethod.POST, "/v1/events", Role.PLATFORM).handler(body).handler(ingest::handle);
    api(router, HttpMethod.GET, "/v1/workers/:workerRef/days/:day", Role.INSURER, Role.ADMIN)
        .handler(QueryRequestValidator::validateDay)
        .handler(queries::day);
    api(router, HttpMethod.GET, "/v1/workers/:workerRef/status", Role.INSURER, Role.ADMIN)
        .handler(QueryRequestValidator::validateStatus)
        .handler(queries::status);
    api(router, HttpMethod.GET, "/v1/late-events", Role.ADMIN)
        .handler(QueryRequestValidator::validateLateEvents)
        .handler(lateEvents::lateEvents);
    api(router, HttpMethod.POST, "/v1/evidence", Role.INSURER, Role.ADMIN)
        .handler(BodyHandler.create(false).setBodyLimit(EVIDENCE_REQUEST_LIMIT))
        .handler(evidence::evidence);
    // The audit re-reads the whole history: it has a budget of its own.
    api(router, HttpMethod.GET, "/v1/audit", AuditHandler.TIMEOUT, Role.ADMIN)
        .handler(audit::audit);
    router.route().failureHandler(errors::handleFailure);
    router.errorHandler(404, errors::handleFailure);
    router.errorHandler(405, errors::handleFailure);
    router.errorHandler(500, errors::handleFailure);
    return router;
  }

  /**
   * An API route open to the given roles, named in the request metrics by its template, answered
   * within the gateway's request timeout.
   */
  private Route api(Router router, HttpMethod method, String path, Role... roles) {
    return api(router, method, path, config.requestTimeout(), roles);
  }

  private static Route api(
      Router router, HttpMethod method, String path, Duration timeout, Role... roles) {
    return router
        .route(method, path)
        .handler(TimeoutHandler.create(timeout.toMillis(), 503))
        .handler((PlatformHandler) GatewayVerticle::rememberRoute)
        .handler(ClientIdentityHandler.requireRole(roles));
  }

  /**
   * Keeps the template of the matched route: once a request fails, the failure handler's catch-all
   * route is the current one, and an error would be measured as "other".
   */
  private static void rememberRoute(RoutingContext ctx) {
    ctx.put(ROUTE_KEY, ctx.currentRoute().getPath());
    ctx.next();
  }

  private void measure(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(
        done -> {
          metrics.request(
              routeName(ctx), ctx.response().getStatusCode(), System.nanoTime() - start);
        });
    ctx.next();
  }

  private static String routeName(RoutingContext ctx) {
    String remembered = ctx.get(ROUTE_KEY);
    if (remembered != null) {
      return remembered;
    }
    Route current = ctx.currentRoute();
    return current == null || current.getPath() == null ? "other" : current.getPath();
  }

  private HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions();
    if (OpenSSLEngineOptions.isAvailable()) {
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    }
    return options
        .setHost(config.host())
        .setPort(config.port())
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(tls.serverCertificate().toString())
                .setKeyPath(tls.serverKey().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(tls.caCertificate().toString()))
        .setClientAuth(ClientAuth.REQUIRED)
        .setIdleTimeout((int) config.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setCompressionSupported(false);
  }
}
