package io.shiftproof.gateway.api;

import io.shiftproof.ledger.identity.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What a feature sees of the gateway's router: routes that already carry the request timeout, the
 * route's name for the metrics and the role check, so no feature can forget them.
 */
public final class ApiRouter {
  /** Where the matched route's template is kept for the request metrics. */
  public static final String ROUTE_KEY = "shiftproof.route";

  private final Router router;
  private final Duration requestTimeout;
  private final long maxBodyBytes;
  private final List<DeclaredRoute> declared = new ArrayList<>();

  /**
   * @param requestTimeout the budget of a request unless its route asks for another
   * @param maxBodyBytes the largest body a route that takes one reads by default
   */
  public ApiRouter(Router router, Duration requestTimeout, long maxBodyBytes) {
    this.router = router;
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** A route open to the given roles, answered within the gateway's request timeout. */
  public Route route(HttpMethod method, String path, Role... roles) {
    return route(method, path, requestTimeout, roles);
  }

  /** A route open to the given roles, with a budget of its own. */
  public Route route(HttpMethod method, String path, Duration timeout, Role... roles) {
    EnumSet<Role> open = EnumSet.noneOf(Role.class);
    open.addAll(List.of(roles));
    declared.add(new DeclaredRoute(method, path, open, false));
    return router
        .route(method, path)
        .handler(TimeoutHandler.create(timeout.toMillis(), 503))
        .handler((PlatformHandler) ApiRouter::rememberRoute)
        .handler(ClientIdentityHandler.requireRole(roles));
  }

  /**
   * A route for workers, who have no certificate: the caller is the worker whose token the request
   * carries ({@link BearerToken}), answered within the gateway's request timeout.
   */
  public Route workerRoute(HttpMethod method, String path) {
    declared.add(new DeclaredRoute(method, path, EnumSet.noneOf(Role.class), true));
    return router
        .route(method, path)
        .handler(TimeoutHandler.create(requestTimeout.toMillis(), 503))
        .handler((PlatformHandler) ApiRouter::rememberRoute)
        .handler(new BearerToken());
  }

  /** Every route declared through this router so far, in the order they were declared. */
  public List<DeclaredRoute> declared() {
    return List.copyOf(declared);
  }

  /** Reads the body, up to the gateway's configured limit ({@code 413} beyond it). */
  public BodyHandler body() {
    return body(maxBodyBytes);
  }

  /** Reads the body up to {@code limit} bytes, for routes whose requests are small by nature. */
  public BodyHandler body(long limit) {
    return BodyHandler.create(false).setBodyLimit(limit);
  }

  /**
   * Keeps the template of the matched route: once a request fails, the failure handler's catch-all
   * route is the current one, and an error would be measured as "other".
   */
  private static void rememberRoute(RoutingContext ctx) {
    ctx.put(ROUTE_KEY, ctx.currentRoute().getPath());
    ctx.next();
  }
}
