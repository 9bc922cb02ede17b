package io.shiftproof.benchmarks;

import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.schemas.sql.DatabaseSchema;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Anchoring on Hyperledger Fabric against the hub's PostgreSQL ledger in the same run: anchors per
 * second and commit latency (p50/p99) of one chain anchored batch after batch, the way the job
 * anchors, and anchors per second of several chains at once. The Fabric network is the one whose
 * connection settings the Fabric ledger is given ({@code ./shiftproof bench fabric} starts the
 * local one).
 */
public final class FabricAnchoringBenchmark {
  /** Benchmark settings. */
  public record Settings(int anchors, int chains, Path workDir) {}

  private static final int WARM_UP = 10;

  private final Settings settings;
  private final PrintWriter out;

  public FabricAnchoringBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public void run() throws Exception {
    DevCredentials credentials =
        DevCredentials.ensure(
            settings.workDir().resolve("credentials"), DevCredentials.STANDARD_ORGANISATIONS);
    try (EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(settings.workDir().resolve("postgres"), 0)) {
      RecordStoreConfig store =
          new RecordStoreConfig(postgres.jdbcUrl(), postgres.user(), postgres.password());
      DatabaseSchema.migrate(store.dataSource());
      LedgerSettings ledgerSettings =
          new LedgerSettings(
              store.jdbcUrl(), store.user(), store.password(), credentials.serverKey().toString());
      out.printf(
          "fabric anchoring benchmark: %,d anchors on one chain, then %d chains at once%n",
          settings.anchors(), settings.chains());
      out.printf(
          "  %-22s %12s %10s %10s %18s%n",
          "ledger", "anchors/s", "p50 ms", "p99 ms", "anchors/s, chains");
      measure("postgres (baseline)", Ledgers.endpoint(LedgerKind.POSTGRES, ledgerSettings));
      measure("fabric", Ledgers.endpoint(LedgerKind.FABRIC, ledgerSettings));
      out.flush();
    }
  }

  private void measure(String name, LedgerEndpoint endpoint) throws Exception {
    long[] latencies;
    double sequential;
    try (Ledger ledger = endpoint.connect()) {
      anchorChain(ledger, chain(), WARM_UP);
      String chain = chain();
      long start = System.nanoTime();
      latencies = anchorChain(ledger, chain, settings.anchors());
      sequential = settings.anchors() / ((System.nanoTime() - start) / 1e9);
    }
    double concurrent = concurrent(endpoint);
    Arrays.sort(latencies);
    out.printf(
        "  %-22s %12.1f %10.1f %10.1f %18.1f%n",
        name,
        sequential,
        percentile(latencies, 0.50) / 1e6,
        percentile(latencies, 0.99) / 1e6,
        concurrent);
    out.flush();
  }

  private double concurrent(LedgerEndpoint endpoint) throws Exception {
    int perChain = Math.max(1, settings.anchors() / settings.chains());
    ExecutorService pool = Executors.newFixedThreadPool(settings.chains());
    try {
      List<Future<?>> runs = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < settings.chains(); c++) {
        runs.add(
            pool.submit(
                () -> {
                  try (Ledger ledger = endpoint.connect()) {
                    anchorChain(ledger, chain(), perChain);
                  }
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      return perChain * settings.chains() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Anchors {@code count} batches on a chain, each after the last; returns each one's latency. */
  private static long[] anchorChain(Ledger ledger, String chain, int count) {
    long[] latencies = new long[count];
    Optional<String> previous = Optional.empty();
    for (int i = 0; i < count; i++) {
      String batchId = chain + "/" + i;
      long t0 = System.nanoTime();
      Anchor anchor =
          ledger
              .anchorBatch(
                  new AnchorRequest(
                      batchId,
                      chain,
                      previous,
                      String.format("%064x", i + 1),
                      1,
                      i * 1_000L,
                      (i + 1) * 1_000L))
              .value();
      latencies[i] = System.nanoTime() - t0;
      previous = Optional.of(anchor.batchId());
    }
    return latencies;
  }

  private static String chain() {
    return "bench-" + UUID.randomUUID();
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
