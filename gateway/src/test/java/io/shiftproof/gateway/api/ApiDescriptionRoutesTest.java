package io.shiftproof.gateway.api;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.ledger.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/openapi.json}: the kept description, to any organisation. (That it describes every
 * route and answer is checked against a running hub: {@code PublishedContractIT}.)
 */
@ExtendWith(VertxExtension.class)
class ApiDescriptionRoutesTest {
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = RouteTestServer.start(vertx, new ApiDescription()).await();
  }

  @Test
  void anyOrganisationReadsTheKeptDescription(VertxTestContext test) {
    server
        .get("regulator", "/v1/openapi.json")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.header("content-type")).isEqualTo("application/json");
                  assertThat(answer.json())
                      .isEqualTo(
                          new JsonObject(
                              new String(ApiDescription.read(), StandardCharsets.UTF_8)));
                  assertThat(answer.json().getString("openapi")).isEqualTo("3.1.0");
                }));
  }

  @Test
  void theRouterKnowsTheRouteAndWhoMayCallIt(Vertx vertx) {
    ApiRouter router = new ApiRouter(Router.router(vertx), Duration.ofSeconds(1), 1024);
    new ApiDescription().mount(router);
    assertThat(router.declared())
        .containsExactly(
            new DeclaredRoute(
                HttpMethod.GET,
                "/v1/openapi.json",
                Set.of(Role.PLATFORM, Role.INSURER, Role.REGULATOR, Role.ADMIN),
                false));
  }

  @Test
  void aRoutesParametersAreWrittenTheOpenApiWay() {
    assertThat(
            new DeclaredRoute(HttpMethod.GET, "/v1/me/claims/:claimId/evidence", Set.of(), true)
                .openApiPath())
        .isEqualTo("/v1/me/claims/{claimId}/evidence");
  }
}
