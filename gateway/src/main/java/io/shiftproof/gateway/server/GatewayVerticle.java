package io.shiftproof.gateway.server;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.BodyLimit;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.ErrorResponder;
import io.shiftproof.gateway.api.OrganisationIssuers;
import io.shiftproof.gateway.api.PercentEncoding;
import io.shiftproof.gateway.api.RateLimits;
import io.shiftproof.gateway.config.GatewayConfig;
import io.shiftproof.gateway.config.TlsConfig;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.pki.TlsPolicy;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The public HTTPS API. Every connection is mutual TLS: a client without a certificate from the
 * hub's CA, or with one its revocation lists name, does not get past the handshake. Only the
 * versions and suites of {@link TlsPolicy} are offered.
 */
public final class GatewayVerticle extends VerticleBase {
  private final GatewayConfig config;
  private final TlsConfig tls;
  private final List<ApiRoutes> features;
  private final GatewayMetrics metrics;
  private final RateLimits rateLimits;
  private HttpServer server;
  private OrganisationIssuers issuers;

  /**
   * @param features the API's features (ingest, queries, evidence, audit, …), mounted in order
   * @param rateLimits the organisations' token buckets, one object shared by every instance
   */
  public GatewayVerticle(
      GatewayConfig config,
      TlsConfig tls,
      List<ApiRoutes> features,
      GatewayMetrics metrics,
      RateLimits rateLimits) {
    this.config = config;
    this.tls = tls;
    this.features = List.copyOf(features);
    this.metrics = metrics;
    this.rateLimits = rateLimits;
  }

  @Override
  public Future<?> start() {
    // Read here, not by the TLS layer alone: it checks no revocation list's signature.
    issuers = OrganisationIssuers.load(tls);
    server =
        vertx
            .createHttpServer(serverOptions())
            .requestHandler(router())
            .invalidRequestHandler(ErrorResponder::invalidRequest);
    return server.listen();
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private Router router() {
    ErrorResponder errors = new ErrorResponder(metrics);
    Router router = Router.router(vertx);
    router.route().handler((PlatformHandler) this::measure);
    router.route().handler(new BodyLimit(config.maxBodyBytes()));
    router.route().handler(new PercentEncoding());
    // Every route but the workers' (/v1/me/…, by bearer token) is for organisations.
    // "/v1" itself included: it is no route, but a request for it must still say who sends it.
    router.routeWithRegex("/v1(?!/me/).*").handler(new ClientIdentityHandler(issuers));
    // Every route, unknown paths included: a flood of bad requests is limited like good ones.
    router.route("/v1/*").handler(rateLimits.handler(metrics));
    ApiRouter api = new ApiRouter(router, config.requestTimeout(), config.maxBodyBytes());
    features.forEach(feature -> feature.mount(api));
    router.route().failureHandler(errors::handleFailure);
    router.errorHandler(404, errors::handleFailure);
    router.errorHandler(405, errors::handleFailure);
    router.errorHandler(500, errors::handleFailure);
    // Vert.x Web answers these itself (a path it cannot decode, a body over a route's limit).
    router.errorHandler(400, errors::handleFailure);
    router.errorHandler(413, errors::handleFailure);
    return router;
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
    String remembered = ctx.get(ApiRouter.ROUTE_KEY);
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
    options.setEnabledSecureTransportProtocols(new LinkedHashSet<>(TlsPolicy.PROTOCOLS));
    TlsPolicy.cipherSuites().forEach(options::addEnabledCipherSuite);
    tls.revocationList().ifPresent(crl -> options.addCrlPath(crl.toString()));
    return options
        .setHost(config.host())
        .setPort(config.port())
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(tls.serverCertificate().toString())
                .setKeyPath(tls.serverKey().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(tls.caCertificate().toString()))
        // Requested, not required: workers connect without a certificate and present a token;
        // every organisation route still refuses a request without one (CERTIFICATE_REQUIRED),
        // and a certificate that does not chain to the CA still fails the handshake.
        .setClientAuth(ClientAuth.REQUEST)
        .setIdleTimeout((int) config.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setCompressionSupported(false);
  }
}
