package io.shiftproof.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/** The gateway's Prometheus metrics: ingest outcomes by code, and request latency by route. */
public final class GatewayMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter accepted;
  private final Counter duplicates;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public GatewayMetrics() {
    accepted =
        Counter.builder("shiftproof.ingest.events")
            .tag("outcome", "accepted")
            .description("Events made durable and acknowledged")
            .register(registry);
    duplicates =
        Counter.builder("shiftproof.ingest.events")
            .tag("outcome", "duplicate")
            .description("Events already accepted before, acknowledged without publishing")
            .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public void accepted(int count) {
    accepted.increment(count);
  }

  public void duplicates(int count) {
    duplicates.increment(count);
  }

  /** One rejected event (or whole batch) with its stable error code. */
  public void rejected(String code) {
    Counter.builder("shiftproof.ingest.rejected")
        .tag("code", code)
        .description("Rejected events and batches by error code")
        .register(registry)
        .increment();
  }

  /**
   * One batch's signature as the gateway found it: {@code valid}, {@code missing} or {@code
   * invalid}, whether the batch was then refused (signatures required) or taken (warn mode).
   */
  public void batchSignature(String platform, String result) {
    Counter.builder("shiftproof.ingest.batch.signatures")
        .tag("platform", platform)
        .tag("result", result)
        .description("Event batches by the state of their platform signature")
        .register(registry)
        .increment();
  }

  /** One request refused by the organisation's rate limit. */
  public void rateLimited(String organisation) {
    Counter.builder("shiftproof.http.rate.limited")
        .tag("organisation", organisation)
        .description("Requests refused with 429 by the organisation's rate limit")
        .register(registry)
        .increment();
  }

  /**
   * Blinded elements one evaluator (the hub's or the regulator's share) evaluated for a platform.
   */
  public void pseudonymsEvaluated(String evaluator, String organisation, int count) {
    Counter.builder("shiftproof.pseudonyms.evaluated")
        .tag("evaluator", evaluator)
        .tag("organisation", organisation)
        .description("Blinded elements evaluated, by evaluator and platform")
        .register(registry)
        .increment(count);
  }

  /** One evaluation request refused by the platform's evaluation budget. */
  public void pseudonymsRateLimited(String evaluator, String organisation) {
    Counter.builder("shiftproof.pseudonyms.rate.limited")
        .tag("evaluator", evaluator)
        .tag("organisation", organisation)
        .description("Evaluation requests refused with 429 by the platform's evaluation budget")
        .register(registry)
        .increment();
  }

  /** Latency of one request, by route template and status. */
  public void request(String route, int status, long nanos) {
    Timer.builder("shiftproof.http.requests")
        .tag("route", route)
        .tag("status", String.valueOf(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
