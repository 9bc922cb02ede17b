package io.shiftproof.gateway.server;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the gateway gives every feature: the caller's identity from its certificate, role checks,
 * request budgets, and one error mapping for paths, methods and failures no feature handles.
 */
@ExtendWith(VertxExtension.class)
class GatewayVerticleTest {
  /** Text that must stay in the log: an unexpected failure tells the client only a reference. */
  private static final String DETAIL = "pool shiftproof-db exhausted at db-primary.internal";

  /** The probe's store outages: the IllegalStateException below is none of them, but a bug. */
  private static final StoreOutage OUTAGE = StoreOutage.of("probe", IllegalArgumentException.class);

  /** A feature with one route for each thing the gateway is expected to do around a handler. */
  private static final ApiRoutes PROBE =
      router -> {
        router
            .route(HttpMethod.GET, "/v1/probe/identity", Role.values())
            .handler(
                ctx -> {
                  OrganisationIdentity who = ClientIdentityHandler.identity(ctx);
                  ctx.json(
                      new JsonObject()
                          .put("organisation", who.organisation())
                          .put("role", who.role().name()));
                });
        router
            .route(HttpMethod.GET, "/v1/probe/items/:id", Role.ADMIN)
            .handler(ctx -> ctx.json(new JsonObject().put("id", ctx.pathParam("id"))));
        router
            .route(HttpMethod.GET, "/v1/probe/broken", Role.ADMIN)
            .handler(
                ctx -> {
                  throw new IllegalStateException(DETAIL);
                });
        router
            .route(HttpMethod.GET, "/v1/probe/broken-work", Role.ADMIN)
            .handler(
                ctx ->
                    JsonAnswers.answer(
                        ctx,
                        OUTAGE,
                        () -> {
                          throw new IllegalStateException(DETAIL);
                        }));
        router
            .route(HttpMethod.GET, "/v1/probe/slow", Duration.ofMillis(100), Role.ADMIN)
            .handler(ctx -> {}); // never answers
      };

  private static final GatewayMetrics metrics = new GatewayMetrics();
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = RouteTestServer.start(vertx, metrics, PROBE).await();
  }

  @Test
  void handlerSeesTheOrganisationAndRoleOfTheClientCertificate(VertxTestContext test) {
    server
        .get("regulator", "/v1/probe/identity")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.json().getString("organisation")).isEqualTo("regulator");
                  assertThat(answer.json().getString("role")).isEqualTo("REGULATOR");
                }));
  }

  @Test
  void roleOutsideTheRoutesRolesIsForbidden(VertxTestContext test) {
    server
        .get("platform-1", "/v1/probe/items/7")
        .onComplete(
            expectError(
                test,
                403,
                "FORBIDDEN_ROLE",
                answer -> {
                  assertThat(answer.errorMessage())
                      .isEqualTo("role: got platform, want admin for this request");
                }));
  }

  @Test
  void unknownPathIsNotFoundAsJson(VertxTestContext test) {
    server
        .get("admin", "/v1/no-such-thing")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(404);
                  assertThat(answer.header("content-type")).isEqualTo("application/json");
                  assertThat(answer.errorCode()).isEqualTo("NOT_FOUND");
                }));
  }

  @Test
  void pathOutsideTheApiIsNotFoundToo(VertxTestContext test) {
    server.get("admin", "/favicon.ico").onComplete(expectError(test, 404, "NOT_FOUND"));
  }

  @Test
  void wrongMethodIsNotAllowed(VertxTestContext test) {
    server
        .send("admin", HttpMethod.DELETE, "/v1/probe/items/7", null, Buffer.buffer())
        .onComplete(expectError(test, 405, "METHOD_NOT_ALLOWED"));
  }

  @Test
  void handlerThrowingIsAnInternalErrorWithAReferenceOnly(VertxTestContext test) {
    server
        .get("admin", "/v1/probe/broken")
        .onComplete(
            expectError(
                test,
                500,
                "INTERNAL_ERROR",
                answer -> {
                  assertThat(answer.errorMessage())
                      .matches("internal error; quote reference [0-9a-f-]{36} to the operator")
                      .doesNotContain("db-primary");
                }));
  }

  @Test
  void blockingWorkFailingUnexpectedlyIsAnInternalErrorToo(VertxTestContext test) {
    server
        .get("admin", "/v1/probe/broken-work")
        .onComplete(
            expectError(
                test,
                500,
                "INTERNAL_ERROR",
                answer -> {
                  assertThat(answer.errorMessage()).doesNotContain("db-primary");
                }));
  }

  @Test
  void requestPastItsRoutesBudgetTimesOut(VertxTestContext test) {
    server
        .get("admin", "/v1/probe/slow")
        .onComplete(
            expectError(
                test,
                503,
                "TIMEOUT",
                answer -> {
                  assertThat(answer.header("retry-after")).isEqualTo("1");
                }));
  }

  @Test
  void requestsAreMeasuredByRouteTemplateEvenWhenRefused(VertxTestContext test) {
    server
        .get("admin", "/v1/probe/items/7")
        .compose(ok -> server.get("insurer-1", "/v1/probe/items/8"))
        .onComplete(
            expect(
                test,
                refused ->
                    assertThat(metrics.scrape())
                        .contains("route=\"/v1/probe/items/:id\",status=\"200\"")
                        .contains("route=\"/v1/probe/items/:id\",status=\"403\"")));
  }
}
