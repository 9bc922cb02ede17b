package io.shiftproof.benchmarks;

import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.simulator.PlatformBatch;
import io.shiftproof.simulator.PushConfig;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench query}: status and day-record queries with their proofs over a fixed pool of mutual
 * TLS keep-alive connections, as an insurer's back end holds them, at fixed offered rates (open
 * loop: each request is due at its own instant whether or not earlier ones were answered, waits in
 * line for a free connection, and its latency counts from that instant, so queueing shows instead
 * of slowing the load down). The baseline at each rate is the cheapest authenticated route, {@code
 * GET /v1/pseudonyms/key}: the same TLS, routing and rate limiting, no data.
 *
 * <p>The hub runs in its own process with its job; a simulated day settles, so every answer comes
 * from a sealed, anchored version with its inclusion proof. Queries are made as {@code admin},
 * which purpose binding does not restrict but the access log records: the log's cost is in the
 * figures.
 */
public final class QueryBenchmark {
  /**
   * @param rates offered request rates per second, each run in turn for {@code secondsPerRate}
   * @param connections keep-alive connections, each used by one request at a time
   * @param maxOutstanding requests waiting for a connection at most; a request due while this many
   *     wait is counted as not sent, and the rate as not held
   */
  public record Settings(
      int workers,
      long seed,
      List<Integer> rates,
      int secondsPerRate,
      int connections,
      int maxOutstanding,
      double p99GoalMillis,
      Path workDir) {}

  /** The kinds of request, each timed on its own. */
  enum Kind {
    STATUS("status with proof"),
    DAY("day record with proof"),
    BASELINE("baseline: pseudonym key");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** One kind's figures at one offered rate. */
  record Result(
      int offered,
      Kind kind,
      double achievedPerSecond,
      double p50,
      double p99,
      double p999,
      int notSent,
      int errors) {}

  private static final String ASKER = "admin";

  private final Settings settings;
  private final PrintWriter out;

  public QueryBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public List<Result> run() throws Exception {
    SimulationConfig simulation =
        SimulationConfig.builder()
            .seed(settings.seed())
            .workers(settings.workers())
            .platforms(3)
            .days(2)
            .startDate(LocalDate.now(SimulationConfig.builder().build().zone()).minusDays(3))
            .build();
    List<PlatformBatch> batches = Simulation.generate(simulation).toList();
    LocalDate day = simulation.startDate();
    List<Target> targets = targets(batches, day, simulation);
    out.printf(
        "bench query: %d workers, 3 platforms, 2 days (the first settles); %d seconds per rate,"
            + " %d keep-alive connections, at most %d requests waiting for one%n",
        settings.workers(),
        settings.secondsPerRate(),
        settings.connections(),
        settings.maxOutstanding());
    out.flush();
    List<Result> results = new ArrayList<>();
    try (HubChildProcess hub =
        HubChildProcess.start(
            settings.workDir().resolve("hub"),
            List.of(
                "-Dstream-job.checkpoint-interval=PT1S",
                "-Dstream-job.idleness=PT5S",
                // The benchmark's one organisation asks far beyond the default per-organisation
                // budget; the budget is not what is measured.
                "-Dgateway.rate-limit.per-second=1000000",
                "-Dgateway.rate-limit.burst=1000000"))) {
      push(hub, batches);
      awaitSealed(hub, client(hub, ASKER), targets.get(0), day);
      // One client per connection: each sends one request at a time, so its one connection is
      // kept alive and reused, and no burst opens new ones.
      List<HttpClient> pool = new ArrayList<>();
      for (int c = 0; c < settings.connections(); c++) {
        pool.add(client(hub, ASKER));
      }
      // Warm the JIT and the connections before anything is timed.
      offer(hub, pool, targets, day, settings.rates().get(0), 3, new Random(1));
      for (int rate : settings.rates()) {
        results.addAll(
            offer(hub, pool, targets, day, rate, settings.secondsPerRate(), new Random(rate)));
      }
    }
    print(results);
    return results;
  }

  /** A worker of the settled day, and an instant at which it sent an event. */
  private record Target(String workerRef, Instant at) {}

  private static List<Target> targets(
      List<PlatformBatch> batches, LocalDate day, SimulationConfig simulation) {
    Map<String, Instant> firstEvent = new TreeMap<>();
    for (PlatformBatch batch : batches) {
      for (WorkEvent e : batch.batch().events()) {
        if (LocalDate.ofInstant(e.occurredAt(), simulation.zone()).equals(day)) {
          firstEvent.merge(e.workerRef(), e.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    List<Target> targets = new ArrayList<>();
    // An hour into each worker's first session, when most are at work.
    firstEvent.forEach((ref, at) -> targets.add(new Target(ref, at.plus(Duration.ofHours(1)))));
    return targets;
  }

  private void push(HubChildProcess hub, List<PlatformBatch> batches) throws Exception {
    PushReport report =
        new DevOrganisations(hub.credentialsDir())
            .pusher(
                PushConfig.builder(hub.apiUrl()).concurrency(8).build(),
                new PrintStream(OutputStream.nullOutputStream()))
            .push(batches.stream());
    if (!report.failures().isEmpty() || report.rejected() > 0) {
      throw new IllegalStateException("not every event was taken: " + report.failures());
    }
    out.printf(
        "pushed:    %,d events in %.1f s; waiting for the first day to be sealed%n",
        report.accepted(), report.elapsed().toMillis() / 1000.0);
    out.flush();
  }

  /** Until the settled day's status answer comes from a sealed version, with its proof. */
  private static void awaitSealed(
      HubChildProcess hub, HttpClient client, Target target, LocalDate day) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (true) {
      HttpResponse<String> r =
          client.send(request(hub, Kind.STATUS, target, day), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 && r.body().contains("\"provisional\":false")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the first day was not sealed within 10 minutes: " + r.statusCode() + " " + r.body());
      }
      Thread.sleep(500);
    }
  }

  /**
   * One offered rate for {@code seconds}: the three kinds in turn, request by request, so they
   * share the load and each gets a third of the rate. A scheduler puts each request in line when it
   * is due; each connection's thread takes the next in line.
   */
  private List<Result> offer(
      HubChildProcess hub,
      List<HttpClient> pool,
      List<Target> targets,
      LocalDate day,
      int rate,
      int seconds,
      Random random)
      throws Exception {
    int total = rate * seconds;
    Map<Kind, List<Long>> latencies = new ConcurrentHashMap<>();
    Map<Kind, AtomicInteger> errors = new ConcurrentHashMap<>();
    Map<Kind, AtomicInteger> notSent = new ConcurrentHashMap<>();
    for (Kind kind : Kind.values()) {
      latencies.put(kind, java.util.Collections.synchronizedList(new ArrayList<>()));
      errors.put(kind, new AtomicInteger());
      notSent.put(kind, new AtomicInteger());
    }
    BlockingQueue<Due> line = new LinkedBlockingQueue<>();
    CountDownLatch done = new CountDownLatch(total);
    List<Thread> senders = new ArrayList<>();
    for (HttpClient client : pool) {
      Thread sender =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Due due = line.take();
                    if (due.request() == null) {
                      return;
                    }
                    try {
                      HttpResponse<Void> r =
                          client.send(due.request(), HttpResponse.BodyHandlers.discarding());
                      // From when the request was due, not when it left: waiting counts.
                      long latency = System.nanoTime() - due.at();
                      if (r.statusCode() == 200) {
                        latencies.get(due.kind()).add(latency);
                      } else {
                        errors.get(due.kind()).incrementAndGet();
                      }
                    } catch (java.io.IOException e) {
                      errors.get(due.kind()).incrementAndGet();
                    }
                    done.countDown();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "query-sender");
      sender.setDaemon(true);
      sender.start();
      senders.add(sender);
    }
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (line.size() >= settings.maxOutstanding()) {
        notSent.get(kind).incrementAndGet();
        done.countDown();
        continue;
      }
      Target target = targets.get(random.nextInt(targets.size()));
      line.add(new Due(kind, request(hub, kind, target, day), due));
    }
    boolean answered = done.await(seconds + 120L, TimeUnit.SECONDS);
    for (int c = 0; c < senders.size(); c++) {
      line.add(new Due(Kind.BASELINE, null, 0));
    }
    if (!answered) {
      throw new IllegalStateException(rate + "/s: answers still missing after two minutes");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Result> results = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      List<Long> sorted = new ArrayList<>(latencies.get(kind));
      sorted.sort(Comparator.naturalOrder());
      results.add(
          new Result(
              rate,
              kind,
              sorted.size() / elapsed,
              percentile(sorted, 50),
              percentile(sorted, 99),
              percentile(sorted, 99.9),
              notSent.get(kind).get(),
              errors.get(kind).get()));
    }
    return results;
  }

  /** A request in line, due at {@code at} (nanoTime); a null request ends a sender. */
  private record Due(Kind kind, HttpRequest request, long at) {}

  private static HttpRequest request(HubChildProcess hub, Kind kind, Target target, LocalDate day)
      throws java.io.IOException {
    URI api = hub.apiUrl();
    String path =
        switch (kind) {
          case STATUS -> "/v1/workers/" + target.workerRef() + "/status?at=" + target.at();
          case DAY -> "/v1/workers/" + target.workerRef() + "/days/" + day;
          case BASELINE -> "/v1/pseudonyms/key";
        };
    return HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build();
  }

  /** The {@code p}th percentile in milliseconds (nearest rank); NaN when nothing was answered. */
  static double percentile(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sortedNanos.size());
    return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size(), rank) - 1)) / 1e6;
  }

  private void print(List<Result> results) {
    out.println();
    out.printf(
        "%8s  %-24s %11s %9s %9s %9s %9s %7s%n",
        "offered", "request", "answered/s", "p50 ms", "p99 ms", "p99.9 ms", "not sent", "errors");
    for (Result r : results) {
      out.printf(
          "%8d  %-24s %,11.0f %9.2f %9.2f %9.2f %9d %7d%n",
          r.offered(),
          r.kind().label,
          r.achievedPerSecond(),
          r.p50(),
          r.p99(),
          r.p999(),
          r.notSent(),
          r.errors());
    }
    int held = 0;
    for (int rate : settings.rates()) {
      boolean ok =
          results.stream()
              .filter(r -> r.offered() == rate && r.kind() != Kind.BASELINE)
              .allMatch(
                  r -> r.p99() <= settings.p99GoalMillis() && r.notSent() == 0 && r.errors() == 0);
      if (ok) {
        held = Math.max(held, rate);
      }
    }
    out.printf(
        "%nhighest offered rate held with status and day p99 <= %.1f ms, nothing unsent or failed:"
            + " %s%n",
        settings.p99GoalMillis(), held == 0 ? "none of those offered" : held + " requests/s");
    out.printf(
        "(each rate is split evenly over the three requests; goal: status with proof p99 <= 5 ms"
            + " at 2,000 requests/s)%n");
    out.printf(
        "machine: %d cores; client and hub share them%n",
        Runtime.getRuntime().availableProcessors());
    out.flush();
  }

  private static HttpClient client(HubChildProcess hub, String org) {
    return new DevOrganisations(hub.credentialsDir()).client(org);
  }
}
