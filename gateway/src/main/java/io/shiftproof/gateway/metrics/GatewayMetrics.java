package io.shiftproof.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Prometheus metrics: ingest outcomes by code, request latency by route, the job's
 * progress and anchoring as the database shows them, and the last audit's result. The dashboard and
 * alert rules under {@code docker/} use these names; a test checks that each is exported.
 */
public final class GatewayMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter accepted;
  private final Counter duplicates;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final AtomicReference<PipelineProgress> pipeline =
      new AtomicReference<>(PipelineProgress.NONE);
  private volatile Supplier<PipelineProgress> pipelineReader = () -> PipelineProgress.NONE;
  private final AtomicReference<Optional<AuditOutcome>> lastAudit =
      new AtomicReference<>(Optional.empty());
  private final Counter cleanAudits;
  private final Counter auditsWithFindings;

  /** The newest audit's findings and when it ran. */
  private record AuditOutcome(long findings, Instant at) {}

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
    // Registered up front, NaN until known, so dashboards and alerts find every series at once.
    pipelineGauge(
        "shiftproof.job.watermark",
        "seconds",
        "The job's committed event-time watermark, epoch seconds",
        p -> seconds(p.watermark()));
    pipelineGauge(
        "shiftproof.job.checkpoint.completed",
        "seconds",
        "When every instance of the job's sink last committed a checkpoint, epoch seconds",
        p -> seconds(p.lastCheckpoint()));
    pipelineGauge(
        "shiftproof.job.checkpoint.id",
        null,
        "The newest checkpoint every instance of the job's sink committed",
        p -> (double) p.checkpointId());
    FunctionCounter.builder("shiftproof.anchor.batches", pipeline, r -> r.get().anchorBatches())
        .description("Merkle batches of sealed day-record versions anchored on the ledger")
        .register(registry);
    pipelineGauge(
        "shiftproof.anchor.last",
        "seconds",
        "When the newest batch was anchored, epoch seconds",
        p -> seconds(p.lastAnchor()));
    pipelineGauge(
        "shiftproof.anchor.unanchored.versions",
        null,
        "Sealed versions stored but not yet anchored",
        p -> (double) p.unanchoredVersions());
    pipelineGauge(
        "shiftproof.anchor.unanchored.oldest",
        "seconds",
        "When the oldest sealed version still waiting for its anchor was stored, epoch seconds; NaN when none waits",
        p -> seconds(p.oldestUnanchored()));
    Gauge.builder(
            "shiftproof.audit.findings",
            lastAudit,
            a -> a.get().map(o -> (double) o.findings()).orElse(Double.NaN))
        .description("Findings of the newest audit (GET /v1/audit); NaN before the first")
        .register(registry);
    Gauge.builder(
            "shiftproof.audit.last.run",
            lastAudit,
            a -> a.get().map(o -> o.at().getEpochSecond() + 0.0).orElse(Double.NaN))
        .baseUnit("seconds")
        .description("When the newest audit finished, epoch seconds")
        .register(registry);
    cleanAudits = auditRuns("clean");
    auditsWithFindings = auditRuns("findings");
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

  /**
   * Where the job's progress is read at each scrape. Reading blocks on the database, so {@link
   * #scrape()} must not run on an event loop.
   */
  public void watchPipeline(Supplier<PipelineProgress> reader) {
    this.pipelineReader = reader;
  }

  /** One audit finished with this many findings (omitted ones included). */
  public void audited(long findings, Clock clock) {
    lastAudit.set(Optional.of(new AuditOutcome(findings, clock.instant())));
    (findings == 0 ? cleanAudits : auditsWithFindings).increment();
  }

  /** The Prometheus text exposition, with the job's progress read afresh. Blocks. */
  public String scrape() {
    try {
      pipeline.set(pipelineReader.get());
    } catch (RuntimeException e) {
      // The last values stay; the checkpoint and anchor alerts fire if this lasts.
      LOG.warn("metrics: {}", e.getMessage());
    }
    return registry.scrape();
  }

  private void pipelineGauge(
      String name, String unit, String description, Function<PipelineProgress, Double> value) {
    Gauge.builder(name, pipeline, r -> value.apply(r.get()))
        .baseUnit(unit)
        .description(description)
        .register(registry);
  }

  private Counter auditRuns(String result) {
    return Counter.builder("shiftproof.audit.runs")
        .tag("result", result)
        .description("Audits run, by whether they found anything")
        .register(registry);
  }

  private static double seconds(Optional<Instant> instant) {
    return instant.map(i -> i.toEpochMilli() / 1000.0).orElse(Double.NaN);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
