package io.shiftproof.benchmarks;

import io.shiftproof.schemas.wire.BatchJsonWriter;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventBatch;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench latency}: how long after a platform's {@code 200} an event shows, under a steady
 * ingest load. A background sender keeps {@code platform-1}'s workers busy at a fixed event rate,
 * with event times of now; meanwhile, one probe at a time, {@code platform-2} sends a fresh
 * worker's ONLINE event and the benchmark times
 *
 * <ul>
 *   <li>acknowledged → the live record shows it: the worker's status at the ONLINE's instant is
 *       answered and no longer OFFLINE (polled every 20 ms);
 *   <li>then an evidence request about a busy worker of the load, {@value
 *       #EVIDENCE_LOOKBACK_SECONDS} s back → answered with a bundle, which the hub gives only once
 *       an interim version of the worker's day is sealed and anchored (an instant nearer now cannot
 *       be sealed: evidence waits until the record reaches 2 minutes past the incident).
 * </ul>
 *
 * <p>The hub runs with its defaults (among them the checkpoint interval the sealed path waits for)
 * in its own process; only its per-organisation rate limit is lifted, as the load is not what is
 * measured.
 */
public final class LatencyBenchmark {
  /**
   * @param loadEventsPerSecond the background load, in events per second
   * @param loadWorkers how many workers the background load is spread over
   * @param probes events timed, one after another
   * @param warmUpSeconds how long the load runs before the first probe; the evidence requests ask
   *     about {@value #EVIDENCE_LOOKBACK_SECONDS} s back, so a shorter warm-up leaves the first
   *     ones without a day to seal
   */
  public record Settings(
      int loadEventsPerSecond, int loadWorkers, int probes, int warmUpSeconds, Path workDir) {}

  /**
   * How far back an evidence request asks: the hub seals evidence only once the record reaches 2
   * minutes past the incident, and a busy worker's record trails now by the job's watermark lag.
   */
  static final int EVIDENCE_LOOKBACK_SECONDS = 180;

  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(60);

  private final Settings settings;
  private final PrintWriter out;

  public LatencyBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  /** One probe's two latencies, in milliseconds; empty where it did not get that far. */
  record Probe(Optional<Long> live, Optional<Long> evidence) {}

  public List<Probe> run() throws Exception {
    out.printf(
        "bench latency: background load %,d events/s over %d workers (platform-1); %d probes"
            + " (platform-2), one at a time%n",
        settings.loadEventsPerSecond(), settings.loadWorkers(), settings.probes());
    out.flush();
    List<Probe> probes = new ArrayList<>();
    AtomicLong loadSent = new AtomicLong();
    long loadStart;
    long loadEnd;
    try (HubChildProcess hub =
        HubChildProcess.start(
            settings.workDir().resolve("hub"),
            List.of(
                "-Dgateway.rate-limit.per-second=1000000", "-Dgateway.rate-limit.burst=1000000"))) {
      Hub api = new Hub(hub.apiUrl(), hub.credentialsDir());
      AtomicBoolean stop = new AtomicBoolean();
      Thread load = new Thread(() -> load(api, stop, loadSent), "background-load");
      load.setDaemon(true);
      loadStart = System.nanoTime();
      load.start();
      // The load runs a while first: the job's watermark follows it, and its workers' records
      // reach back far enough for the evidence requests.
      Thread.sleep(settings.warmUpSeconds() * 1000L);
      for (int i = 0; i < settings.probes(); i++) {
        probes.add(probe(api, i));
      }
      stop.set(true);
      load.join(30_000);
      loadEnd = System.nanoTime();
    }
    print(probes, loadSent.get() / ((loadEnd - loadStart) / 1e9));
    return probes;
  }

  private Probe probe(Hub api, int index) throws Exception {
    String worker = workerRef("probe-" + index);
    // The worker came online a second ago and is still there now: the record then knows its
    // state at the first instant (what is known of an open session ends at its last event).
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant at = now.minusSeconds(1);
    String session = "s-probe-" + index;
    List<WorkEvent> events =
        List.of(
            event("probe-" + index + "-on", worker, session, WorkEventType.ONLINE, at),
            event("probe-" + index + "-hb", worker, session, WorkEventType.HEARTBEAT, now));
    HttpResponse<String> ack =
        api.postEvents("platform-2", new EventBatch("b-probe-" + index, events));
    long acknowledged = System.nanoTime();
    if (ack.statusCode() != 200) {
      throw new IllegalStateException("probe " + index + " refused: " + ack.body());
    }
    String statusPath = "/v1/workers/" + worker + "/status?at=" + at;
    long deadline = acknowledged + PROBE_DEADLINE.toNanos();
    Optional<Long> live = Optional.empty();
    HttpResponse<String> status = null;
    while (System.nanoTime() < deadline) {
      status = api.get("admin", statusPath);
      if (status.statusCode() == 200 && !status.body().contains("\"state\":\"OFFLINE\"")) {
        live = Optional.of(millisSince(acknowledged));
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    if (live.isEmpty()) {
      out.printf(
          "  probe %d: not shown within %d s; last answer %d %s%n",
          index, PROBE_DEADLINE.toSeconds(), status.statusCode(), status.body());
      out.flush();
      return new Probe(live, Optional.empty());
    }
    // The sealed path, under the same load: evidence about a busy worker a few minutes back, which
    // the hub answers once an interim version of that worker's day is sealed and anchored.
    String busy = workerRef("load-" + (index % settings.loadWorkers()));
    Instant incident =
        Instant.now().minusSeconds(EVIDENCE_LOOKBACK_SECONDS).truncatedTo(ChronoUnit.SECONDS);
    long asked = System.nanoTime();
    HttpResponse<String> evidence =
        api.post(
            "admin",
            "/v1/evidence",
            "{\"workerRef\":\"" + busy + "\",\"incidentAt\":\"" + incident + "\"}");
    if (evidence.statusCode() != 200) {
      out.printf(
          "  probe %d: evidence answered %d %s%n", index, evidence.statusCode(), evidence.body());
      out.flush();
      return new Probe(live, Optional.empty());
    }
    return new Probe(live, Optional.of(millisSince(asked)));
  }

  /** Batches of heartbeats every 100 ms until stopped, each worker's first event an ONLINE. */
  private void load(Hub api, AtomicBoolean stop, AtomicLong sent) {
    int perTick = Math.max(1, settings.loadEventsPerSecond() / 10);
    long tick = 0;
    long start = System.nanoTime();
    int next = 0;
    boolean[] online = new boolean[settings.loadWorkers()];
    while (!stop.get()) {
      long due = start + tick * 100_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      List<WorkEvent> events = new ArrayList<>(perTick);
      for (int i = 0; i < perTick; i++) {
        int w = next++ % settings.loadWorkers();
        WorkEventType type = online[w] ? WorkEventType.HEARTBEAT : WorkEventType.ONLINE;
        online[w] = true;
        events.add(
            event("load-" + tick + "-" + i, workerRef("load-" + w), "s-load-" + w, type, now));
      }
      try {
        HttpResponse<String> r =
            api.postEvents("platform-1", new EventBatch("b-load-" + tick, events));
        if (r.statusCode() == 200) {
          sent.addAndGet(events.size());
        }
      } catch (Exception e) {
        // A lost load batch only lowers the load, which is printed as achieved.
      }
      tick++;
    }
  }

  private static WorkEvent event(
      String id, String worker, String session, WorkEventType type, Instant at) {
    return new WorkEvent(
        id,
        worker,
        session,
        type,
        Optional.empty(),
        at,
        Rfc3339.format(at, ZoneOffset.UTC),
        Optional.empty());
  }

  /** A well-formed pseudonym derived from a name: {@code wr_} and 32 bytes, base64url. */
  static String workerRef(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return "wr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private void print(List<Probe> probes, double loadPerSecond) {
    out.println();
    out.printf("%-52s %8s %8s %8s %8s%n", "from -> to", "probes", "p50 ms", "p99 ms", "max ms");
    line("acknowledged -> live record shows it", probes.stream().map(Probe::live).toList());
    line(
        "evidence request -> interim version sealed, anchored",
        probes.stream().map(Probe::evidence).toList());
    long missing = probes.stream().filter(p -> p.evidence().isEmpty()).count();
    out.printf(
        "%nbackground load achieved: %,.0f events/s; probes not completed: %d of %d%n",
        loadPerSecond, missing, probes.size());
    out.printf(
        "goals: acknowledged -> live p99 <= 3 s; interim seal -> anchored p99 <= the checkpoint"
            + " interval (%s, the default) + 3 s%n",
        WorkingTimeJobConfig.DEFAULT_CHECKPOINT_INTERVAL);
    out.printf(
        "machine: %d cores; load, probes and hub share them%n",
        Runtime.getRuntime().availableProcessors());
    out.flush();
  }

  private void line(String name, List<Optional<Long>> values) {
    List<Long> sorted =
        values.stream().flatMap(Optional::stream).sorted(Comparator.naturalOrder()).toList();
    if (sorted.isEmpty()) {
      out.printf("%-52s %8d %8s %8s %8s%n", name, 0, "-", "-", "-");
      return;
    }
    out.printf(
        "%-52s %8d %8d %8d %8d%n",
        name, sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.get(sorted.size() - 1));
  }

  private static long rank(List<Long> sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
  }

  /** The hub's API as its organisations call it, each with its own certificate. */
  private static final class Hub {
    private final URI api;
    private final DevOrganisations organisations;
    private final java.util.Map<String, HttpClient> clients =
        new java.util.concurrent.ConcurrentHashMap<>();

    Hub(URI api, Path credentials) {
      this.api = api;
      this.organisations = new DevOrganisations(credentials);
    }

    HttpResponse<String> postEvents(String platform, EventBatch batch) throws Exception {
      byte[] body = BatchJsonWriter.toJson(batch);
      PrivateKey key = organisations.signingKey(platform);
      return client(platform)
          .send(
              HttpRequest.newBuilder(api.resolve("/v1/events"))
                  .timeout(Duration.ofSeconds(60))
                  .header("content-type", "application/json")
                  .header(BatchSignature.HEADER, BatchSignature.sign(key, body))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String org, String path) throws Exception {
      return client(org)
          .send(
              HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String org, String path, String json) throws Exception {
      return client(org)
          .send(
              HttpRequest.newBuilder(api.resolve(path))
                  .timeout(Duration.ofSeconds(60))
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient client(String org) {
      return clients.computeIfAbsent(org, organisations::client);
    }
  }
}
