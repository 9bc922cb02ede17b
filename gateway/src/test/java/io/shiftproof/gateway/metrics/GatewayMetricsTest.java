package io.shiftproof.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The job's progress and the last audit as the scrape shows them. */
class GatewayMetricsTest {
  private static final Instant WATERMARK = Instant.parse("2026-11-28T06:00:00Z");
  private static final Instant CHECKPOINT = Instant.parse("2026-11-28T06:00:10Z");
  private static final Instant ANCHORED = Instant.parse("2026-11-28T05:59:00Z");
  private static final PipelineProgress PROGRESS =
      new PipelineProgress(
          Optional.of(WATERMARK),
          Optional.of(CHECKPOINT),
          42,
          7,
          Optional.of(ANCHORED),
          3,
          Optional.of(CHECKPOINT));

  @Test
  void untilAnythingIsKnownTimesAreNotANumber() {
    try (GatewayMetrics metrics = new GatewayMetrics()) {
      String scrape = metrics.scrape();
      assertThat(value(scrape, "shiftproof_job_watermark_seconds")).isNaN();
      assertThat(value(scrape, "shiftproof_anchor_unanchored_oldest_seconds")).isNaN();
      assertThat(value(scrape, "shiftproof_audit_findings")).isNaN();
      assertThat(value(scrape, "shiftproof_anchor_batches_total")).isZero();
    }
  }

  @Test
  void theJobsProgressIsReadAtEachScrape() {
    try (GatewayMetrics metrics = new GatewayMetrics()) {
      metrics.watchPipeline(() -> PROGRESS);
      String scrape = metrics.scrape();
      assertThat(value(scrape, "shiftproof_job_watermark_seconds"))
          .isEqualTo(WATERMARK.getEpochSecond());
      assertThat(value(scrape, "shiftproof_job_checkpoint_completed_seconds"))
          .isEqualTo(CHECKPOINT.getEpochSecond());
      assertThat(value(scrape, "shiftproof_job_checkpoint_id")).isEqualTo(42);
      assertThat(value(scrape, "shiftproof_anchor_batches_total")).isEqualTo(7);
      assertThat(value(scrape, "shiftproof_anchor_last_seconds"))
          .isEqualTo(ANCHORED.getEpochSecond());
      assertThat(value(scrape, "shiftproof_anchor_unanchored_versions")).isEqualTo(3);
    }
  }

  @Test
  void aFailedReadKeepsTheLastValues() {
    AtomicReference<PipelineProgress> next = new AtomicReference<>(PROGRESS);
    try (GatewayMetrics metrics = new GatewayMetrics()) {
      metrics.watchPipeline(
          () -> {
            PipelineProgress progress = next.get();
            if (progress == null) {
              throw new IllegalStateException("cannot read the job's progress: database down");
            }
            return progress;
          });
      metrics.scrape();
      next.set(null);
      assertThat(value(metrics.scrape(), "shiftproof_job_checkpoint_id")).isEqualTo(42);
    }
  }

  @Test
  void anAuditPublishesItsFindingsAndIsCounted() {
    Clock clock = Clock.fixed(CHECKPOINT, ZoneOffset.UTC);
    try (GatewayMetrics metrics = new GatewayMetrics()) {
      metrics.audited(0, clock);
      metrics.audited(2, clock);
      String scrape = metrics.scrape();
      assertThat(value(scrape, "shiftproof_audit_findings")).isEqualTo(2);
      assertThat(value(scrape, "shiftproof_audit_last_run_seconds"))
          .isEqualTo(CHECKPOINT.getEpochSecond());
      assertThat(value(scrape, "shiftproof_audit_runs_total{result=\"clean\"}")).isEqualTo(1);
      assertThat(value(scrape, "shiftproof_audit_runs_total{result=\"findings\"}")).isEqualTo(1);
    }
  }

  /** The value of the series (name and labels) in the text exposition. */
  private static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError(series + " is not exported:\n" + scrape);
  }
}
