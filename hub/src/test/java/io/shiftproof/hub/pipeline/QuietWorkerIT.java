package io.shiftproof.hub.pipeline;

import static io.shiftproof.hub.ApiAnswers.errorCode;
import static io.shiftproof.hub.ApiAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.hub.Batches;
import io.shiftproof.hub.TestHub;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.worktime.Segment;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker who goes quiet, through a running hub (docs/design.md §5.8): a rider is assigned an
 * order and the phone stops sending. Other workers' traffic moves the job's watermark on; without a
 * single further event from the quiet worker, the hub closes their session at its last event once
 * the silence timeout passes, and answers for any later instant up to the job's committed watermark
 * that they were offline, exactly as the day's sealed version will.
 */
class QuietWorkerIT {
  private static final ZoneId ZONE = WorkingTimeConfig.DEFAULT_ZONE;
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  private static final String QUIET = Batches.workerRef(18_001);
  private static final String BUSY = Batches.workerRef(18_002);

  private Path dataDir;
  private TestHub hub;

  @BeforeEach
  void startHub() {
    dataDir = TempDirectories.create("quiet-worker");
    hub =
        TestHub.start(
            dataDir,
            Map.of(
                "stream-job.mode", "embedded",
                "stream-job.checkpoint-interval", "PT1S",
                "stream-job.parallelism", "1",
                // One partition: the busy worker's events alone move the watermark.
                "kafka.partitions", "1"));
  }

  @AfterEach
  void stopHub() {
    hub.close();
    TempDirectories.delete(dataDir);
  }

  @Test
  void aQuietWorkerIsOfflineAfterTheirLastEventOnceTheTimeoutPassesAndKnownUpToTheWatermark()
      throws Exception {
    List<JsonObject> quiet = new ArrayList<>();
    quiet.add(event(QUIET, "q-1", "s-quiet", WorkEventType.ONLINE, null, "10:00"));
    quiet.add(event(QUIET, "q-2", "s-quiet", WorkEventType.HEARTBEAT, null, "10:05"));
    quiet.add(event(QUIET, "q-3", "s-quiet", WorkEventType.TASK_ASSIGNED, "order-1", "10:07:29"));
    push("platform-1", "b-quiet", quiet);
    // Another worker's heartbeats move the watermark past the quiet session's timeout (10:17:29),
    // then, in a second push, on to 11:00.
    List<JsonObject> busy = new ArrayList<>();
    busy.add(event(BUSY, "w-0", "s-busy", WorkEventType.ONLINE, null, "10:00"));
    for (int minute = 1; minute <= 20; minute++) {
      busy.add(heartbeat(minute));
    }
    push("platform-2", "b-busy-1", busy);
    hub.awaitProcessed(at("10:20"));
    busy.clear();
    for (int minute = 21; minute < 60; minute++) {
      busy.add(heartbeat(minute));
    }
    busy.add(event(BUSY, "w-60", "s-busy", WorkEventType.OFFLINE, null, "11:00"));
    push("platform-2", "b-busy-2", busy);
    hub.awaitProcessed(at("11:00"));

    Instant lastEvent = at("10:07:29");
    JsonObject fiveMinutesLater = ok(hub.get("admin", statusPath(lastEvent.plusSeconds(300))));
    assertThat(fiveMinutesLater.getString("state")).isEqualTo("OFFLINE");
    assertThat(fiveMinutesLater.getJsonArray("engagedPlatforms")).isEmpty();
    assertThat(fiveMinutesLater.getInteger("recordVersion")).as("the live record").isZero();
    assertThat(fiveMinutesLater.getBoolean("provisional")).isTrue();
    Instant knownUntil = Rfc3339.parseOrNull(fiveMinutesLater.getString("knownUntil"));
    assertThat(knownUntil)
        .as("known up to the committed watermark, far past the record's last write")
        .isAfterOrEqualTo(at("10:59:29"));

    // Never en route: the session closed at the assignment, as the sealed version will say.
    assertThat(stateAt(lastEvent)).isEqualTo("OFFLINE");
    assertThat(stateAt(at("10:06"))).isEqualTo("AVAILABLE");
    assertThat(stateAt(at("10:59"))).isEqualTo("OFFLINE");
    HttpResponse<String> beyond = hub.get("admin", statusPath(knownUntil));
    assertThat(beyond.statusCode()).as(beyond.body()).isEqualTo(409);
    assertThat(errorCode(beyond)).isEqualTo("STATUS_NOT_YET_KNOWN");

    JsonObject day = ok(hub.get("admin", "/v1/workers/" + QUIET + "/days/" + DAY));
    assertThat(day.getInteger("version")).isZero();
    assertThat(day.getString("knownUntil")).isEqualTo(fiveMinutesLater.getString("knownUntil"));
    assertThat(Rfc3339.parseOrNull(day.getString("coveredUntil")))
        .as("written once the silence timeout passed, not again as the watermark moved on")
        .isAfterOrEqualTo(at("10:17:29"))
        .isBefore(at("10:20"));
    assertThat(day.getJsonObject("totals").getLong("engagedSeconds")).isZero();
    assertThat(day.getJsonArray("flags").getJsonObject(0).getString("kind")).isEqualTo("TIMEOUT");
    WorkingDay settled = settledDay(quiet);
    JsonArray segments = day.getJsonArray("segments");
    assertThat(segments).hasSameSizeAs(settled.segments());
    for (int i = 0; i < segments.size(); i++) {
      Segment expected = settled.segments().get(i);
      JsonObject actual = segments.getJsonObject(i);
      assertThat(Rfc3339.parseOrNull(actual.getString("from"))).isEqualTo(expected.from());
      assertThat(Rfc3339.parseOrNull(actual.getString("to"))).isEqualTo(expected.to());
      assertThat(actual.getString("state")).isEqualTo(expected.state().name());
    }
    assertThat(day.getJsonObject("totals").getLong("onlineSeconds"))
        .isEqualTo(settled.totals().onlineSeconds());
  }

  private static JsonObject heartbeat(int minute) {
    return event(
        BUSY,
        "w-" + minute,
        "s-busy",
        WorkEventType.HEARTBEAT,
        null,
        LocalTime.of(10 + minute / 60, minute % 60).toString());
  }

  private String stateAt(Instant at) throws Exception {
    return ok(hub.get("admin", statusPath(at))).getString("state");
  }

  /** The day as the tested core computes it once the stream is complete. */
  private static WorkingDay settledDay(List<JsonObject> events) {
    WorkerTimeline timeline = new WorkerTimeline(QUIET, WorkingTimeConfig.defaults());
    for (JsonObject e : events) {
      Instant at = Rfc3339.parseOrNull(e.getString("occurredAt"));
      timeline.add(
          new io.shiftproof.schemas.wire.RecordedEvent(
              "platform-1",
              "b-quiet",
              at,
              new WorkEvent(
                  e.getString("eventId"),
                  QUIET,
                  e.getString("sessionId"),
                  WorkEventType.valueOf(e.getString("type")),
                  Optional.ofNullable(e.getString("taskRef")),
                  at,
                  e.getString("occurredAt"),
                  Optional.empty())));
    }
    return timeline.workingDay(DAY, Instant.MAX);
  }

  private void push(String platform, String batchId, List<JsonObject> events) throws Exception {
    HttpResponse<String> pushed =
        hub.postEvents(
            platform,
            "application/json",
            Batches.batch(batchId, events.stream().map(JsonObject::encode).toList())
                .getBytes(StandardCharsets.UTF_8));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
  }

  private static JsonObject event(
      String worker,
      String eventId,
      String session,
      WorkEventType type,
      String taskRef,
      String localTime) {
    JsonObject event =
        new JsonObject()
            .put("eventId", eventId)
            .put("workerRef", worker)
            .put("sessionId", session)
            .put("type", type.name())
            .put("occurredAt", Rfc3339.format(at(localTime), ZONE));
    if (taskRef != null) {
      event.put("taskRef", taskRef);
    }
    return event;
  }

  private static Instant at(String localTime) {
    return DAY.atTime(LocalTime.parse(localTime)).atZone(ZONE).toInstant();
  }

  private static String statusPath(Instant at) {
    return "/v1/workers/"
        + QUIET
        + "/status?at="
        + URLEncoder.encode(Rfc3339.format(at, ZONE), StandardCharsets.UTF_8);
  }
}
