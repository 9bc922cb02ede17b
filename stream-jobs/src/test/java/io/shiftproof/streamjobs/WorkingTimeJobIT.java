package io.shiftproof.streamjobs;

import static io.shiftproof.schemas.wire.WorkEventType.HEARTBEAT;
import static io.shiftproof.schemas.wire.WorkEventType.OFFLINE;
import static io.shiftproof.schemas.wire.WorkEventType.ONLINE;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_ASSIGNED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_COMPLETED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_STARTED;
import static io.shiftproof.streamjobs.WorkEvents.DAY;
import static io.shiftproof.streamjobs.WorkEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.EmbeddedKafkaBroker;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void settledDaysFromKafkaEqualTheTimelineOfTheSameEvents(@TempDir Path dataDir) throws Exception {
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

    List<WorkingDay> output;
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir, 0)) {
      kafka.createTopicIfAbsent(TOPIC, PARALLELISM);
      produceShuffled(kafka.bootstrapServers());
      output = runJob(kafka.bootstrapServers());
    }

    List<WorkingDay> settled = output.stream().filter(day -> !day.provisional()).toList();
    Map<String, WorkerTimeline> oracles = oracles();
    Set<String> expectedDays =
        Set.of(ALICE + "/" + DAY, BOB + "/" + DAY, BOB + "/" + DAY.plusDays(1), CAROL + "/" + DAY);
    assertThat(settled)
        .extracting(day -> day.workerRef() + "/" + day.day())
        .containsExactlyInAnyOrderElementsOf(expectedDays);
    for (WorkingDay day : settled) {
      WorkingDay expected = oracles.get(day.workerRef()).workingDay(day.day(), Instant.MAX);
      assertThat(day.totals()).as(day.workerRef() + " " + day.day()).isEqualTo(expected.totals());
      assertThat(day).isEqualTo(expected);
    }
    WorkingDay alice = findDay(settled, ALICE, DAY);
    assertThat(alice.totals().multiAppSeconds()).isEqualTo(10 * 60);
    assertThat(alice.totals().platformSumSeconds()).isEqualTo(45 * 60);
  }

  private List<WorkingDay> runJob(String bootstrapServers) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(PARALLELISM);
    KafkaSource<RecordedEvent> source =
        KafkaSource.<RecordedEvent>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(TOPIC)
            .setGroupId("working-time-it")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setValueOnlyDeserializer(new RecordedEventDeserializer())
            .build();
    // The events are produced shuffled; the bound keeps every one of them on time.
    WorkingTimeJobConfig config =
        new WorkingTimeJobConfig(
            CONFIG, Duration.ofDays(1), Duration.ofSeconds(5), Duration.ofSeconds(5));
    SingleOutputStreamOperator<WorkingDay> days =
        WorkingTimeJob.build(env, source, new DiscardingSink<>(), config);
    List<WorkingDay> output = new ArrayList<>();
    try (CloseableIterator<WorkingDay> collected = days.executeAndCollect("working-time-it")) {
      collected.forEachRemaining(output::add);
    }
    return output;
  }

  private void produceShuffled(String bootstrapServers) throws Exception {
    List<RecordedEvent> shuffled = new ArrayList<>(produced);
    Collections.shuffle(shuffled, new Random(7));
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (RecordedEvent recorded : shuffled) {
        producer
            .send(
                new ProducerRecord<>(
                    TOPIC,
                    recorded.event().workerRef().getBytes(StandardCharsets.UTF_8),
                    RecordedEventCodec.encode(recorded)))
            .get();
      }
    }
  }

  private Map<String, WorkerTimeline> oracles() {
    return produced.stream()
        .collect(
            Collectors.groupingBy(
                recorded -> recorded.event().workerRef(),
                Collectors.collectingAndThen(
                    Collectors.toList(),
                    events -> {
                      WorkerTimeline timeline =
                          new WorkerTimeline(events.get(0).event().workerRef(), CONFIG);
                      events.forEach(timeline::add);
                      return timeline;
                    })));
  }

  private static WorkingDay findDay(List<WorkingDay> days, String worker, LocalDate day) {
    return days.stream()
        .filter(d -> d.workerRef().equals(worker) && d.day().equals(day))
        .findFirst()
        .orElseThrow();
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
