package io.shiftproof.benchmarks;

import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.gateway.config.KafkaConfig;
import io.shiftproof.gateway.ingest.EventPublisher;
import io.shiftproof.hub.HubSettings;
import io.shiftproof.hub.TopicAdmin;
import io.shiftproof.ledger.pki.KafkaCredentials;
import io.shiftproof.ledger.pki.KafkaTls;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.simulator.BatchPusher;
import io.shiftproof.simulator.PlatformBatch;
import io.shiftproof.simulator.PushConfig;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Ingest throughput of a fresh embedded hub over HTTPS with mutual TLS, against a baseline in the
 * same run: the same events written straight to the hub's Kafka broker by one producer with the
 * same durability (acks=all, idempotent). The baseline is the ceiling the broker allows here; the
 * ratio is what the gateway's validation, de-duplication and TLS cost.
 *
 * <p>The hub runs in its own process so that the CPU figure is the hub's alone.
 */
public final class IngestBenchmark {
  /** What to run. */
  public record Settings(
      int workers, int batchSize, int concurrency, double warmupShare, long seed, Path workDir) {}

  /** One measured phase. */
  public record Phase(
      String name, long events, Duration elapsed, Duration hubCpu, Duration postgresCpu) {
    double eventsPerSecond() {
      return events / (elapsed.toNanos() / 1e9);
    }

    /** Several runs of one kind as one phase: their events, times and CPU added up. */
    static Phase sum(String name, List<Phase> parts) {
      return new Phase(
          name,
          parts.stream().mapToLong(Phase::events).sum(),
          parts.stream().map(Phase::elapsed).reduce(Duration.ZERO, Duration::plus),
          parts.stream().map(Phase::hubCpu).reduce(Duration.ZERO, Duration::plus),
          parts.stream().map(Phase::postgresCpu).reduce(Duration.ZERO, Duration::plus));
    }

    double hubCpuMicrosPerEvent() {
      return hubCpu.toNanos() / 1e3 / events;
    }

    double postgresCpuMicrosPerEvent() {
      return postgresCpu.toNanos() / 1e3 / events;
    }
  }

  private static final String BASELINE_TOPIC = "bench-baseline";

  private final Settings settings;
  private final PrintWriter out;

  public IngestBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public List<Phase> run() throws Exception {
    List<PlatformBatch> batches = generate();
    long total = batches.stream().mapToLong(PlatformBatch::size).sum();
    int warmup = (int) Math.max(1, batches.size() * settings.warmupShare());
    out.printf(
        "Generated %,d events in %,d batches (%d workers, 3 platforms, 1 day, %d events/batch)%n",
        total, batches.size(), settings.workers(), settings.batchSize());
    out.printf("Starting a fresh embedded hub in %s ...%n", settings.workDir());
    out.flush();
    List<Phase> phases = new ArrayList<>();
    try (HubChildProcess hub =
        // The gateway alone: the working-time job (measured by its own benchmark) would share the
        // hub's JVM and the two cores, and its consumer would compete with the baseline. Warn
        // mode takes unsigned batches too, so signed and unsigned run against the same hub.
        HubChildProcess.start(
            settings.workDir().resolve("hub"),
            List.of("-Dstream-job.mode=external", "-Dingest.batch-signatures=warn"))) {
      push(hub, batches.subList(0, warmup), true, "warm-up");
      List<PlatformBatch> measured = batches.subList(warmup, batches.size());
      // Signed and unsigned alternate in quarters, so neither gains from a warmer hub.
      List<Phase> signed = new ArrayList<>();
      List<Phase> unsigned = new ArrayList<>();
      int quarter = Math.max(1, measured.size() / 4);
      for (int q = 0; q < 4; q++) {
        List<PlatformBatch> part =
            measured.subList(
                Math.min(measured.size(), q * quarter),
                q == 3 ? measured.size() : Math.min(measured.size(), (q + 1) * quarter));
        boolean sign = q % 2 == 0;
        (sign ? signed : unsigned).add(push(hub, part, sign, sign ? "signed" : "unsigned"));
      }
      phases.add(
          Phase.sum("gateway, batches signed: HTTPS+mTLS -> verify -> ... -> Kafka", signed));
      phases.add(Phase.sum("gateway, batches unsigned (warn mode)", unsigned));
      phases.add(baseline(hub, measured));
    }
    print(phases);
    return phases;
  }

  private List<PlatformBatch> generate() {
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(settings.seed())
            .workers(settings.workers())
            .platforms(3)
            .days(1)
            .startDate(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2))
            .batchSize(settings.batchSize())
            .build();
    return Simulation.generate(config).toList();
  }

  private Phase push(HubChildProcess hub, List<PlatformBatch> batches, boolean sign, String name)
      throws Exception {
    BatchPusher pusher =
        new DevOrganisations(hub.credentialsDir())
            .pusher(
                PushConfig.builder(hub.apiUrl())
                    .concurrency(settings.concurrency())
                    .httpVersion(java.net.http.HttpClient.Version.HTTP_1_1)
                    .progressInterval(Duration.ofSeconds(1))
                    .signBatches(sign)
                    .build(),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
    Duration cpuBefore = hub.cpuTime();
    Duration postgresBefore = hub.postgresCpuTime();
    PushReport report = pusher.push(batches.stream());
    Duration cpu = hub.cpuTime().minus(cpuBefore);
    Duration postgresCpu = hub.postgresCpuTime().minus(postgresBefore);
    if (!report.failures().isEmpty() || report.rejected() > 0) {
      throw new IllegalStateException(
          name
              + ": not every event was acknowledged: "
              + report.failures()
              + " "
              + report.rejections());
    }
    out.printf(
        "%s: %,d acknowledged (%,d accepted, %,d duplicates)%n",
        name, report.eventsDelivered(), report.accepted(), report.duplicates());
    out.flush();
    return new Phase(name, report.eventsDelivered(), report.elapsed(), cpu, postgresCpu);
  }

  /** The same events, produced straight into the hub's broker with the gateway's durability. */
  private Phase baseline(HubChildProcess hub, List<PlatformBatch> batches) throws Exception {
    // The hub runs with the default settings: same topic layout and producer settings here.
    KafkaConfig kafka =
        KafkaConfig.from(
            HubSettings.load(
                null,
                Map.of(),
                Map.of(GatewayKeys.DATA_DIR.name(), hub.credentialsDir().getParent().toString())),
            BASELINE_TOPIC);
    // The hub's administration may write any topic; the gateway only the events topic. Both
    // connect with the same TLS, so the baseline pays for it as the gateway does.
    Map<String, String> admin =
        KafkaTls.development(hub.credentialsDir(), KafkaCredentials.ADMIN).clientProperties();
    TopicAdmin.ensureTopic(hub.kafkaBootstrapServers(), admin, BASELINE_TOPIC, kafka.partitions());
    Properties p = EventPublisher.producerProperties(hub.kafkaBootstrapServers(), kafka);
    p.putAll(admin);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-baseline");
    Instant now = Instant.now();
    long events = 0;
    Duration cpuBefore = hub.cpuTime();
    long ownCpuBefore = ownCpuNanos();
    long start = System.nanoTime();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      awaitLeaders(producer);
      // Bounded in flight like the gateway, which waits for each batch's acks.
      Semaphore inFlight = new Semaphore(settings.concurrency() * settings.batchSize());
      for (PlatformBatch batch : batches) {
        for (WorkEvent event : batch.batch().events()) {
          inFlight.acquire();
          byte[] value =
              RecordedEventCodec.encode(
                  new RecordedEvent(batch.platform(), batch.batch().batchId(), now, event));
          producer.send(
              new ProducerRecord<>(
                  BASELINE_TOPIC, event.workerRef().getBytes(StandardCharsets.US_ASCII), value),
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
                inFlight.release();
              });
          events++;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Duration cpu = hub.cpuTime().minus(cpuBefore).plusNanos(ownCpuNanos() - ownCpuBefore);
    return new Phase(
        "baseline: one producer -> the same broker (acks=all)",
        events,
        elapsed,
        cpu,
        Duration.ZERO);
  }

  /** A just-created topic's leaders reach the producer's metadata a moment later. */
  private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (producer.partitionsFor(BASELINE_TOPIC).stream().anyMatch(p -> p.leader() == null)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(BASELINE_TOPIC + " has partitions without a leader");
      }
      Thread.sleep(100);
    }
  }

  private static long ownCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private void print(List<Phase> phases) {
    out.println();
    out.printf(
        "%-55s %12s %10s %14s %14s%n",
        "phase", "events/s", "seconds", "CPU µs/event", "+PostgreSQL");
    for (Phase phase : phases) {
      out.printf(
          "%-55s %,12.0f %10.2f %14.1f %14.1f%n",
          phase.name(),
          phase.eventsPerSecond(),
          phase.elapsed().toMillis() / 1000.0,
          phase.hubCpuMicrosPerEvent(),
          phase.postgresCpuMicrosPerEvent());
    }
    Phase signed = phases.get(0);
    Phase unsigned = phases.get(1);
    Phase baseline = phases.get(2);
    out.printf(
        "%ngateway / baseline throughput: %.2f   (CPU: the hub's JVM, and separately its"
            + " PostgreSQL server; baseline: broker + producer)%n",
        signed.eventsPerSecond() / baseline.eventsPerSecond());
    out.printf(
        "batch signatures cost %.1f %% of ingest throughput (signed %,.0f against unsigned %,.0f"
            + " events/s; goal: at most 15 %%)%n",
        100 * (1 - signed.eventsPerSecond() / unsigned.eventsPerSecond()),
        signed.eventsPerSecond(),
        unsigned.eventsPerSecond());
    out.printf(
        "machine: %d cores; client, hub and broker share them%n",
        Runtime.getRuntime().availableProcessors());
    out.flush();
  }
}
