package io.shiftproof.hub;

import static io.shiftproof.hub.ApiAnswers.errorCode;
import static io.shiftproof.hub.ApiAnswers.errorMessage;
import static io.shiftproof.hub.ApiAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.DayRecordStore;
import io.shiftproof.records.DayRecords;
import io.shiftproof.records.SealedVersion.Reason;
import io.shiftproof.schemas.avro.WorkState;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The day-record and status queries against a hub with real PostgreSQL, over mutual TLS. */
class DayRecordQueryIT extends WithRunningHub {
  private static final String WORKER = Batches.workerRef(101);
  private static final String UNKNOWN_WORKER = Batches.workerRef(102);
  private static final String ZONE = "Asia/Shanghai";

  /** Settled and corrected twice; a stale live record is still stored. */
  private static final String SEALED_DAY = "2026-11-20";

  /** Not settled: only the live record, processed up to 15:00. */
  private static final String LIVE_DAY = "2026-11-21";

  @BeforeAll
  static void storeRecords() throws Exception {
    try (Connection c = hub.connectDatabase()) {
      DayRecordStore.insertVersions(
          c,
          List.of(
              sealedDay()
                  .version(1)
                  .engagedSeconds(3_000)
                  .sealedVersion(Reason.SETTLED, instant("2026-11-21T00:10:00+08:00")),
              sealedDay()
                  .version(2)
                  .engagedSeconds(3_600)
                  .sealedVersion(Reason.CORRECTION, instant("2026-11-22T09:30:00.5+08:00"))),
          7);
      DayRecordStore.upsertLive(
          c,
          List.of(
              sealedDay().liveUntil("2026-11-20T23:59:00+08:00").engagedSeconds(100).liveRecord(),
              DayRecords.worker(WORKER)
                  .day(LIVE_DAY)
                  .zone(ZONE)
                  .liveUntil("2026-11-21T15:00:00+08:00")
                  .engagedSeconds(9_000)
                  .sources("platform-1", 4)
                  .segment(
                      "2026-11-21T09:00:00+08:00",
                      "2026-11-21T10:00:00+08:00",
                      WorkState.AVAILABLE,
                      List.of("platform-1"),
                      List.of())
                  .segment(
                      "2026-11-21T10:00:00+08:00",
                      "2026-11-21T11:30:00+08:00",
                      WorkState.ON_TASK,
                      List.of("platform-1", "platform-2"),
                      List.of("platform-2"))
                  .segment(
                      "2026-11-21T13:00:00+08:00",
                      "2026-11-21T14:00:00+08:00",
                      WorkState.EN_ROUTE,
                      List.of("platform-3"),
                      List.of("platform-3"))
                  .liveRecord()));
    }
  }

  /** A record of {@link #SEALED_DAY}: one hour's order in the evening. */
  private static DayRecords sealedDay() {
    return DayRecords.worker(WORKER)
        .day(SEALED_DAY)
        .zone(ZONE)
        .coveredUntil("2026-11-21T00:00:00+08:00")
        .sources("platform-1", 4)
        .segment(
            "2026-11-20T20:00:00+08:00",
            "2026-11-20T21:00:00+08:00",
            WorkState.ON_TASK,
            List.of("platform-1"),
            List.of("platform-1"));
  }

  private static Instant instant(String rfc3339) {
    return OffsetDateTime.parse(rfc3339).toInstant();
  }

  @Test
  void latestSealedVersionWinsOverTheLiveRecord() throws Exception {
    JsonObject day = ok(hub.get("admin", dayPath(WORKER, SEALED_DAY)));
    assertThat(day.getString("workerRef")).isEqualTo(WORKER);
    assertThat(day.getString("day")).isEqualTo(SEALED_DAY);
    assertThat(day.getString("zone")).isEqualTo(ZONE);
    assertThat(day.getInteger("version")).isEqualTo(2);
    assertThat(day.getInteger("latestVersion")).isEqualTo(2);
    assertThat(day.getBoolean("provisional")).isFalse();
    assertThat(day.getJsonObject("totals").getLong("engagedSeconds")).isEqualTo(3_600);
    assertThat(day.getJsonObject("totals").fieldNames())
        .containsExactlyInAnyOrder(
            "onlineSeconds",
            "engagedSeconds",
            "onTaskSeconds",
            "multiAppSeconds",
            "platformSumSeconds",
            "longestStretchSeconds");
    assertThat(day.getJsonArray("segments")).hasSize(1);
    assertThat(day.getJsonArray("flags")).isEmpty();
    assertThat(day.getJsonArray("sources").getJsonObject(0).getInteger("eventCount")).isEqualTo(4);
    assertThat(day.getJsonObject("sealed").getString("reason")).isEqualTo("CORRECTION");
    assertThat(day.getJsonObject("sealed").getString("sealedAtWatermark"))
        .isEqualTo("2026-11-22T09:30:00.5+08:00");
  }

  @Test
  void earlierVersionStaysReadableAfterACorrection() throws Exception {
    JsonObject day = ok(hub.get("admin", dayPath(WORKER, SEALED_DAY) + "?version=1"));
    assertThat(day.getInteger("version")).isEqualTo(1);
    assertThat(day.getInteger("latestVersion")).isEqualTo(2);
    assertThat(day.getJsonObject("totals").getLong("engagedSeconds")).isEqualTo(3_000);
    assertThat(day.getJsonObject("sealed").getString("reason")).isEqualTo("SETTLED");
    assertThat(day.getJsonObject("sealed").getString("sealedAtWatermark"))
        .isEqualTo("2026-11-21T00:10:00+08:00");
  }

  @Test
  void unsettledDayAnswersItsProvisionalLiveRecord() throws Exception {
    JsonObject day = ok(hub.get("admin", dayPath(WORKER, LIVE_DAY)));
    assertThat(day.getInteger("version")).isZero();
    assertThat(day.getBoolean("provisional")).isTrue();
    assertThat(day.getInteger("latestVersion")).isZero();
    assertThat(day.containsKey("sealed")).isTrue();
    assertThat(day.getValue("sealed")).isNull();
    assertThat(day.getJsonArray("segments")).hasSize(3);
  }

  @Test
  void statusInsideASegmentNamesItsStateAndPlatforms() throws Exception {
    JsonObject status = ok(hub.get("admin", statusPath(WORKER, "2026-11-21T10:15:00+08:00")));
    assertThat(status.getString("workerRef")).isEqualTo(WORKER);
    assertThat(status.getString("at")).isEqualTo("2026-11-21T10:15:00+08:00");
    assertThat(status.getString("state")).isEqualTo("ON_TASK");
    assertThat(status.getJsonArray("onlinePlatforms").getList())
        .containsExactly("platform-1", "platform-2");
    assertThat(status.getJsonArray("engagedPlatforms").getList()).containsExactly("platform-2");
    assertThat(status.getInteger("recordVersion")).isZero();
    assertThat(status.getBoolean("provisional")).isTrue();
  }

  @Test
  void statusGivenInUtcReadsTheLocalDay() throws Exception {
    JsonObject status = ok(hub.get("admin", statusPath(WORKER, "2026-11-21T05:30:00Z")));
    assertThat(status.getString("at")).isEqualTo("2026-11-21T13:30:00+08:00");
    assertThat(status.getString("state")).isEqualTo("EN_ROUTE");
  }

  @Test
  void statusOfASealedDayCitesItsLatestVersion() throws Exception {
    JsonObject status = ok(hub.get("admin", statusPath(WORKER, "2026-11-20T20:30:00+08:00")));
    assertThat(status.getString("state")).isEqualTo("ON_TASK");
    assertThat(status.getInteger("recordVersion")).isEqualTo(2);
    assertThat(status.getBoolean("provisional")).isFalse();
  }

  @Test
  void statusInAGapIsOffline() throws Exception {
    JsonObject status = ok(hub.get("admin", statusPath(WORKER, "2026-11-21T12:00:00+08:00")));
    assertThat(status.getString("state")).isEqualTo("OFFLINE");
    assertThat(status.getJsonArray("onlinePlatforms")).isEmpty();
    assertThat(status.getJsonArray("engagedPlatforms")).isEmpty();
  }

  @Test
  void statusAfterCoveredUntilIsNotYetKnown() throws Exception {
    HttpResponse<String> response =
        hub.get("admin", statusPath(WORKER, "2026-11-21T15:00:00+08:00"));
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(errorCode(response)).isEqualTo("STATUS_NOT_YET_KNOWN");
    assertThat(errorMessage(response)).contains("known only up to 2026-11-21T15:00:00+08:00");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "short workerRef | /v1/workers/wr_short/days/2026-11-21 | 400 | INVALID_WORKER_REF",
        "raw phone number | /v1/workers/13800138000/status?at=2026-11-21T10:00:00Z | 400"
            + " | INVALID_WORKER_REF",
        "impossible date | /v1/workers/WORKER/days/2026-02-30 | 400 | INVALID_DATE",
        "compact date | /v1/workers/WORKER/days/20261121 | 400 | INVALID_DATE",
        "version zero | /v1/workers/WORKER/days/2026-11-20?version=0 | 400 | INVALID_VERSION",
        "version word | /v1/workers/WORKER/days/2026-11-20?version=latest | 400 | INVALID_VERSION",
        "missing at | /v1/workers/WORKER/status | 400 | INVALID_INSTANT",
        "at without offset | /v1/workers/WORKER/status?at=2026-11-21T10:00:00 | 400"
            + " | INVALID_INSTANT",
        "unencoded plus | /v1/workers/WORKER/status?at=2026-11-21T10:00:00+08:00 | 400"
            + " | INVALID_INSTANT",
        "unknown worker day | /v1/workers/UNKNOWN/days/2026-11-21 | 404 | DAY_NOT_FOUND",
        "unknown worker status | /v1/workers/UNKNOWN/status?at=2026-11-21T10:00:00Z | 404"
            + " | DAY_NOT_FOUND",
        "day without record | /v1/workers/WORKER/days/2026-11-19 | 404 | DAY_NOT_FOUND",
        "status without record | /v1/workers/WORKER/status?at=2026-11-19T10:00:00Z | 404"
            + " | DAY_NOT_FOUND",
        "missing version | /v1/workers/WORKER/days/2026-11-20?version=3 | 404 | VERSION_NOT_FOUND",
        "version of a live day | /v1/workers/WORKER/days/2026-11-21?version=1 | 404"
            + " | VERSION_NOT_FOUND"
      })
  void badOrUnknownRequestGetsItsCode(String name, String path, int status, String code)
      throws Exception {
    HttpResponse<String> response =
        hub.get("admin", path.replace("UNKNOWN", UNKNOWN_WORKER).replace("WORKER", WORKER));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(errorCode(response)).isEqualTo(code);
    assertThat(errorMessage(response)).isNotBlank();
  }

  @Test
  void missingVersionMessageNamesTheLatest() throws Exception {
    HttpResponse<String> response = hub.get("admin", dayPath(WORKER, SEALED_DAY) + "?version=3");
    assertThat(errorMessage(response)).contains("latest version is 2");
  }

  @Test
  void badValuesAreEchoedWithWhatIsWanted() throws Exception {
    assertThat(errorMessage(hub.get("admin", "/v1/workers/wr_short/days/2026-11-21")))
        .isEqualTo(
            "workerRef: got \"wr_short\", want wr_ followed by 43 base64url characters without"
                + " padding (32 bytes)");
    assertThat(errorMessage(hub.get("admin", dayPath(WORKER, "2026-02-30"))))
        .startsWith("day: got \"2026-02-30\", want a calendar date as yyyy-MM-dd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform-1", "regulator"})
  void platformsAndRegulatorMayNotReadRecords(String organisation) throws Exception {
    for (String path :
        List.of(dayPath(WORKER, LIVE_DAY), statusPath(WORKER, "2026-11-21T10:15:00+08:00"))) {
      HttpResponse<String> response = hub.get(organisation, path);
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(errorCode(response)).isEqualTo("FORBIDDEN_ROLE");
      assertThat(errorMessage(response)).contains("insurer or admin");
    }
  }

  @Test
  void adminReadsAnyWorker() throws Exception {
    assertThat(hub.get("admin", dayPath(WORKER, SEALED_DAY)).statusCode()).isEqualTo(200);
    assertThat(hub.get("admin", statusPath(WORKER, "2026-11-21T09:30:00+08:00")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void anInsurerWithoutAClaimForTheWorkerReadsNothing() throws Exception {
    HttpResponse<String> day = hub.get("insurer-1", dayPath(WORKER, SEALED_DAY));
    HttpResponse<String> status =
        hub.get("insurer-1", statusPath(WORKER, "2026-11-21T09:30:00+08:00"));

    assertThat(day.statusCode()).isEqualTo(403);
    assertThat(errorCode(day)).isEqualTo("NO_CLAIM_FOR_WORKER");
    assertThat(status.statusCode()).isEqualTo(403);
    assertThat(errorCode(status)).isEqualTo("NO_CLAIM_FOR_WORKER");
  }

  @Test
  void queriesAreMeasuredByRouteTemplate() throws Exception {
    ok(hub.get("admin", dayPath(WORKER, SEALED_DAY)));
    ok(hub.get("admin", statusPath(WORKER, "2026-11-21T10:15:00+08:00")));
    hub.get("admin", dayPath(WORKER, "2026-11-19"));
    hub.get("platform-2", statusPath(WORKER, "2026-11-21T10:15:00+08:00"));
    String metrics = hub.management("/metrics").body();
    assertThat(metrics)
        .contains("route=\"/v1/workers/:workerRef/days/:day\",status=\"200\"")
        .contains("route=\"/v1/workers/:workerRef/days/:day\",status=\"404\"")
        .contains("route=\"/v1/workers/:workerRef/status\",status=\"200\"")
        .contains("route=\"/v1/workers/:workerRef/status\",status=\"403\"")
        .doesNotContain(WORKER);
  }

  private static String dayPath(String workerRef, String day) {
    return "/v1/workers/" + workerRef + "/days/" + day;
  }

  private static String statusPath(String workerRef, String at) {
    return "/v1/workers/"
        + workerRef
        + "/status?at="
        + URLEncoder.encode(at, StandardCharsets.UTF_8);
  }
}
