package io.shiftproof.benchmarks.baseline;

import static io.shiftproof.schemas.wire.WorkEventType.HEARTBEAT;
import static io.shiftproof.schemas.wire.WorkEventType.OFFLINE;
import static io.shiftproof.schemas.wire.WorkEventType.ONLINE;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_ASSIGNED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_CANCELLED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_COMPLETED;
import static io.shiftproof.schemas.wire.WorkEventType.TASK_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.EmbeddedPostgresServer;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.simulator.FaultProfile;
import io.shiftproof.simulator.PlatformBatch;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.worktime.DayTotals;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL baseline against {@link WorkerTimeline}, the semantics' reference, on hand-written corner
 * cases, on adversarial random sessions and on simulated traffic with faults.
 */
class SqlWorkingTimeBaselineIT {

  private static final WorkingTimeConfig CONFIG = WorkingTimeConfig.defaults();
  private static final ZoneId ZONE = CONFIG.zone();
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
  private static final String ALICE = "wr_" + "A".repeat(43);

  private static Path dataDir;
  private static EmbeddedPostgresServer server;
  private static Connection connection;

  private final List<RecordedEvent> events = new ArrayList<>();
  private int eventNumber;

  @BeforeAll
  static void startPostgres() throws SQLException {
    dataDir = TempDirectories.create("baseline");
    server = EmbeddedPostgresServer.start(dataDir, 0);
    connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
  }

  @AfterAll
  static void stopPostgres() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
    TempDirectories.delete(dataDir);
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    SqlWorkingTimeBaseline.createTables(connection);
  }

  @Test
  void stackedTasksCountTheirUnionOnce() throws SQLException {
    add("didi", "s1", ONLINE, null, at("09:00"));
    add("didi", "s1", TASK_ASSIGNED, "t1", at("09:05"));
    add("didi", "s1", TASK_ASSIGNED, "t2", at("09:06"));
    add("didi", "s1", TASK_STARTED, "t1", at("09:08"));
    add("didi", "s1", TASK_STARTED, "t2", at("09:09"));
    add("didi", "s1", HEARTBEAT, null, at("09:15"));
    add("didi", "s1", TASK_COMPLETED, "t1", at("09:20"));
    add("didi", "s1", TASK_COMPLETED, "t2", at("09:25"));
    add("didi", "s1", OFFLINE, null, at("09:30"));

    Map<WorkerDay, DayTotals> totals = sqlTotals();

    assertThat(totals.get(new WorkerDay(ALICE, DAY)))
        .isEqualTo(new DayTotals(1800, 1200, 1020, 0, 1800, 1200));
    assertAgree(totals, timelineTotals());
  }

  @Test
  void silenceClosesTheSessionAndItsTasksAtTheLastEvent() throws SQLException {
    add("didi", "s1", ONLINE, null, at("10:00"));
    add("didi", "s1", TASK_ASSIGNED, "t1", at("10:02"));
    add("didi", "s1", TASK_STARTED, "t1", at("10:03"));
    add("didi", "s1", HEARTBEAT, null, at("10:05"));
    // Fifteen minutes of silence: closed at 10:05; the heartbeat re-opens it as implied online.
    add("didi", "s1", HEARTBEAT, null, at("10:20"));
    add("didi", "s1", TASK_COMPLETED, "t1", at("10:22"));
    add("didi", "s1", OFFLINE, null, at("10:25"));
    // Exactly ten minutes of silence is a timeout too; the session then ends at its last event.
    add("didi", "s2", ONLINE, null, at("11:00"));
    add("didi", "s2", HEARTBEAT, null, at("11:10"));

    Map<WorkerDay, DayTotals> totals = sqlTotals();

    assertThat(totals.get(new WorkerDay(ALICE, DAY)))
        .isEqualTo(new DayTotals(600, 180, 120, 0, 600, 180));
    assertAgree(totals, timelineTotals());
  }

  @Test
  void startWithoutOnlineImpliesOnlineAndAssignment() throws SQLException {
    add("eleme", "e1", TASK_STARTED, "o1", at("11:00"));
    add("eleme", "e1", TASK_COMPLETED, "o1", at("11:07"));
    add("eleme", "e1", OFFLINE, null, at("11:08"));
    // An end for a task that is not open and an OFFLINE of a closed session change nothing.
    add("eleme", "e1", TASK_CANCELLED, "o1", at("11:07:30"));
    add("eleme", "e1", OFFLINE, null, at("11:09"));

    Map<WorkerDay, DayTotals> totals = sqlTotals();

    assertThat(totals.get(new WorkerDay(ALICE, DAY)))
        .isEqualTo(new DayTotals(480, 420, 420, 0, 480, 420));
    assertAgree(totals, timelineTotals());
  }

  @Test
  void timeAcrossMidnightIsSplitAndMultiAppCountedOnce() throws SQLException {
    add("didi", "s1", ONLINE, null, at("23:50"));
    add("didi", "s1", HEARTBEAT, null, at("23:55"));
    add("didi", "s1", TASK_ASSIGNED, "t1", at("23:59"));
    add("didi", "s1", TASK_STARTED, "t1", at(DAY.plusDays(1), "00:01"));
    add("didi", "s1", TASK_COMPLETED, "t1", at(DAY.plusDays(1), "00:05"));
    add("didi", "s1", OFFLINE, null, at(DAY.plusDays(1), "00:10"));
    add("eleme", "e1", ONLINE, null, at("23:58"));
    add("eleme", "e1", OFFLINE, null, at(DAY.plusDays(1), "00:02"));

    Map<WorkerDay, DayTotals> totals = sqlTotals();

    assertThat(totals.get(new WorkerDay(ALICE, DAY)))
        .isEqualTo(new DayTotals(600, 60, 0, 120, 720, 60));
    assertThat(totals.get(new WorkerDay(ALICE, DAY.plusDays(1))))
        .isEqualTo(new DayTotals(600, 300, 240, 120, 720, 300));
    assertAgree(totals, timelineTotals());
  }

  @Test
  void duplicatesCountOnceAndTheFirstReceivedCopyWins() throws SQLException {
    Instant received = at("09:30");
    // Two copies of one ONLINE received at the same instant: batch b1 sorts first, so 08:55 wins.
    add("didi", "b2", received, "ev-online", "s1", ONLINE, null, at("09:00"));
    add("didi", "b1", received, "ev-online", "s1", ONLINE, null, at("08:55"));
    add("didi", "b1", received, "ev-beat", "s1", HEARTBEAT, null, at("09:04"));
    add("didi", "b1", received, "ev-offline", "s1", OFFLINE, null, at("09:10"));
    add("didi", "b3", received.plusSeconds(60), "ev-offline", "s1", OFFLINE, null, at("09:10"));
    // Sub-second instants: measured exactly, then rounded down (9.9 s counts as 9).
    add("didi", "s2", ONLINE, null, at("12:00").plusMillis(300));
    add("didi", "s2", OFFLINE, null, at("12:00:10").plusMillis(200).plusNanos(999));

    Map<WorkerDay, DayTotals> totals = sqlTotals();

    assertThat(totals.get(new WorkerDay(ALICE, DAY)))
        .isEqualTo(new DayTotals(909, 0, 0, 0, 909, 0));
    assertAgree(totals, timelineTotals());
  }

  @Test
  void adversarialRandomSessionsAgreeWithTheTimeline() throws SQLException {
    Random random = new Random(20261128L);
    WorkEventType[] types = WorkEventType.values();
    for (int worker = 0; worker < 2000; worker++) {
      String workerRef = String.format("wr_%043d", worker);
      int eventCount = 5 + random.nextInt(60);
      Instant base = at("23:00").minus(Duration.ofMinutes(random.nextInt(120)));
      int window = 10 + random.nextInt(80);
      for (int i = 0; i < eventCount; i++) {
        String platform = "p" + random.nextInt(3);
        String session = "s" + random.nextInt(2);
        WorkEventType type = types[random.nextInt(types.length)];
        String task = type.isTaskEvent() ? "t" + random.nextInt(3) : null;
        // Coarse minutes make equal times and exact timeouts common; some carry sub-µs digits.
        Instant occurred = base.plus(Duration.ofMinutes(random.nextInt(window)));
        if (random.nextInt(4) == 0) {
          occurred = occurred.plusNanos(random.nextInt(2_000_000_000));
        }
        String eventId = "ev-" + worker + "-" + i;
        Instant received = occurred.plusSeconds(1 + random.nextInt(5));
        RecordedEvent event =
            recorded(
                platform,
                "b" + random.nextInt(9),
                received,
                eventId,
                session,
                type,
                task,
                occurred,
                workerRef);
        events.add(event);
        if (random.nextInt(6) == 0) {
          // A copy in another batch received up to a second before or after the original, either
          // identical or with other content; which copy counts is decided by receipt, then batch.
          Instant copyOccurred =
              random.nextBoolean() ? occurred : occurred.plus(Duration.ofMinutes(7));
          WorkEventType copyType =
              random.nextBoolean() ? type : types[random.nextInt(types.length)];
          String copyTask = copyType.isTaskEvent() ? "t" + random.nextInt(3) : null;
          events.add(
              recorded(
                  platform,
                  "c" + random.nextInt(9),
                  received.plusSeconds(random.nextInt(3) - 1),
                  eventId,
                  session,
                  copyType,
                  copyTask,
                  copyOccurred,
                  workerRef));
        }
      }
    }

    assertAgree(sqlTotals(), timelineTotals());
  }

  @Test
  void simulatedTrafficWithFaultsAgreesWithTheTimeline() throws SQLException {
    SimulationConfig simulation =
        SimulationConfig.builder()
            .seed(7)
            .workers(300)
            .platforms(3)
            .days(2)
            .startDate(DAY)
            .zone(ZONE)
            .faults(
                FaultProfile.none()
                    .withDuplicates(0.02)
                    .withLateEvents(0.02, Duration.ofMinutes(30))
                    .withMissingOfflines(0.15)
                    .withClockSkew(0.2, Duration.ofMinutes(5)))
            .build();
    events.addAll(recordedEvents(simulation));

    long loadStart = System.nanoTime();
    SqlWorkingTimeBaseline.load(connection, events);
    long computeStart = System.nanoTime();
    Map<WorkerDay, DayTotals> sql = SqlWorkingTimeBaseline.computeTotals(connection, ZONE);
    long computeEnd = System.nanoTime();
    Map<WorkerDay, DayTotals> timeline = timelineTotals();
    System.out.printf(
        "SQL baseline: %d events loaded in %d ms, %d worker days computed in %d ms%n",
        events.size(),
        (computeStart - loadStart) / 1_000_000,
        sql.size(),
        (computeEnd - computeStart) / 1_000_000);

    assertThat(sql.values()).anyMatch(totals -> totals.multiAppSeconds() > 0);
    assertThat(sql.values()).anyMatch(totals -> totals.onTaskSeconds() > 0);
    assertAgree(sql, timeline);
  }

  /** Lists only the days that differ, so a failure on thousands of days stays readable. */
  private static void assertAgree(
      Map<WorkerDay, DayTotals> sql, Map<WorkerDay, DayTotals> timeline) {
    List<String> differences = new ArrayList<>();
    TreeMap<WorkerDay, DayTotals> all = new TreeMap<>(WORKER_DAY_ORDER);
    all.putAll(sql);
    all.putAll(timeline);
    for (WorkerDay key : all.keySet()) {
      if (!Objects.equals(sql.get(key), timeline.get(key))) {
        differences.add(key + ": sql " + sql.get(key) + ", timeline " + timeline.get(key));
      }
    }
    assertThat(differences.subList(0, Math.min(differences.size(), 20)))
        .as("%d days where the SQL baseline and the timeline differ, first 20", differences.size())
        .isEmpty();
    assertThat(sql).hasSameSizeAs(timeline);
  }

  private static List<RecordedEvent> recordedEvents(SimulationConfig simulation) {
    List<RecordedEvent> recorded = new ArrayList<>();
    Instant[] lastReceived = {Instant.EPOCH};
    try (Stream<PlatformBatch> batches = Simulation.generate(simulation)) {
      batches.forEach(
          batch -> {
            // Received a second after its newest event, and never before the batch before it.
            Instant newest =
                batch.batch().events().stream()
                    .map(WorkEvent::occurredAt)
                    .max(Comparator.naturalOrder())
                    .orElse(lastReceived[0]);
            Instant received = newest.plusSeconds(1);
            if (!received.isAfter(lastReceived[0])) {
              received = lastReceived[0].plusMillis(1);
            }
            lastReceived[0] = received;
            for (WorkEvent event : batch.batch().events()) {
              recorded.add(
                  new RecordedEvent(batch.platform(), batch.batch().batchId(), received, event));
            }
          });
    }
    return recorded;
  }

  private Map<WorkerDay, DayTotals> sqlTotals() throws SQLException {
    SqlWorkingTimeBaseline.load(connection, events);
    return SqlWorkingTimeBaseline.computeTotals(connection, ZONE);
  }

  /**
   * The reference: each worker's timeline, for every local day within the silence timeout of an
   * event (the days the streaming job emits), with the stream complete.
   */
  private Map<WorkerDay, DayTotals> timelineTotals() {
    Map<String, WorkerTimeline> timelines = new HashMap<>();
    Map<String, List<LocalDate>> days = new HashMap<>();
    for (RecordedEvent event : events) {
      String workerRef = event.event().workerRef();
      timelines.computeIfAbsent(workerRef, ref -> new WorkerTimeline(ref, CONFIG)).add(event);
      Instant at = event.event().occurredAt().truncatedTo(ChronoUnit.MICROS);
      LocalDate first = LocalDate.ofInstant(at.minus(CONFIG.silenceTimeout()), ZONE);
      LocalDate last = LocalDate.ofInstant(at.plus(CONFIG.silenceTimeout()), ZONE);
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        days.computeIfAbsent(workerRef, ref -> new ArrayList<>()).add(day);
      }
    }
    Map<WorkerDay, DayTotals> totals = new TreeMap<>(WORKER_DAY_ORDER);
    days.forEach(
        (workerRef, workerDays) ->
            workerDays.forEach(
                day ->
                    totals.computeIfAbsent(
                        new WorkerDay(workerRef, day),
                        key -> timelines.get(workerRef).workingDay(day, Instant.MAX).totals())));
    return totals;
  }

  private static final Comparator<WorkerDay> WORKER_DAY_ORDER =
      Comparator.comparing(WorkerDay::workerRef).thenComparing(WorkerDay::day);

  private void add(
      String platform, String sessionId, WorkEventType type, String taskRef, Instant occurredAt) {
    eventNumber++;
    add(
        platform,
        "b" + eventNumber,
        occurredAt.plusSeconds(2),
        "ev-" + eventNumber,
        sessionId,
        type,
        taskRef,
        occurredAt);
  }

  private void add(
      String platform,
      String batchId,
      Instant receivedAt,
      String eventId,
      String sessionId,
      WorkEventType type,
      String taskRef,
      Instant occurredAt) {
    events.add(
        recorded(
            platform, batchId, receivedAt, eventId, sessionId, type, taskRef, occurredAt, ALICE));
  }

  private static RecordedEvent recorded(
      String platform,
      String batchId,
      Instant receivedAt,
      String eventId,
      String sessionId,
      WorkEventType type,
      String taskRef,
      Instant occurredAt,
      String workerRef) {
    return new RecordedEvent(
        platform,
        batchId,
        receivedAt,
        new WorkEvent(
            eventId,
            workerRef,
            sessionId,
            type,
            Optional.ofNullable(taskRef),
            occurredAt,
            occurredAt.toString(),
            Optional.empty()));
  }

  private static Instant at(String localTime) {
    return at(DAY, localTime);
  }

  private static Instant at(LocalDate day, String localTime) {
    return day.atTime(LocalTime.parse(localTime)).atZone(ZONE).toInstant();
  }
}
