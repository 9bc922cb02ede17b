package io.shiftproof.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.hub.TestHub;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.simulator.FaultProfile;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.worktime.DayTotals;
import io.shiftproof.streamjobs.worktime.Segment;
import io.shiftproof.streamjobs.worktime.Status;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path with real parts: simulated platforms push over mutual TLS to the gateway, which
 * publishes to Kafka; the hub's embedded Flink job turns the events into day records in PostgreSQL;
 * an insurer reads them back through the query endpoints. What it reads equals what the tested
 * working-time core computes from the same events.
 */
class WorkingTimePipelineIT {

  private Path dataDir;
  private TestHub hub;

  @BeforeEach
  void startHub() {
    dataDir = TempDirectories.create("pipeline");
    hub =
        TestHub.start(
            dataDir,
            Map.of(
                "stream-job.mode", "embedded",
                "stream-job.checkpoint-interval", "PT1S",
                "stream-job.parallelism", "2"));
  }

  @AfterEach
  void stopHub() {
    hub.close();
    TempDirectories.delete(dataDir);
  }

  @Test
  void recordsReadThroughTheApiEqualTheTimelineOfThePushedEvents() throws Exception {
    SimulationConfig simulation =
        SimulationConfig.builder()
            .seed(5)
            .workers(40)
            .platforms(3)
            .days(1)
            .faults(
                FaultProfile.none()
                    .withDuplicates(0.02)
                    .withLateEvents(0.02, Duration.ofMinutes(30))
                    .withMissingOfflines(0.1))
            .build();
    PushReport report = hub.push(simulation);
    assertThat(report.failures()).isEmpty();
    assertThat(report.rejected()).isZero();

    Map<String, WorkerTimeline> oracles = new HashMap<>();
    Instant newest = Instant.MIN;
    for (RecordedEvent e :
        Simulation.generate(simulation).flatMap(b -> b.recorded().stream()).toList()) {
      oracles
          .computeIfAbsent(
              e.event().workerRef(), w -> new WorkerTimeline(w, WorkingTimeConfig.defaults()))
          .add(e);
      newest = newest.isAfter(e.event().occurredAt()) ? newest : e.event().occurredAt();
    }
    hub.awaitProcessed(newest);

    LocalDate day = simulation.startDate();
    int sealedDays = 0;
    Set<String> statesSeen = new HashSet<>();
    for (WorkerTimeline oracle : oracles.values()) {
      WorkingDay expected = oracle.workingDay(day, Instant.MAX);
      if (expected.segments().isEmpty()) {
        continue;
      }
      JsonObject record = getJson("/v1/workers/" + oracle.workerRef() + "/days/" + day);
      if (record.getBoolean("provisional")) {
        continue; // the watermark has not passed this day's end: nothing final to compare
      }
      sealedDays++;
      assertThat(totals(record.getJsonObject("totals")))
          .as(oracle.workerRef())
          .isEqualTo(expected.totals());
      assertThat(record.getJsonArray("segments")).hasSameSizeAs(expected.segments());
      for (Segment segment : expected.segments()) {
        Instant at = segment.from().plus(segment.length().dividedBy(2));
        Status status = oracle.statusAt(at, Instant.MAX);
        JsonObject answer =
            getJson(
                "/v1/workers/"
                    + oracle.workerRef()
                    + "/status?at="
                    + URLEncoder.encode(
                        Rfc3339.format(at, WorkingTimeConfig.DEFAULT_ZONE),
                        StandardCharsets.UTF_8));
        assertThat(answer.getString("state")).isEqualTo(status.state().name());
        assertThat(strings(answer.getJsonArray("onlinePlatforms")))
            .isEqualTo(status.onlinePlatforms());
        assertThat(strings(answer.getJsonArray("engagedPlatforms")))
            .isEqualTo(status.engagedPlatforms());
        assertThat(answer.getInteger("recordVersion")).isEqualTo(record.getInteger("version"));
        statesSeen.add(status.state().name());
      }
    }
    assertThat(sealedDays).as("sealed worker-days compared").isGreaterThan(20);
    assertThat(statesSeen).contains("AVAILABLE", "EN_ROUTE", "ON_TASK");
  }

  private JsonObject getJson(String path) throws Exception {
    HttpResponse<String> response =
        hub.client("admin")
            .send(
                HttpRequest.newBuilder(hub.hub().apiUrl().resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static DayTotals totals(JsonObject t) {
    return new DayTotals(
        t.getLong("onlineSeconds"),
        t.getLong("engagedSeconds"),
        t.getLong("onTaskSeconds"),
        t.getLong("multiAppSeconds"),
        t.getLong("platformSumSeconds"),
        t.getLong("longestStretchSeconds"));
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
