package io.shiftproof.gateway.api;

import io.shiftproof.ledger.identity.Role;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * A route as a feature declared it: method, path template and who may call it. The published API
 * description is checked against these, so a route cannot be added without being described.
 *
 * @param path the router's template, with {@code :name} parameters
 * @param roles the organisation roles the route is open to; empty for a workers' route
 * @param bearer whether the caller is a worker with a bearer token rather than an organisation
 */
public record DeclaredRoute(HttpMethod method, String path, Set<Role> roles, boolean bearer) {
  public DeclaredRoute {
    roles = Set.copyOf(roles);
  }

  /**
   * The path as OpenAPI writes it: {@code /v1/claims/{claimId}} for {@code /v1/claims/:claimId}.
   */
  public String openApiPath() {
    return path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }
}
