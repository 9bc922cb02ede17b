package io.shiftproof.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link BatchPusher} sends batches to a hub. Build one with {@link #builder(URI)}, which
 * documents every default.
 *
 * @param baseUrl the hub's base URL; batches go to {@code {baseUrl}/v1/events}. {@code https} for a
 *     real hub; {@code http} only for local stubs
 * @param eventsPerSecond the average send rate in events per second; 0 sends as fast as possible
 * @param concurrency how many batches may be in flight at once
 * @param maxAttempts how often one batch is tried before it is reported as failed
 * @param initialBackoff wait before the first retry; doubled (with jitter) for each further one
 * @param maxBackoff the longest wait between two attempts, unless the hub asks for longer with
 *     {@code Retry-After}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a response to one attempt
 * @param progressInterval how often the progress line is redrawn
 * @param httpVersion the preferred HTTP version; HTTP/2 falls back to HTTP/1.1 where the hub does
 *     not offer it, and plain-http URLs always use HTTP/1.1
 * @param signBatches whether each batch carries its platform's signature; unsigned batches are
 *     taken only by a hub in warn mode ({@code ingest.batch-signatures=warn})
 */
public record PushConfig(
    URI baseUrl,
    double eventsPerSecond,
    int concurrency,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration progressInterval,
    HttpClient.Version httpVersion,
    boolean signBatches) {

  public PushConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(progressInterval, "progressInterval");
    Objects.requireNonNull(httpVersion, "httpVersion");
    String scheme = baseUrl.getScheme();
    require(
        ("https".equals(scheme) || "http".equals(scheme)) && baseUrl.getHost() != null,
        "baseUrl",
        baseUrl,
        "an absolute https:// (or, for a local stub, http://) URL");
    require(
        eventsPerSecond >= 0 && Double.isFinite(eventsPerSecond),
        "eventsPerSecond",
        eventsPerSecond,
        "0 (unlimited) or more");
    require(concurrency >= 1, "concurrency", concurrency, "at least 1");
    require(maxAttempts >= 1, "maxAttempts", maxAttempts, "at least 1");
    require(!initialBackoff.isNegative(), "initialBackoff", initialBackoff, "zero or more");
    require(
        maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff", maxBackoff, "≥ initialBackoff");
    require(connectTimeout.toMillis() >= 1, "connectTimeout", connectTimeout, "positive");
    require(requestTimeout.toMillis() >= 1, "requestTimeout", requestTimeout, "positive");
    require(progressInterval.toMillis() >= 1, "progressInterval", progressInterval, "positive");
  }

  /** A builder with the defaults, sending to {@code baseUrl}. */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /** The ingest endpoint: {@code {baseUrl}/v1/events}, whatever path the base URL carries. */
  public URI eventsUri() {
    String base = baseUrl.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/events");
  }

  private static void require(boolean ok, String field, Object got, String want) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": got " + got + ", want " + want);
    }
  }

  /** Mutable builder for {@link PushConfig}; each setter documents its default. */
  public static final class Builder {
    private final URI baseUrl;
    private double eventsPerSecond = 0;
    private int concurrency = 4;
    private int maxAttempts = 8;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration progressInterval = Duration.ofMillis(500);
    private HttpClient.Version httpVersion = HttpClient.Version.HTTP_2;
    private boolean signBatches = true;

    private Builder(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** Default 0: as fast as the hub answers. */
    public Builder eventsPerSecond(double eventsPerSecond) {
      this.eventsPerSecond = eventsPerSecond;
      return this;
    }

    /** Default 4. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** Default 8. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Default 200 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** Default 10 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** Default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Default 30 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Default 500 ms. */
    public Builder progressInterval(Duration progressInterval) {
      this.progressInterval = progressInterval;
      return this;
    }

    /** Default HTTP/2. */
    public Builder httpVersion(HttpClient.Version httpVersion) {
      this.httpVersion = httpVersion;
      return this;
    }

    /** Default true: every batch signed with its platform's key. */
    public Builder signBatches(boolean signBatches) {
      this.signBatches = signBatches;
      return this;
    }

    /** The config, checked: a bad value fails here with {@code field: got X, want Y}. */
    public PushConfig build() {
      return new PushConfig(
          baseUrl,
          eventsPerSecond,
          concurrency,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          connectTimeout,
          requestTimeout,
          progressInterval,
          httpVersion,
          signBatches);
    }
  }
}
