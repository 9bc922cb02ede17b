package io.shiftproof.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.schemas.wire.SealRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One seal request per worker-day within the window, however many evidence requests ask. */
class RecentSealRequestsTest {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final LocalDate DAY = LocalDate.parse("2026-11-28");

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-28T04:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private final List<SealRequest> sent = new CopyOnWriteArrayList<>();
  private final RecentSealRequests requests =
      new RecentSealRequests(sent::add, Duration.ofSeconds(10), clock);

  private static SealRequest seal(String worker, LocalDate day) {
    return new SealRequest(worker, day, "r-" + System.nanoTime(), "insurer-1", Instant.EPOCH);
  }

  @Test
  void repeatedRequestWithinTheWindowSealsOnce() {
    requests.request(seal(WORKER, DAY));
    now.set(now.get().plusSeconds(9));
    requests.request(seal(WORKER, DAY));
    assertThat(sent).hasSize(1);
  }

  @Test
  void afterTheWindowTheDayIsSealedAgain() {
    requests.request(seal(WORKER, DAY));
    now.set(now.get().plusSeconds(10));
    requests.request(seal(WORKER, DAY));
    assertThat(sent).hasSize(2);
  }

  @Test
  void otherDaysAndWorkersAreSealedOnTheirOwn() {
    requests.request(seal(WORKER, DAY));
    requests.request(seal(WORKER, DAY.plusDays(1)));
    requests.request(seal("wr_" + "B".repeat(43), DAY));
    assertThat(sent).hasSize(3);
  }

  @Test
  void concurrentRequestsSealOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int i = 0; i < 32; i++) {
        pool.submit(
            () -> {
              start.await();
              requests.request(seal(WORKER, DAY));
              return null;
            });
      }
      start.countDown();
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(sent).hasSize(1);
  }

  @Test
  void requestThatFailedToSendIsNotRemembered() {
    AtomicBoolean fail = new AtomicBoolean(true);
    RecentSealRequests flaky =
        new RecentSealRequests(
            request -> {
              if (fail.get()) {
                throw new IllegalStateException("kafka down");
              }
              sent.add(request);
            },
            Duration.ofSeconds(10),
            clock);
    assertThatThrownBy(() -> flaky.request(seal(WORKER, DAY))).hasMessage("kafka down");
    fail.set(false);
    flaky.request(seal(WORKER, DAY));
    assertThat(sent).hasSize(1);
  }
}
