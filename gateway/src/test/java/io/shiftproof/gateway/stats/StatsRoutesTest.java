package io.shiftproof.gateway.stats;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The regulator's routes against empty aggregates: roles, and the range's stable codes. */
@ExtendWith(VertxExtension.class)
class StatsRoutesTest {
  private static final AtomicInteger reads = new AtomicInteger();
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    Statistics empty =
        new Statistics() {
          @Override
          public WorkingTimeCells workingTime(LocalDate from, LocalDate to) {
            reads.incrementAndGet();
            return new WorkingTimeCells();
          }

          @Override
          public ClaimCells claims(LocalDate from, LocalDate to) {
            reads.incrementAndGet();
            return new ClaimCells();
          }
        };
    server = RouteTestServer.start(vertx, new StatsHandler(empty)).await();
  }

  @BeforeEach
  void forget() {
    reads.set(0);
  }

  @Test
  void theRegulatorReadsAggregates(VertxTestContext test) {
    server
        .get("regulator", "/v1/stats/working-time?from=2026-11-01&to=2026-11-30")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.json().getInteger("minWorkersPerCell")).isEqualTo(10);
                  assertThat(reads.get()).isEqualTo(1);
                }));
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
    "regulator, /v1/stats/claims, 400, INVALID_DATE",
    "regulator, /v1/stats/claims?from=2026-11-01, 400, INVALID_DATE",
    "regulator, /v1/stats/claims?from=2026-11-31&to=2026-12-01, 400, INVALID_DATE",
    "regulator, /v1/stats/claims?from=2026-11-02&to=2026-11-01, 400, INVALID_DATE",
    "regulator, /v1/stats/claims?from=2026-01-01&to=2026-12-31, 400, INVALID_DATE",
    "insurer-1, /v1/stats/claims?from=2026-11-01&to=2026-11-02, 403, FORBIDDEN_ROLE",
    "platform-1, /v1/stats/working-time?from=2026-11-01&to=2026-11-02, 403, FORBIDDEN_ROLE"
  })
  void badRequestsGetTheirCodeAndReadNothing(
      String organisation, String path, int status, String code, VertxTestContext test) {
    server
        .get(organisation, path)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
                  assertThat(answer.errorCode()).isEqualTo(code);
                  assertThat(reads.get()).isZero();
                }));
  }
}
