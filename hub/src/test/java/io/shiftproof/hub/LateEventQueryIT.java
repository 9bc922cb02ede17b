package io.shiftproof.hub;

import static io.shiftproof.hub.ApiAnswers.errorCode;
import static io.shiftproof.hub.ApiAnswers.errorMessage;
import static io.shiftproof.hub.ApiAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's view of events stored as TOO_LATE, against a hub with real PostgreSQL. */
class LateEventQueryIT extends WithRunningHub {
  private static final String WORKER_1 = Batches.workerRef(201);
  private static final String WORKER_2 = Batches.workerRef(202);

  /** ev-2 and ev-3 were stored by one transaction, so they share their stored_at. */
  private static final String STORED_FIRST = "2026-11-25T10:00:00.123456+08:00";

  private static final String STORED_TOGETHER = "2026-11-25T09:00:00+08:00";

  @BeforeAll
  static void storeLateEvents() throws Exception {
    try (Connection c = hub.connectDatabase()) {
      insert(
          c, "platform-1", "ev-1", WORKER_1, STORED_FIRST, encoded("platform-1", "ev-1", WORKER_1));
      insert(
          c,
          "platform-2",
          "ev-2",
          WORKER_2,
          STORED_TOGETHER,
          encoded("platform-2", "ev-2", WORKER_2));
      insert(
          c,
          "platform-1",
          "ev-3",
          WORKER_1,
          STORED_TOGETHER,
          encoded("platform-1", "ev-3", WORKER_1));
      insert(
          c,
          "platform-2",
          "ev-4",
          WORKER_1,
          "2026-11-25T08:00:00+08:00",
          encoded("platform-2", "ev-4", WORKER_1));
      insert(
          c,
          "platform-1",
          "ev-5",
          WORKER_2,
          "2026-11-25T07:00:00+08:00",
          encoded("platform-1", "ev-5", WORKER_2));
      insert(c, "platform-3", "ev-6", WORKER_2, "2026-11-25T06:00:00+08:00", new byte[] {1, 2, 3});
    }
  }

  @Test
  void adminSeesLateEventsNewestStoredFirstWithAllFields() throws Exception {
    JsonObject page = ok(hub.get("admin", "/v1/late-events"));
    assertThat(eventIds(page)).containsExactly("ev-1", "ev-3", "ev-2", "ev-4", "ev-5", "ev-6");
    assertThat(page.containsKey("next")).isTrue();
    assertThat(page.getValue("next")).isNull();

    JsonObject first = page.getJsonArray("events").getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactlyInAnyOrder(
            "platform",
            "eventId",
            "workerRef",
            "batchId",
            "type",
            "sessionId",
            "occurredAt",
            "receivedAt",
            "watermark",
            "storedAt",
            "reason");
    assertThat(first.getString("platform")).isEqualTo("platform-1");
    assertThat(first.getString("eventId")).isEqualTo("ev-1");
    assertThat(first.getString("workerRef")).isEqualTo(WORKER_1);
    assertThat(first.getString("batchId")).isEqualTo("batch-ev-1");
    assertThat(first.getString("type")).isEqualTo("TASK_COMPLETED");
    assertThat(first.getString("sessionId")).isEqualTo("session-ev-1");
    // Stored and sent in UTC, answered in the hub's working-time zone.
    assertThat(first.getString("occurredAt")).isEqualTo("2026-11-20T09:15:00+08:00");
    assertThat(first.getString("receivedAt")).isEqualTo("2026-11-25T06:00:00.25+08:00");
    assertThat(first.getString("watermark")).isEqualTo("2026-11-25T05:30:00+08:00");
    assertThat(first.getString("storedAt")).isEqualTo(STORED_FIRST);
    assertThat(first.getString("reason")).isEqualTo("TOO_LATE");
  }

  @Test
  void eventWhoseBytesDoNotDecodeIsStillListed() throws Exception {
    JsonObject page = ok(hub.get("admin", "/v1/late-events?platform=platform-3"));
    JsonObject undecodable = page.getJsonArray("events").getJsonObject(0);
    assertThat(undecodable.getString("eventId")).isEqualTo("ev-6");
    assertThat(undecodable.getValue("type")).isNull();
    assertThat(undecodable.getValue("sessionId")).isNull();
    assertThat(undecodable.getString("reason")).isEqualTo("TOO_LATE");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "by worker | workerRef=WORKER_1 | ev-1 ev-3 ev-4",
        "by platform | platform=platform-2 | ev-2 ev-4",
        "by worker and platform | workerRef=WORKER_1&platform=platform-2 | ev-4",
        "unknown platform | platform=platform-7 | ''"
      })
  void filtersNarrowTheList(String name, String query, String expected) throws Exception {
    JsonObject page =
        ok(hub.get("admin", "/v1/late-events?" + query.replace("WORKER_1", WORKER_1)));
    assertThat(eventIds(page))
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    assertThat(page.getValue("next")).isNull();
  }

  @Test
  void pagingWithLimitAndBeforeNeitherSkipsNorRepeatsEventsStoredTogether() throws Exception {
    List<List<String>> pages = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    String path = "/v1/late-events?limit=2";
    while (true) {
      JsonObject page = ok(hub.get("admin", path));
      pages.add(eventIds(page));
      String next = page.getString("next");
      if (next == null) {
        break;
      }
      cursors.add(next);
      path = "/v1/late-events?limit=2&before=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
    // The first page stops before ev-3 and ev-2, which share a stored_at, so none is lost.
    assertThat(pages)
        .containsExactly(
            List.of("ev-1"), List.of("ev-3", "ev-2"), List.of("ev-4", "ev-5"), List.of("ev-6"));
    assertThat(cursors).containsExactly(STORED_FIRST, STORED_TOGETHER, "2026-11-25T07:00:00+08:00");
  }

  @Test
  void eventsStoredTogetherComeWholeEvenBeyondTheLimit() throws Exception {
    JsonObject page =
        ok(
            hub.get(
                "admin",
                "/v1/late-events?limit=1&before="
                    + URLEncoder.encode(STORED_FIRST, StandardCharsets.UTF_8)));
    assertThat(eventIds(page)).containsExactly("ev-3", "ev-2");
    assertThat(page.getString("next")).isEqualTo(STORED_TOGETHER);
  }

  @Test
  void beforeInAnotherOffsetNamesTheSameInstant() throws Exception {
    JsonObject page = ok(hub.get("admin", "/v1/late-events?before=2026-11-25T01:00:00Z"));
    assertThat(eventIds(page)).containsExactly("ev-4", "ev-5", "ev-6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"insurer-1", "platform-1", "regulator"})
  void onlyTheOperatorMaySeeLateEvents(String organisation) throws Exception {
    HttpResponse<String> response = hub.get(organisation, "/v1/late-events");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(errorCode(response)).isEqualTo("FORBIDDEN_ROLE");
    assertThat(errorMessage(response)).contains("want admin");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "limit zero | limit=0 | INVALID_LIMIT",
        "limit too high | limit=1001 | INVALID_LIMIT",
        "limit word | limit=all | INVALID_LIMIT",
        "limit twice | limit=5&limit=6 | INVALID_LIMIT",
        "short workerRef | workerRef=wr_short | INVALID_WORKER_REF",
        "raw phone number | workerRef=13800138000 | INVALID_WORKER_REF",
        "before without offset | before=2026-11-25T09:00:00 | INVALID_INSTANT",
        "before a date | before=2026-11-25 | INVALID_INSTANT",
        "unencoded plus | before=2026-11-25T09:00:00+08:00 | INVALID_INSTANT"
      })
  void badParameterGetsItsCode(String name, String query, String code) throws Exception {
    HttpResponse<String> response = hub.get("admin", "/v1/late-events?" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo(code);
    assertThat(errorMessage(response)).isNotBlank();
  }

  @Test
  void badValuesAreEchoedWithWhatIsWanted() throws Exception {
    assertThat(errorMessage(hub.get("admin", "/v1/late-events?limit=1001")))
        .isEqualTo("limit: got \"1001\", want one whole number from 1 to 1000 (omit it for 100)");
    assertThat(errorMessage(hub.get("admin", "/v1/late-events?before=yesterday")))
        .startsWith("before: got \"yesterday\", want one RFC 3339 date-time with offset");
  }

  private static byte[] encoded(String platform, String eventId, String workerRef) {
    return RecordedEventCodec.encode(
        new RecordedEvent(
            platform,
            "batch-" + eventId,
            Rfc3339.parseOrNull("2026-11-24T22:00:00.25Z"),
            new WorkEvent(
                eventId,
                workerRef,
                "session-" + eventId,
                WorkEventType.TASK_COMPLETED,
                Optional.of("task-" + eventId),
                Rfc3339.parseOrNull("2026-11-20T01:15:00Z"),
                "2026-11-20T01:15:00Z",
                Optional.empty())));
  }

  private static void insert(
      Connection c,
      String platform,
      String eventId,
      String workerRef,
      String storedAt,
      byte[] event)
      throws Exception {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO late_event (platform, event_id, worker_ref, batch_id, occurred_at,"
                + " received_at, reason, watermark, event, stored_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'TOO_LATE', ?, ?, ?)")) {
      p.setString(1, platform);
      p.setString(2, eventId);
      p.setString(3, workerRef);
      p.setString(4, "batch-" + eventId);
      p.setObject(5, OffsetDateTime.parse("2026-11-20T01:15:00Z"));
      p.setObject(6, OffsetDateTime.parse("2026-11-24T22:00:00.25Z"));
      p.setObject(7, OffsetDateTime.parse("2026-11-24T21:30:00Z"));
      p.setBytes(8, event);
      p.setObject(9, OffsetDateTime.parse(storedAt));
      p.executeUpdate();
    }
  }

  private static List<String> eventIds(JsonObject page) {
    JsonArray events = page.getJsonArray("events");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      ids.add(events.getJsonObject(i).getString("eventId"));
    }
    return ids;
  }
}
