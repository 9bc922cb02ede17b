package io.shiftproof.gateway.server;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.RateLimits;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits every route shares: the body limit on every path and method, also for a streamed body,
 * the connection closed after an answer given before the body was read, and the per-organisation
 * rate limit.
 */
@ExtendWith(VertxExtension.class)
class RequestLimitsRoutesTest {
  /** A route that reads a body and one that takes none. */
  private static final ApiRoutes ROUTES =
      router -> {
        router
            .route(HttpMethod.POST, "/v1/echo", Role.PLATFORM)
            .handler(router.body())
            .handler(ctx -> ctx.response().end("{\"read\":" + ctx.body().length() + "}"));
        router
            .route(HttpMethod.GET, "/v1/ping", Role.PLATFORM, Role.INSURER)
            .handler(ctx -> ctx.response().end("{}"));
      };

  /** A clock the rate-limit test moves by hand, in nanoseconds. */
  private static final AtomicLong NOW = new AtomicLong();

  private static RouteTestServer server;
  private static RouteTestServer limited;
  private static GatewayMetrics limitedMetrics;

  @BeforeAll
  static void start(Vertx vertx) {
    server = RouteTestServer.start(vertx, ROUTES).await();
    limitedMetrics = new GatewayMetrics();
    limited =
        RouteTestServer.start(vertx, limitedMetrics, new RateLimits(0.5, 2, NOW::get), ROUTES)
            .await();
  }

  private static Buffer overLimit() {
    return Buffer.buffer("x".repeat((int) RouteTestServer.MAX_BODY_BYTES + 1));
  }

  @Test
  void oversizeBodyOnARouteThatTakesNoneIs413AndTheConnectionCloses(VertxTestContext test) {
    server
        .send("platform-1", HttpMethod.GET, "/v1/ping", "application/json", overLimit())
        .onComplete(
            expectError(
                test,
                413,
                "BODY_TOO_LARGE",
                answer -> {
                  assertThat(answer.header("connection")).isEqualTo("close");
                }));
  }

  @Test
  void oversizeBodyOnAnUnknownPathIs413(VertxTestContext test) {
    server
        .send("platform-1", HttpMethod.PUT, "/v1/nowhere", "application/json", overLimit())
        .onComplete(
            expectError(
                test,
                413,
                "BODY_TOO_LARGE",
                answer -> {
                  assertThat(answer.header("connection")).isEqualTo("close");
                }));
  }

  @Test
  void streamedOversizeBodyIs413(VertxTestContext test) {
    server
        .sendStreamed(
            "platform-1", HttpMethod.POST, "/v1/echo", "application/json", overLimit().getBytes())
        .onComplete(expectError(test, 413, "BODY_TOO_LARGE"));
  }

  @Test
  void streamedBodyWithinTheLimitIsRead(VertxTestContext test) {
    server
        .sendStreamed("platform-1", HttpMethod.POST, "/v1/echo", "application/json", new byte[1000])
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(200);
                  assertThat(answer.json().getInteger("read")).isEqualTo(1000);
                  assertThat(answer.header("connection")).isNull();
                }));
  }

  @Test
  void answerBeforeTheBodyIsReadClosesTheConnection(VertxTestContext test) {
    // The role is refused before the body is read: the connection cannot be reused safely.
    server
        .post("insurer-1", "/v1/echo", "application/json", Buffer.buffer("{}".repeat(1000)))
        .onComplete(
            expectError(
                test,
                403,
                "FORBIDDEN_ROLE",
                answer -> {
                  assertThat(answer.header("connection")).isEqualTo("close");
                }));
  }

  @Test
  void organisationOverItsRateIsTold429WithRetryAfterAndCounted(VertxTestContext test) {
    NOW.set(0);
    limited
        .get("insurer-1", "/v1/ping")
        .compose(first -> limited.get("insurer-1", "/v1/ping"))
        .compose(second -> limited.get("insurer-1", "/v1/ping"))
        .compose(
            third ->
                // Another organisation has its own bucket.
                limited
                    .get("platform-2", "/v1/ping")
                    .map(
                        other -> {
                          assertThat(other.status()).isEqualTo(200);
                          return third;
                        }))
        .onComplete(
            expect(
                test,
                third -> {
                  assertThat(third.status()).isEqualTo(429);
                  assertThat(third.errorCode()).isEqualTo("RATE_LIMITED");
                  // One token per 2 s at 0.5 per second.
                  assertThat(third.header("retry-after")).isEqualTo("2");
                  assertThat(limitedMetrics.scrape())
                      .contains("shiftproof_http_rate_limited_total{organisation=\"insurer-1\"}");
                }));
  }

  @Test
  void tokensComeBackAtTheConfiguredRate(VertxTestContext test) {
    NOW.set(1_000_000_000_000L);
    limited
        .get("admin", "/v1/unknown")
        .compose(first -> limited.get("admin", "/v1/unknown"))
        .compose(second -> limited.get("admin", "/v1/unknown"))
        .compose(
            refused -> {
              assertThat(refused.status()).isEqualTo(429);
              NOW.addAndGet(2_000_000_000L);
              return limited.get("admin", "/v1/unknown");
            })
        .onComplete(
            expect(
                test,
                later -> {
                  // Unknown paths are limited too; after 2 s a token is back.
                  assertThat(later.status()).isEqualTo(404);
                  assertThat(later.errorCode()).isEqualTo("NOT_FOUND");
                }));
  }

  @Test
  void requestsWithoutACertificateShareABucketPerAddress(VertxTestContext test) {
    NOW.set(2_000_000_000_000L);
    limited
        .sendAsWorker(HttpMethod.GET, "/v1/me/claims", "Bearer nope", null)
        .compose(first -> limited.sendAsWorker(HttpMethod.GET, "/v1/me/days/x", null, null))
        .compose(second -> limited.sendAsWorker(HttpMethod.POST, "/v1/me/evidence", null, "{}"))
        .compose(
            third ->
                // An organisation is not slowed down by the workers' bucket.
                limited
                    .get("insurer-1", "/v1/ping")
                    .map(
                        ping -> {
                          assertThat(ping.status()).isEqualTo(200);
                          return third;
                        }))
        .onComplete(
            expect(
                test,
                third -> {
                  assertThat(third.status()).isEqualTo(429);
                  assertThat(third.errorCode()).isEqualTo("RATE_LIMITED");
                  assertThat(third.errorMessage()).contains("from this address");
                  assertThat(limitedMetrics.scrape())
                      .contains("shiftproof_http_rate_limited_total{organisation=\"workers\"}");
                }));
  }

  @Test
  void theBareApiPathAsksForACertificate(VertxTestContext test) {
    server
        .sendAsWorker(HttpMethod.GET, "/v1", null, null)
        .onComplete(expectError(test, 401, "CERTIFICATE_REQUIRED"));
  }
}
