package io.shiftproof.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.hub.TestHub;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.fabric.FabricLedger;
import io.shiftproof.ledger.fabric.FabricLedgerBackend;
import io.shiftproof.ledger.fabric.FabricLedgerConfig;
import io.shiftproof.ledger.fabric.LocalFabricNetwork;
import io.shiftproof.records.StoredBatch;
import io.shiftproof.records.StoredBatches;
import io.shiftproof.simulator.FaultProfile;
import io.shiftproof.simulator.PlatformBatch;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's own job anchoring on the local Fabric network while the hub's peer is killed with
 * SIGKILL and started again (issue 12, deliverable 8). Simulated platforms push day after day; the
 * peer dies after the first days were anchored, days settle while it is down, and it is started
 * again with {@code fabric.sh up}. Then anchoring has resumed, the chain on the ledger holds every
 * batch the hub stores once, in order, none it does not, and the audit re-hashes every stored
 * version into its anchored root without a finding.
 *
 * <p>The hub runs in a ledger namespace of its own, so its chain starts at sequence 1 however often
 * the network has been anchored on before.
 */
class FabricJobFaultIT {
  private static final String CHAIN = WorkingTimeJobConfig.DEFAULT_JOB_NAME;
  private static final int DAYS = 9;

  /** Days pushed and processed before the kill, pushed while the peer is down, and after. */
  private static final int BEFORE_KILL = 3;

  private static final int WHILE_DOWN = 3;

  private static LocalFabricNetwork network;
  private static String namespace;
  private static Path dataDir;
  private static TestHub hub;

  @BeforeAll
  static void startNetworkAndHub() throws Exception {
    network = LocalFabricNetwork.up();
    namespace = "job-fault-" + UUID.randomUUID();
    System.setProperty(FabricLedgerBackend.PROPERTY, network.connection().toString());
    System.setProperty(FabricLedgerBackend.NAMESPACE_PROPERTY, namespace);
    dataDir = TempDirectories.create("fabric-job-fault");
    hub =
        TestHub.start(
            dataDir,
            Map.of(
                "stream-job.mode", "embedded",
                "stream-job.checkpoint-interval", "PT1S",
                // Each day's partitions that got no late-day event stop holding the watermark
                // back within seconds, not the default minute: the days settle one by one.
                "stream-job.idleness", "PT3S",
                "ledger.kind", "fabric"));
  }

  @AfterAll
  static void stopHubAndNetwork() throws Exception {
    try {
      if (hub != null) {
        hub.close();
      }
      if (dataDir != null) {
        TempDirectories.delete(dataDir);
      }
    } finally {
      System.clearProperty(FabricLedgerBackend.PROPERTY);
      System.clearProperty(FabricLedgerBackend.NAMESPACE_PROPERTY);
      if (network != null) {
        network.down();
      }
    }
  }

  @Test
  void anchoringResumesAfterTheHubsPeerIsKilledWithNoBatchSkippedOrAnchoredTwice()
      throws Exception {
    // Days in the past, the newest ending before today: the gateway refuses events from the future.
    LocalDate firstDay =
        LocalDate.now(SimulationConfig.builder().build().zone()).minusDays(DAYS + 2L);
    SimulationConfig simulation =
        SimulationConfig.builder()
            .seed(12)
            .startDate(firstDay)
            .workers(20)
            .platforms(2)
            .days(DAYS)
            .faults(
                FaultProfile.none()
                    .withDuplicates(0.01)
                    .withLateEvents(0.01, Duration.ofMinutes(20))
                    .withMissingOfflines(0.05))
            .build();
    TreeMap<LocalDate, List<PlatformBatch>> byDay = batchesByDay(simulation);
    List<LocalDate> days = new ArrayList<>(byDay.keySet());

    // Each day processed before the next is pushed: the settling days are anchored one by one.
    for (LocalDate day : days.subList(0, BEFORE_KILL)) {
      push(byDay.get(day));
      hub.awaitProcessed(newest(byDay.get(day)));
    }
    assertThat(storedBatches()).as("batches anchored before the kill").isNotEmpty();

    network.kill("peer-hub");
    Instant killed = Instant.now();
    // The gateway keeps taking events; the job seals the days that settle and cannot anchor them.
    for (LocalDate day : days.subList(BEFORE_KILL, BEFORE_KILL + WHILE_DOWN)) {
      push(byDay.get(day));
      Thread.sleep(2_000);
    }
    network.startStopped();
    Instant restarted = Instant.now();

    for (LocalDate day : days.subList(BEFORE_KILL + WHILE_DOWN, days.size())) {
      push(byDay.get(day));
      hub.awaitProcessed(newest(byDay.get(day)));
    }

    List<StoredBatch> stored = storedBatches();
    List<Anchor> chain = chainOnTheLedger();
    assertChainHoldsEveryStoredBatchOnce(stored, chain);

    assertThat(chain)
        .as("anchors committed before the kill")
        .anyMatch(a -> a.anchoredAt().isBefore(killed));
    assertThat(chain)
        .as("anchors after the peer was started again: anchoring resumed")
        .anyMatch(a -> a.anchoredAt().isAfter(restarted));
    assertThat(sealedDays())
        .as("every day that settled has sealed versions, those settled while the peer was down too")
        .containsAll(days.subList(0, days.size() - 2));

    JsonObject audit = audit();
    assertThat(audit.getJsonArray("findings")).as(audit.encodePrettily()).isEmpty();
    assertThat(audit.getBoolean("clean")).isTrue();
    assertThat(audit.getLong("batches")).isEqualTo(stored.size());
    assertThat(audit.getLong("records")).isEqualTo(sealedVersions());
  }

  /**
   * Sequences 1..n, each naming the one before, each batch id once; the ledger's chain, walked back
   * from its head, is exactly the hub's stored batches with the same roots and sizes.
   */
  private static void assertChainHoldsEveryStoredBatchOnce(
      List<StoredBatch> stored, List<Anchor> chain) {
    assertThat(stored).as("stored batches").hasSizeGreaterThanOrEqualTo(4);
    for (int i = 0; i < stored.size(); i++) {
      StoredBatch batch = stored.get(i);
      assertThat(batch.sequence()).as(batch.batchId()).isEqualTo(i + 1);
      assertThat(batch.previous())
          .as(batch.batchId())
          .isEqualTo(i == 0 ? Optional.empty() : Optional.of(stored.get(i - 1).batchId()));
    }
    assertThat(stored.stream().map(StoredBatch::batchId).distinct()).hasSameSizeAs(stored);

    assertThat(chain).as("the chain on the ledger").hasSameSizeAs(stored);
    for (int i = 0; i < chain.size(); i++) {
      Anchor anchor = chain.get(i);
      StoredBatch batch = stored.get(i);
      assertThat(anchor.batchId()).isEqualTo(batch.batchId());
      assertThat(anchor.sequence()).isEqualTo(batch.sequence());
      assertThat(anchor.rootHex()).as(batch.batchId()).isEqualTo(batch.root().toHex());
      assertThat(anchor.treeSize()).as(batch.batchId()).isEqualTo(batch.treeSize());
    }
  }

  /** The hub's chain as the ledger holds it, oldest first, walked back from its head. */
  private static List<Anchor> chainOnTheLedger() throws Exception {
    List<Anchor> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (FabricLedger ledger =
        FabricLedger.connect(
            FabricLedgerConfig.fromConnection(
                network.connection(), FabricLedgerConfig.HUB_MSP_ID, "client", namespace))) {
      Optional<Anchor> next = ledger.head(CHAIN);
      while (next.isPresent()) {
        Anchor anchor = next.get();
        assertThat(seen.add(anchor.batchId())).as("a cycle at " + anchor.batchId()).isTrue();
        chain.add(0, anchor);
        next =
            anchor
                .previousBatchId()
                .map(
                    previous ->
                        ledger
                            .anchor(previous)
                            .orElseThrow(
                                () ->
                                    new AssertionError(
                                        anchor.batchId()
                                            + " names "
                                            + previous
                                            + ", not anchored")));
      }
    }
    if (!chain.isEmpty()) {
      assertThat(chain.get(0).sequence()).as("the chain's first anchor").isEqualTo(1);
    }
    return chain;
  }

  private static List<StoredBatch> storedBatches() throws Exception {
    try (Connection c = hub.connectDatabase()) {
      return StoredBatches.all(c).stream()
          .filter(b -> b.chain().equals(CHAIN))
          .sorted(Comparator.comparingLong(StoredBatch::sequence))
          .toList();
    }
  }

  private static Set<LocalDate> sealedDays() throws Exception {
    Set<LocalDate> days = new HashSet<>();
    try (Connection c = hub.connectDatabase();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT day FROM day_record_version")) {
      while (r.next()) {
        days.add(r.getObject(1, LocalDate.class));
      }
    }
    return days;
  }

  private static long sealedVersions() throws Exception {
    try (Connection c = hub.connectDatabase();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM day_record_version")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static JsonObject audit() throws Exception {
    HttpResponse<String> response = hub.get("admin", "/v1/audit");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static void push(List<PlatformBatch> batches) throws InterruptedException {
    PushReport report = hub.push(batches.stream());
    assertThat(report.failures()).isEmpty();
    assertThat(report.rejected()).isZero();
  }

  /** The simulation's batches in push order, by the local day of their newest event. */
  private static TreeMap<LocalDate, List<PlatformBatch>> batchesByDay(SimulationConfig simulation) {
    TreeMap<LocalDate, List<PlatformBatch>> byDay = new TreeMap<>();
    Simulation.generate(simulation)
        .forEach(
            batch ->
                byDay
                    .computeIfAbsent(
                        LocalDate.ofInstant(newest(List.of(batch)), simulation.zone()),
                        d -> new ArrayList<>())
                    .add(batch));
    return byDay;
  }

  private static Instant newest(List<PlatformBatch> batches) {
    return batches.stream()
        .flatMap(b -> b.batch().events().stream())
        .map(e -> e.occurredAt())
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }
}
