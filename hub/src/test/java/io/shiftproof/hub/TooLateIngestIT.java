package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A running hub tells a platform at ingest which events come too late to change a record, judged
 * against the job's committed watermark, and still keeps them.
 */
class TooLateIngestIT extends WithRunningHub {

  @Test
  void eventPastTheCorrectionHorizonIsAnsweredTooLateAndStillPublished() throws Exception {
    Instant watermark = Instant.now();
    try (Connection c = hub.connectDatabase();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO stream_progress (job, subtask, watermark, checkpoint_id)"
                    + " VALUES (?, 0, ?, 1)")) {
      insert.setString(1, WorkingTimeJobConfig.DEFAULT_JOB_NAME);
      insert.setTimestamp(2, Timestamp.from(watermark));
      insert.executeUpdate();
    }
    String tenDaysAgo = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(10).toString();
    String old =
        Batches.online("late-old", 1)
            .replaceFirst("\"occurredAt\":\"[^\"]*\"", "\"occurredAt\":\"" + tenDaysAgo + "\"");
    String recent = Batches.online("late-recent", 2);

    HttpResponse<String> answer =
        hub.postJson("platform-1", Batches.batch("b-late", List.of(old, recent)));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonObject body = new JsonObject(answer.body());
    assertThat(body.getInteger("accepted")).isEqualTo(2);
    JsonArray rejected = body.getJsonArray("rejected");
    assertThat(rejected).hasSize(1);
    assertThat(rejected.getJsonObject(0).getInteger("index")).isZero();
    assertThat(rejected.getJsonObject(0).getString("code")).isEqualTo("TOO_LATE");
    List<String> published =
        TopicReader.readAll(
                hub.hub().kafkaBootstrapServers(), hub.hub().kafkaAdminClient(), hub.hub().topic())
            .stream()
            .map(RecordedEvent::event)
            .map(e -> e.eventId())
            .toList();
    assertThat(published).contains("late-old", "late-recent");
  }
}
