package io.shiftproof.streamjobs;

import static io.shiftproof.schemas.wire.WorkEventType.HEARTBEAT;
import static io.shiftproof.schemas.wire.WorkEventType.OFFLINE;
import static io.shiftproof.schemas.wire.WorkEventType.ONLINE;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_ASSIGNED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_COMPLETED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_STARTED;
import static io.shiftproof.streamjobs.WorkEvents.DAY;
import static io.shiftproof.streamjobs.WorkEvents.ZONE;
import static io.shiftproof.streamjobs.WorkEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.EmbeddedKafkaBroker;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.merkle.VerificationResult;
import io.shiftproof.records.LateEvent;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.records.RecordStoreFixture;
import io.shiftproof.records.RecordStoreFixture.AnchoredBatchRow;
import io.shiftproof.records.RecordStoreFixture.AnchoredLeafRow;
import io.shiftproof.records.RecordStoreFixture.StoredVersion;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.simulator.FaultProfile;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.records.DayRecordOutputs;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.records.DayRecords;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job on a MiniCluster, from a real Kafka broker to a real PostgreSQL server: stored versions
 * equal what the tested core computes from the same events, and a task failure in the middle of the
 * stream changes nothing that is stored.
 */
class WorkingTimeJobIT {

  private static final int PARALLELISM = 2;
  private static final String TOPIC = "work-events";
  private static final String ALICE = "wr_" + "A".repeat(43);
  private static final String BOB = "wr_" + "B".repeat(43);
  private static final String CAROL = "wr_" + "C".repeat(43);
  private static final WorkingTimeConfig CONFIG = WorkingTimeConfig.defaults();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(PARALLELISM)
              .build());

  private final List<RecordedEvent> produced = new ArrayList<>();
  private int eventNumber;
  private Path dir;
  private EmbeddedKafkaBroker kafka;
  private RecordStoreFixture store;

  @BeforeEach
  void start() throws Exception {
    dir = TempDirectories.create("job-it");
    kafka = EmbeddedKafkaBroker.startWithoutSecurity(dir.resolve("kafka"), 0);
    kafka.createTopicIfAbsent(TOPIC, PARALLELISM);
    store = RecordStoreFixture.start();
  }

  @AfterEach
  void stop() {
    try {
      store.close();
      kafka.close();
    } finally {
      TempDirectories.delete(dir);
    }
  }

  @Test
  void storedVersionsEqualTheTimelineOfTheSameEvents() throws Exception {
    // Alice works on two apps at once; one event is resent in a later batch.
    RecordedEvent resent = add(ALICE, "didi", "s1", ONLINE, null, at("09:00"));
    add(ALICE, "didi", "s1", TASK_ASSIGNED, "ride-1", at("09:05"));
    add(ALICE, "didi", "s1", TASK_STARTED, "ride-1", at("09:08"));
    add(ALICE, "eleme", "e1", ONLINE, null, at("09:10"));
    add(ALICE, "didi", "s1", TASK_COMPLETED, "ride-1", at("09:15"));
    add(ALICE, "eleme", "e1", HEARTBEAT, null, at("09:18"));
    add(ALICE, "didi", "s1", OFFLINE, null, at("09:20"));
    add(ALICE, "eleme", "e1", TASK_ASSIGNED, "order-1", at("09:25"));
    add(ALICE, "eleme", "e1", TASK_STARTED, "order-1", at("09:27"));
    add(ALICE, "eleme", "e1", TASK_COMPLETED, "order-1", at("09:33"));
    add(ALICE, "eleme", "e1", OFFLINE, null, at("09:35"));
    produced.add(
        new RecordedEvent(
            resent.platform(), "b-resend", resent.receivedAt().plusSeconds(30), resent.event()));
    // Bob's session crosses local midnight, so it is split over two days.
    add(BOB, "didi", "s9", ONLINE, null, at("23:52"));
    add(BOB, "didi", "s9", HEARTBEAT, null, at("23:59"));
    add(BOB, "didi", "s9", OFFLINE, null, at("23:59").plus(Duration.ofMinutes(6)));
    // Carol's session falls silent and times out at its last event.
    add(CAROL, "eleme", "e4", ONLINE, null, at("14:00"));
    add(CAROL, "eleme", "e4", TASK_ASSIGNED, "order-7", at("14:04"));
    List<RecordedEvent> shuffled = new ArrayList<>(produced);
    Collections.shuffle(shuffled, new Random(7));
    produce(shuffled);

    // The events are produced shuffled; the bound keeps every one of them on time.
    runJob(
        jobConfig().withOutOfOrderness(Duration.ofDays(1)),
        store.config(),
        false,
        Optional.empty());

    List<StoredVersion> versions = store.versions();
    assertThat(versions)
        .extracting(StoredVersion::dayKey)
        .containsExactlyInAnyOrder(
            ALICE + "/" + DAY, BOB + "/" + DAY, BOB + "/" + DAY.plusDays(1), CAROL + "/" + DAY);
    assertThat(versions).allSatisfy(v -> assertThat(v.version()).isEqualTo(1));
    assertThat(versions).allSatisfy(v -> assertThat(v.reason()).isEqualTo("SETTLED"));
    Map<String, WorkerTimeline> oracles = oracles(produced);
    for (StoredVersion v : versions) {
      assertThat(v.record())
          .as(v.dayKey())
          .isEqualTo(
              DayRecords.encode(
                  oracles.get(v.workerRef()).workingDay(v.day(), Instant.MAX), 1, ZONE));
    }
    StoredVersion alice =
        versions.stream().filter(v -> v.workerRef().equals(ALICE)).findFirst().orElseThrow();
    assertThat(DayRecordCodec.decode(alice.record()).getTotals().getMultiAppSeconds())
        .isEqualTo(10 * 60);
    assertThat(store.count("day_record_live")).as("every day settled").isZero();
    assertThat(store.count("stream_progress")).isEqualTo(1);
  }

  @Test
  void failureMidStreamRestoresFromACheckpointAndStoresExactlyTheSameDays() throws Exception {
    // Late events arrive up to 8 hours behind the watermark, so settled days are corrected.
    SimulationConfig simulation =
        SimulationConfig.builder()
            .seed(11)
            .workers(120)
            .platforms(3)
            .days(2)
            .faults(
                FaultProfile.none().withDuplicates(0.02).withLateEvents(0.03, Duration.ofHours(8)))
            .build();
    List<RecordedEvent> events = recorded(simulation);
    produce(events);

    runJob(jobConfig(), store.config(), false, Optional.empty());
    Map<String, StoredVersion> uninterrupted = latestVersions(store.versions());
    store.truncateRecords();

    FailOnce.reset();
    runJob(jobConfig(), store.config(), true, Optional.of(store.ledgerEndpoint()));

    assertThat(FailOnce.FAILED.get()).as("the job failed once").isTrue();
    assertThat(FailOnce.SEEN_AFTER_FAILURE.get()).as("records after the restart").isPositive();
    List<StoredVersion> afterFailure = store.versions();
    assertVersionsAreContiguous(afterFailure);
    Map<String, StoredVersion> restored = latestVersions(afterFailure);
    assertThat(restored.keySet()).isEqualTo(uninterrupted.keySet());
    Map<String, WorkerTimeline> oracles = oracles(events);
    for (StoredVersion latest : restored.values()) {
      byte[] expected =
          DayRecords.encode(
              oracles.get(latest.workerRef()).workingDay(latest.day(), Instant.MAX),
              latest.version(),
              ZONE);
      // Lineage grows with events that change nothing, which seal no version; all else is equal.
      DayRecord stored = DayRecordCodec.decode(latest.record());
      DayRecord oracle = DayRecordCodec.decode(expected);
      for (var sources : stored.getSources()) {
        assertThat(oracle.getSources())
            .anySatisfy(
                o -> {
                  assertThat(o.getPlatform()).isEqualTo(sources.getPlatform());
                  assertThat(o.getEventCount()).isGreaterThanOrEqualTo(sources.getEventCount());
                });
      }
      stored.setSources(List.of());
      oracle.setSources(List.of());
      assertThat(stored).as(latest.dayKey()).isEqualTo(oracle);
      assertThat(DayRecordCodec.decode(latest.record()).getTotals())
          .as(latest.dayKey())
          .isEqualTo(
              DayRecordCodec.decode(uninterrupted.get(latest.dayKey()).record()).getTotals());
    }
    assertThat(restored).hasSizeGreaterThan(200);
    assertThat(afterFailure.stream().filter(v -> v.version() > 1))
        .as("some days were corrected by late events")
        .isNotEmpty();
    assertEveryVersionIsProvableAndNoBatchAnchoredTwiceOrSkipped();
  }

  /**
   * The ledger's chain of the job holds each stored batch exactly once, in checkpoint order with no
   * gap, and every stored version hashes into its batch's anchored root with its stored proof.
   */
  private void assertEveryVersionIsProvableAndNoBatchAnchoredTwiceOrSkipped() throws Exception {
    List<AnchoredBatchRow> batches = store.anchoredBatches();
    long lastBeforeFailure = FailOnce.LAST_CHECKPOINT_BEFORE_FAILURE.get();
    assertThat(batches)
        .as("batches anchored from checkpoints up to %d, before the failure", lastBeforeFailure)
        .anySatisfy(b -> assertThat(b.checkpointId()).isLessThanOrEqualTo(lastBeforeFailure));
    assertThat(batches)
        .as("batches anchored after the restart")
        .anySatisfy(b -> assertThat(b.checkpointId()).isGreaterThan(lastBeforeFailure));
    assertThat(store.count("day_record_version WHERE batch_id IS NULL"))
        .as("versions stored without an anchor")
        .isZero();
    assertThat(store.count("ledger_entry WHERE function = 'AnchorBatch'"))
        .as("anchor transactions on the ledger: one per batch, none repeated")
        .isEqualTo(batches.size());
    try (Ledger ledger = store.ledgerEndpoint().connect()) {
      Optional<String> previous = Optional.empty();
      long previousCheckpoint = Long.MIN_VALUE;
      for (int i = 0; i < batches.size(); i++) {
        AnchoredBatchRow batch = batches.get(i);
        Anchor anchor = ledger.anchor(batch.batchId()).orElseThrow();
        assertThat(anchor.sequence()).as("sequence of " + batch.batchId()).isEqualTo(i + 1);
        assertThat(anchor.previousBatchId())
            .as("previous of " + batch.batchId())
            .isEqualTo(previous);
        assertThat(batch.checkpointId()).isGreaterThan(previousCheckpoint);
        assertThat(anchor.rootHex()).isEqualTo(batch.rootHex());
        List<AnchoredLeafRow> leaves = store.leaves(batch.batchId());
        assertThat(leaves).as("leaves of " + batch.batchId()).hasSize((int) anchor.treeSize());
        for (AnchoredLeafRow leaf : leaves) {
          VerificationResult proven =
              MerkleVerifier.verifyInclusion(
                  TreeHasher.leafHash(leaf.record()),
                  new InclusionProof(leaf.leafIndex(), anchor.treeSize(), leaf.path()),
                  Hash.fromHex(anchor.rootHex()));
          assertThat(proven.failure()).as(leaf.dayKey()).isEmpty();
        }
        previous = Optional.of(batch.batchId());
        previousCheckpoint = batch.checkpointId();
      }
      assertThat(ledger.head(jobConfig().jobName()).map(Anchor::batchId)).isEqualTo(previous);
    }
  }

  private static void assertVersionsAreContiguous(List<StoredVersion> versions) {
    Map<String, List<Integer>> byDay =
        versions.stream()
            .collect(
                Collectors.groupingBy(
                    StoredVersion::dayKey,
                    TreeMap::new,
                    Collectors.mapping(StoredVersion::version, Collectors.toList())));
    byDay.forEach(
        (day, numbers) -> {
          List<Integer> expected = new ArrayList<>();
          for (int v = 1; v <= numbers.size(); v++) {
            expected.add(v);
          }
          assertThat(numbers).as(day).isEqualTo(expected);
        });
  }

  private static Map<String, StoredVersion> latestVersions(List<StoredVersion> versions) {
    Map<String, StoredVersion> latest = new HashMap<>();
    for (StoredVersion v : versions) {
      latest.merge(v.dayKey(), v, (a, b) -> a.version() >= b.version() ? a : b);
    }
    return latest;
  }

  /**
   * Watermarks every millisecond rather than every 2 seconds: the bounded input is read in seconds,
   * and late events only correct settled days if the watermark passed the days meanwhile.
   */
  private static WorkingTimeJobConfig jobConfig() {
    return WorkingTimeJobConfig.defaults()
        .withCheckpointInterval(Duration.ofMillis(200))
        .withWatermarkInterval(Duration.ofMillis(1));
  }

  private void runJob(
      WorkingTimeJobConfig config,
      RecordStoreConfig recordStore,
      boolean injectFailure,
      Optional<LedgerEndpoint> ledger)
      throws Exception {
    Configuration flink = new Configuration();
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(PARALLELISM);
    KafkaSource<WorkInput> source =
        KafkaSource.<WorkInput>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(TOPIC)
            .setGroupId("working-time-it")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setValueOnlyDeserializer(new WorkInputDeserializer())
            .build();
    DayRecordOutputs postgres =
        ledger.isPresent()
            ? PostgresDayRecordOutputs.anchored(recordStore, config.jobName(), ledger.get())
            : PostgresDayRecordOutputs.unanchored(recordStore, config.jobName());
    DayRecordOutputs outputs =
        injectFailure
            ? (DataStream<DayRecordUpdate> live,
                DataStream<DayRecordUpdate> sealed,
                DataStream<LateEvent> tooLate) ->
                postgres.attach(
                    live.map(new FailOnce(false)).name("fail-once-live").uid("fail-once-live"),
                    sealed.map(new FailOnce(true)).name("fail-once-sealed").uid("fail-once-sealed"),
                    tooLate)
            : postgres;
    WorkingTimeJob.build(env, source, outputs, config);
    env.execute("working-time-it");
  }

  /**
   * Fails its task once, on the first record after a checkpoint holding a sealed version has
   * completed. Whatever the machine's speed, the restart then falls mid-stream between anchored
   * batches: at least one batch belongs to a checkpoint completed before the failure, and the days
   * still open seal into batches after it. Once a sealed version has passed, live records are
   * slowed down until the failure, so a checkpoint completes before the end of the input however
   * fast the machine is.
   */
  static final class FailOnce
      implements MapFunction<DayRecordUpdate, DayRecordUpdate>,
          CheckpointedFunction,
          CheckpointListener {
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicBoolean SEALED_PASSED = new AtomicBoolean();
    static final AtomicLong FIRST_CHECKPOINT_WITH_SEALED = new AtomicLong(Long.MAX_VALUE);
    static final AtomicLong LAST_CHECKPOINT_BEFORE_FAILURE = new AtomicLong(-1);
    static final AtomicInteger SEEN_AFTER_FAILURE = new AtomicInteger();

    private final boolean sealedStream;
    // Per subtask: a sealed record this subtask passed on before a barrier is in that checkpoint.
    private boolean sealedSeen;

    FailOnce(boolean sealedStream) {
      this.sealedStream = sealedStream;
    }

    static void reset() {
      FAILED.set(false);
      SEALED_PASSED.set(false);
      FIRST_CHECKPOINT_WITH_SEALED.set(Long.MAX_VALUE);
      LAST_CHECKPOINT_BEFORE_FAILURE.set(-1);
      SEEN_AFTER_FAILURE.set(0);
    }

    @Override
    public DayRecordUpdate map(DayRecordUpdate update) throws InterruptedException {
      if (FAILED.get()) {
        SEEN_AFTER_FAILURE.incrementAndGet();
        return update;
      }
      if (sealedStream) {
        sealedSeen = true;
        SEALED_PASSED.set(true);
      } else if (SEALED_PASSED.get()) {
        Thread.sleep(2);
      }
      if (LAST_CHECKPOINT_BEFORE_FAILURE.get() >= FIRST_CHECKPOINT_WITH_SEALED.get()
          && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected task failure");
      }
      return update;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      if (sealedSeen) {
        FIRST_CHECKPOINT_WITH_SEALED.accumulateAndGet(context.getCheckpointId(), Math::min);
      }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (!FAILED.get()) {
        LAST_CHECKPOINT_BEFORE_FAILURE.accumulateAndGet(checkpointId, Math::max);
      }
    }
  }

  private static List<RecordedEvent> recorded(SimulationConfig simulation) {
    return Simulation.generate(simulation).flatMap(b -> b.recorded().stream()).toList();
  }

  private void produce(List<RecordedEvent> events) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (RecordedEvent recorded : events) {
        producer.send(
            new ProducerRecord<>(
                TOPIC,
                recorded.event().workerRef().getBytes(StandardCharsets.UTF_8),
                RecordedEventCodec.encode(recorded)));
      }
      producer.flush();
    }
  }

  private static Map<String, WorkerTimeline> oracles(List<RecordedEvent> events) {
    Map<String, WorkerTimeline> timelines = new HashMap<>();
    for (RecordedEvent recorded : events) {
      timelines
          .computeIfAbsent(
              recorded.event().workerRef(), worker -> new WorkerTimeline(worker, CONFIG))
          .add(recorded);
    }
    return timelines;
  }

  private RecordedEvent add(
      String worker,
      String platform,
      String session,
      WorkEventType type,
      String taskRef,
      Instant occurredAt) {
    RecordedEvent recorded =
        WorkEvents.event(
            worker, platform, "b-1", "ev-" + ++eventNumber, session, type, taskRef, occurredAt);
    produced.add(recorded);
    return recorded;
  }
}
