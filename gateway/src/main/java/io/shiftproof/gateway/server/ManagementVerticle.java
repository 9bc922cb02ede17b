package io.shiftproof.gateway.server;

import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Plain-HTTP endpoints for the operator and the orchestrator: liveness, readiness and Prometheus
 * metrics. They sit on their own port (loopback by default) because probes and scrapers carry no
 * client certificate, and nothing here reveals worker data.
 */
public final class ManagementVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final GatewayMetrics metrics;
  private final Map<String, BooleanSupplier> readinessChecks;
  private HttpServer server;
  private Router router;

  public ManagementVerticle(
      String host, int port, GatewayMetrics metrics, Map<String, BooleanSupplier> checks) {
    this.host = host;
    this.port = port;
    this.metrics = metrics;
    this.readinessChecks = new LinkedHashMap<>(checks);
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    return server.requestHandler(router).listen();
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** The paths this verticle serves, all {@code GET}; the published API description lists each. */
  public List<String> paths() {
    return router.getRoutes().stream().map(route -> route.getPath()).toList();
  }

  private void health(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    vertx
        .executeBlocking(
            () -> {
              JsonObject checks = new JsonObject();
              boolean ready = true;
              for (var check : readinessChecks.entrySet()) {
                boolean up = check.getValue().getAsBoolean();
                checks.put(check.getKey(), up ? "UP" : "DOWN");
                ready &= up;
              }
              return new JsonObject().put("status", ready ? "UP" : "DOWN").put("checks", checks);
            },
            false)
        .onSuccess(report -> json(ctx, "UP".equals(report.getString("status")) ? 200 : 503, report))
        .onFailure(ctx::fail);
  }

  private void metrics(RoutingContext ctx) {
    // A scrape reads the job's progress from the database: off the event loop.
    vertx
        .executeBlocking(metrics::scrape, false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(text))
        .onFailure(ctx::fail);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }
}
