package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.BatchJsonWriter;
import io.shiftproof.schemas.wire.BatchSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * Posts batches to a hub's {@code POST /v1/events} the way a platform's uploader would: each
 * platform over its own mutual-TLS client, at a chosen rate, several batches in flight, retrying
 * with backoff when the hub is busy or unreachable. Retrying is safe because the hub de-duplicates
 * by {@code (platform, eventId)}, so delivery is at least once.
 */
public final class BatchPusher {
  private static final int MAX_DETAIL_CHARS = 500;
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

  private final PushConfig config;
  private final Function<String, SSLContext> tlsByPlatform;
  private final Function<String, PrivateKey> keyByPlatform;
  private final PrintStream progress;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();

  /**
   * @param tlsByPlatform the TLS context holding each platform's client certificate; a map's {@code
   *     ::get} will do. Consulted once per platform; a missing context fails the push before
   *     anything is sent for that platform
   * @param keyByPlatform the private key of each platform's client certificate, which signs its
   *     batches ({@link BatchSignature}); consulted and required like {@code tlsByPlatform}, unless
   *     the config sends batches unsigned
   * @param progress where the updating progress line goes, e.g. {@code System.err}
   */
  public BatchPusher(
      PushConfig config,
      Function<String, SSLContext> tlsByPlatform,
      Function<String, PrivateKey> keyByPlatform,
      PrintStream progress) {
    this.config = Objects.requireNonNull(config, "config");
    this.tlsByPlatform = Objects.requireNonNull(tlsByPlatform, "tlsByPlatform");
    this.keyByPlatform = Objects.requireNonNull(keyByPlatform, "keyByPlatform");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Sends every batch of the stream, consuming it lazily (at most {@code concurrency} batches are
   * held at once), and returns when all have been delivered or given up on.
   *
   * @throws IllegalArgumentException if a platform has no TLS context
   * @throws InterruptedException if interrupted; batches in flight are abandoned
   */
  public PushReport push(Stream<PlatformBatch> batches) throws InterruptedException {
    PushTotals totals = new PushTotals();
    SendRate rate = new SendRate(config.eventsPerSecond());
    Semaphore inFlight = new Semaphore(config.concurrency());
    ExecutorService senders = Executors.newFixedThreadPool(config.concurrency(), daemon("sender"));
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(daemon("progress"));
    long interval = config.progressInterval().toMillis();
    ticker.scheduleAtFixedRate(() -> redraw(totals), interval, interval, TimeUnit.MILLISECONDS);
    try {
      Iterator<PlatformBatch> it = batches.iterator();
      while (it.hasNext()) {
        PlatformBatch batch = it.next();
        HttpClient client = clientFor(batch.platform());
        Optional<PrivateKey> key =
            config.signBatches() ? Optional.of(keyFor(batch.platform())) : Optional.empty();
        rate.awaitTurn(batch.size());
        inFlight.acquire();
        senders.execute(
            () -> {
              try {
                deliver(client, key, batch, totals);
              } finally {
                inFlight.release();
              }
            });
      }
      senders.shutdown();
      // Bounded: every sender gives up after maxAttempts.
      senders.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    } finally {
      senders.shutdownNow();
      ticker.shutdownNow();
      redraw(totals);
      progress.println();
      progress.flush();
    }
    return totals.report();
  }

  private void deliver(
      HttpClient client, Optional<PrivateKey> key, PlatformBatch batch, PushTotals totals) {
    byte[] body = BatchJsonWriter.toJson(batch.batch());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(config.eventsUri())
            .timeout(config.requestTimeout())
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    key.ifPresent(k -> builder.header(BatchSignature.HEADER, BatchSignature.sign(k, body)));
    HttpRequest request = builder.build();
    OptionalInt lastStatus = OptionalInt.empty();
    String lastDetail = "";
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpResponse<byte[]> response =
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        lastStatus = OptionalInt.of(status);
        lastDetail = shorten(new String(response.body(), StandardCharsets.UTF_8));
        if (status / 100 == 2) {
          acknowledged(batch, attempt, status, response.body(), totals);
          return;
        }
        if (!retryable(status)) {
          totals.failed(failure(batch, attempt, PushFailure.Kind.REFUSED, lastStatus, lastDetail));
          return;
        }
        retryAfter = retryAfter(response);
      } catch (IOException e) {
        // Connection refused or reset, TLS failure, timeout: the batch may or may not have landed;
        // resending is safe because the hub de-duplicates.
        lastStatus = OptionalInt.empty();
        lastDetail = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        totals.failed(failure(batch, attempt, PushFailure.Kind.GAVE_UP, lastStatus, "interrupted"));
        return;
      }
      if (attempt >= config.maxAttempts()) {
        totals.failed(failure(batch, attempt, PushFailure.Kind.GAVE_UP, lastStatus, lastDetail));
        return;
      }
      totals.retried();
      try {
        Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        totals.failed(failure(batch, attempt, PushFailure.Kind.GAVE_UP, lastStatus, "interrupted"));
        return;
      }
    }
  }

  private void acknowledged(
      PlatformBatch batch, int attempt, int status, byte[] body, PushTotals totals) {
    Optional<HubResponse> parsed = HubResponse.parse(body);
    if (parsed.isPresent()) {
      totals.delivered(batch, parsed.get());
    } else {
      totals.deliveredUnread(
          failure(
              batch,
              attempt,
              PushFailure.Kind.UNREADABLE_RESPONSE,
              OptionalInt.of(status),
              shorten(new String(body, StandardCharsets.UTF_8))),
          batch.size());
    }
  }

  /**
   * Busy or briefly unavailable: 429, and 5xx other than those that mean "never" (501 not
   * implemented, 505 version not supported). The hub answers bad input with 4xx, never 5xx, so a
   * 5xx is the hub's own trouble and resending is both safe and likely to succeed later.
   */
  static boolean retryable(int status) {
    return status == 429 || status >= 500 && status != 501 && status != 505;
  }

  private Duration backoff(int attempt) {
    long base = config.initialBackoff().toMillis();
    long cap = config.maxBackoff().toMillis();
    long exponential = Math.min(cap, base << Math.min(attempt - 1, 20));
    // Half fixed, half random: spreads out senders that failed together.
    long half = exponential / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("retry-after")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.trim());
                return seconds < 0
                    ? Optional.empty()
                    : Optional.of(
                        Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds())));
              } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to our own backoff
              }
            });
  }

  private HttpClient clientFor(String platform) {
    return clients.computeIfAbsent(platform, this::newClient);
  }

  private PrivateKey keyFor(String platform) {
    return keys.computeIfAbsent(
        platform,
        p -> {
          PrivateKey key = keyByPlatform.apply(p);
          if (key == null) {
            throw new IllegalArgumentException(
                "platform \""
                    + p
                    + "\": no private key; give each platform its certificate's key to sign with");
          }
          return key;
        });
  }

  private HttpClient newClient(String platform) {
    SSLContext tls = tlsByPlatform.apply(platform);
    if (tls == null) {
      throw new IllegalArgumentException(
          "platform \""
              + platform
              + "\": no SSLContext; give each platform its client certificate");
    }
    URI base = config.baseUrl();
    // Plain http is only for local stubs; HTTP/1.1 avoids the h2c upgrade dance there.
    HttpClient.Version version =
        "http".equals(base.getScheme()) ? HttpClient.Version.HTTP_1_1 : config.httpVersion();
    return HttpClient.newBuilder()
        .sslContext(tls)
        .version(version)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private void redraw(PushTotals totals) {
    // Carriage return redraws the line in place; trailing spaces wipe a longer previous line.
    progress.print("\r" + totals.progressLine() + "   ");
    progress.flush();
  }

  private static PushFailure failure(
      PlatformBatch batch, int attempts, PushFailure.Kind kind, OptionalInt status, String detail) {
    return new PushFailure(
        batch.platform(), batch.batch().batchId(), batch.size(), attempts, kind, status, detail);
  }

  private static String shorten(String text) {
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "…";
  }

  private static ThreadFactory daemon(String role) {
    return runnable -> {
      Thread thread = new Thread(runnable, "batch-pusher-" + role);
      thread.setDaemon(true);
      return thread;
    };
  }
}
