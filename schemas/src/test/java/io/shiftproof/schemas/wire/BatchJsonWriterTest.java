package io.shiftproof.schemas.wire;

import static io.shiftproof.schemas.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchJsonWriterTest {
  @Test
  void writesTheWireJsonOfDesignSection4() {
    WorkEvent e =
        new WorkEvent(
            "6f1c2b8e",
            Fixtures.WORKER,
            "s-881",
            WorkEventType.TASK_ASSIGNED,
            Optional.of("order-5521"),
            Instant.parse("2026-11-28T06:02:11.250Z"),
            "2026-11-28T14:02:11.250+08:00",
            Optional.of("wt3mf"));

    String json =
        new String(
            BatchJsonWriter.toJson(new EventBatch("b-2026-11-28-000123", List.of(e))),
            StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"batchId\":\"b-2026-11-28-000123\",\"events\":[{\"eventId\":\"6f1c2b8e\","
                + "\"workerRef\":\""
                + Fixtures.WORKER
                + "\",\"sessionId\":\"s-881\",\"type\":\"TASK_ASSIGNED\","
                + "\"taskRef\":\"order-5521\",\"occurredAt\":\"2026-11-28T14:02:11.250+08:00\","
                + "\"cell\":\"wt3mf\"}]}");
  }

  @Test
  void omitsAbsentOptionalFields() {
    WorkEvent e =
        new WorkEvent(
            "e-1",
            Fixtures.WORKER,
            "s-1",
            WorkEventType.ONLINE,
            Optional.empty(),
            Instant.parse("2026-11-28T06:00:00Z"),
            "2026-11-28T06:00:00Z",
            Optional.empty());

    String json =
        new String(
            BatchJsonWriter.toJson(new EventBatch("b-1", List.of(e))), StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("taskRef").doesNotContain("cell").doesNotContain("null");
  }

  @Test
  void jsonRoundTripKeepsEveryEventIncludingEscapes() {
    WorkEvent e =
        new WorkEvent(
            "id-\"quoted\"\\",
            Fixtures.WORKER,
            "会话 \u2028",
            WorkEventType.HEARTBEAT,
            Optional.of("任务/1"),
            Instant.parse("2026-11-28T06:00:00Z"),
            "2026-11-28T06:00:00Z",
            Optional.of("wt3"));
    EventBatch sent = new EventBatch("b-1", List.of(e));

    assertThat(new BatchDecoder().decodeJson(BatchJsonWriter.toJson(sent), NOW).acceptedEvents())
        .containsExactly(e);
  }
}
