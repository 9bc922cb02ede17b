package io.shiftproof.gateway.api;

import io.shiftproof.gateway.config.RateLimitConfig;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per organisation, shared by every verticle instance of the gateway: each request
 * takes one token; tokens come back at {@code ratePerSecond} up to {@code burst}. One platform or
 * insurer sending too much slows itself down, not the hub or the other organisations. Workers hold
 * no certificate, so their requests (and any request without an organisation) share a bucket per
 * client address: a phone guessing tokens is slowed down before its token is even looked up.
 */
public final class RateLimits {
  private final double ratePerSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Who a request without a client certificate (a worker's) is counted as. */
  static final String WITHOUT_CERTIFICATE = "workers";

  /**
   * @param ratePerSecond the sustained requests per second each organisation may send
   * @param burst how many requests an organisation may send at once after being quiet
   */
  public RateLimits(double ratePerSecond, int burst) {
    this(ratePerSecond, burst, System::nanoTime);
  }

  /** With a clock of its own, for tests. */
  public RateLimits(double ratePerSecond, int burst, LongSupplier nanoTime) {
    if (!(ratePerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "rate limit: got " + ratePerSecond + "/s burst " + burst + ", want both positive");
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /** From the gateway's configuration. */
  public static RateLimits of(RateLimitConfig config) {
    return new RateLimits(config.perSecond(), config.burst());
  }

  /**
   * A handler for requests whose identity is known: lets the request on when its organisation has a
   * token, and otherwise answers {@code 429 RATE_LIMITED} with {@code Retry-After} in whole
   * seconds, counted in the metrics.
   */
  public PlatformHandler handler(GatewayMetrics metrics) {
    return ctx -> {
      OrganisationIdentity identity = ClientIdentityHandler.identity(ctx);
      // The metric's label stays one value for all workers: addresses would be unbounded.
      String organisation = identity == null ? WITHOUT_CERTIFICATE : identity.organisation();
      String bucket =
          identity == null
              ? WITHOUT_CERTIFICATE + "@" + ctx.request().remoteAddress().hostAddress()
              : organisation;
      Optional<Duration> wait = take(bucket);
      if (wait.isEmpty()) {
        ctx.next();
        return;
      }
      metrics.rateLimited(organisation);
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.response().putHeader("retry-after", String.valueOf(seconds));
      ctx.fail(
          HttpErrorCode.RATE_LIMITED.exception(
              "too many requests from "
                  + (identity == null ? "this address" : organisation)
                  + ": at most "
                  + (long) ratePerSecond
                  + " per second (bursts of "
                  + (long) burst
                  + "); wait "
                  + seconds
                  + " s and resend"));
    };
  }

  /**
   * Takes a token for one request of {@code organisation}: empty when it may go ahead, otherwise
   * how long until the next token, which the client is told to wait.
   */
  public Optional<Duration> take(String organisation) {
    return take(organisation, 1);
  }

  /**
   * Takes {@code tokens} at once (a batch that costs one token per item), or none: empty when it
   * may go ahead, otherwise how long until the bucket holds that many.
   */
  public Optional<Duration> take(String organisation, int tokens) {
    if (tokens < 1 || tokens > burst) {
      throw new IllegalArgumentException(
          "tokens: got " + tokens + ", want 1 to the burst, " + (long) burst);
    }
    return buckets.computeIfAbsent(organisation, org -> new Bucket()).take(tokens);
  }

  /** The bucket's size: the most one request can ever take. */
  public int burst() {
    return (int) burst;
  }

  private final class Bucket {
    private double tokens = burst;
    private long refilledAt = nanoTime.getAsLong();

    synchronized Optional<Duration> take(int wanted) {
      long now = nanoTime.getAsLong();
      long elapsed = Math.max(0, now - refilledAt);
      tokens = Math.min(burst, tokens + elapsed / 1e9 * ratePerSecond);
      refilledAt = now;
      if (tokens >= wanted) {
        tokens -= wanted;
        return Optional.empty();
      }
      return Optional.of(
          Duration.ofNanos((long) Math.ceil((wanted - tokens) / ratePerSecond * 1e9)));
    }
  }
}
