package io.shiftproof.schemas.wire;

import static io.shiftproof.schemas.wire.Fixtures.NOW;
import static io.shiftproof.schemas.wire.Fixtures.OCCURRED_AT;
import static io.shiftproof.schemas.wire.Fixtures.WORKER;
import static io.shiftproof.schemas.wire.Fixtures.body;
import static io.shiftproof.schemas.wire.Fixtures.eventJson;
import static io.shiftproof.schemas.wire.Fixtures.quote;
import static io.shiftproof.schemas.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchDecoderJsonTest {
  private final BatchDecoder decoder = new BatchDecoder();

  private DecodedBatch decode(byte[] body) {
    return decoder.decodeJson(body, NOW);
  }

  /** Decodes a one-event batch and returns the rejection of that event. */
  private EventRejection rejectionOf(Fixtures.EventJson event) {
    DecodedBatch batch = decode(body(event.toString()));
    assertThat(batch.accepted()).isEmpty();
    assertThat(batch.rejections()).hasSize(1);
    return batch.rejections().get(0);
  }

  private WorkEvent acceptedOne(Fixtures.EventJson event) {
    DecodedBatch batch = decode(body(event.toString()));
    assertThat(batch.rejections()).isEmpty();
    assertThat(batch.accepted()).hasSize(1);
    return batch.accepted().get(0).event();
  }

  @Test
  void decodesEveryFieldOfAValidEvent() {
    DecodedBatch batch = decode(body(eventJson("e-1").toString()));

    assertThat(batch.batchId()).isEqualTo("b-1");
    assertThat(batch.rejections()).isEmpty();
    assertThat(batch.duplicateIndexes()).isEmpty();
    assertThat(batch.accepted()).hasSize(1);
    IndexedEvent indexed = batch.accepted().get(0);
    assertThat(indexed.index()).isZero();
    assertThat(indexed.event())
        .isEqualTo(
            new WorkEvent(
                "e-1",
                WORKER,
                "s-881",
                WorkEventType.TASK_ASSIGNED,
                Optional.of("order-5521"),
                Instant.parse("2026-11-28T06:02:11.250Z"),
                OCCURRED_AT,
                Optional.of("wt3mf")));
  }

  @Test
  void absentAndNullOptionalFieldsAreEmpty() {
    WorkEvent absent =
        acceptedOne(
            eventJson("e-1").withString("type", "ONLINE").without("taskRef").without("cell"));
    WorkEvent nulls =
        acceptedOne(
            eventJson("e-1")
                .withString("type", "ONLINE")
                .with("taskRef", "null")
                .with("cell", "null"));

    assertThat(absent.taskRef()).isEmpty();
    assertThat(absent.cell()).isEmpty();
    assertThat(nulls).isEqualTo(absent);
  }

  @Test
  void fieldOrderDoesNotMatter() {
    String reordered =
        "{\"cell\":\"wt3mf\",\"occurredAt\":"
            + quote(OCCURRED_AT)
            + ",\"taskRef\":\"order-5521\",\"type\":\"TASK_ASSIGNED\",\"sessionId\":\"s-881\","
            + "\"workerRef\":"
            + quote(WORKER)
            + ",\"eventId\":\"e-1\"}";
    byte[] eventsFirst = utf8("{\"events\":[" + reordered + "],\"batchId\":\"b-1\"}");

    assertThat(decode(eventsFirst)).isEqualTo(decode(body(eventJson("e-1").toString())));
  }

  // ---- eventId

  @Test
  void eventIdOf128PrintableCharactersIsAccepted() {
    acceptedOne(eventJson("x".repeat(128)));
    acceptedOne(eventJson("!~#{}[]\"'\\"));
  }

  @Test
  void eventIdEmptyTooLongWithSpaceOrNonAsciiIsInvalid() {
    for (String bad : new String[] {"", "x".repeat(129), "a b", "é", "a\tb", "a\u007fb"}) {
      EventRejection r = rejectionOf(eventJson(bad));
      assertThat(r.code()).as(bad).isEqualTo(ErrorCode.INVALID_EVENT_ID);
      assertThat(r.message()).startsWith("eventId: got ").contains(", want 1 to 128 printable");
    }
  }

  // ---- workerRef

  @Test
  void workerRefMustBeWrPrefixAnd43Base64UrlCharsOf32Bytes() {
    String body43 = WORKER.substring(3);
    String[] bad = {
      body43,
      "WR_" + body43,
      "wr_" + body43.substring(1),
      "wr_" + body43 + "A",
      "wr_" + body43.substring(0, 42) + "=",
      "wr_+" + body43.substring(1),
      "wr_/" + body43.substring(1),
      "",
    };
    for (String ref : bad) {
      EventRejection r = rejectionOf(eventJson("e-1").withString("workerRef", ref));
      assertThat(r.code()).as(ref).isEqualTo(ErrorCode.INVALID_WORKER_REF);
      assertThat(r.message()).startsWith("workerRef: got ").contains("want wr_ followed by 43");
    }
  }

  @Test
  void workerRefWithNonZeroPaddingBitsIsInvalidSoEachPseudonymHasOneSpelling() {
    // 'B' has value 1: decodes to the same 32 bytes as 'A' but is a different string.
    String canonical = "wr_" + "A".repeat(43);
    String aliased = "wr_" + "A".repeat(42) + "B";
    acceptedOne(eventJson("e-1").withString("workerRef", canonical));

    EventRejection r = rejectionOf(eventJson("e-1").withString("workerRef", aliased));

    assertThat(r.code()).isEqualTo(ErrorCode.INVALID_WORKER_REF);
    assertThat(r.message()).contains("last character must be one of AEIMQUYcgkosw048");
  }

  @Test
  void everyCanonicalWorkerRefDecodesToExactly32Bytes() {
    for (char last : WorkerRefs.CANONICAL_LAST_CHARS.toCharArray()) {
      String ref = "wr_" + "_".repeat(42) + last;
      assertThat(WorkerRefs.isWorkerRef(ref)).isTrue();
      assertThat(java.util.Base64.getUrlDecoder().decode(ref.substring(3))).hasSize(32);
    }
  }

  // ---- sessionId

  @Test
  void sessionIdUpTo64CharactersIsAccepted() {
    acceptedOne(eventJson("e-1").withString("sessionId", "s".repeat(64)));
    acceptedOne(eventJson("e-1").withString("sessionId", "会话 881"));
  }

  @Test
  void sessionIdEmptyTooLongOrWithControlCharactersIsInvalid() {
    for (String bad : new String[] {"", "s".repeat(65), "s\n1", "s\u0000", "s\u0085"}) {
      EventRejection r = rejectionOf(eventJson("e-1").withString("sessionId", bad));
      assertThat(r.code()).as(bad).isEqualTo(ErrorCode.INVALID_SESSION_ID);
      assertThat(r.message()).startsWith("sessionId: got ");
    }
  }

  @Test
  void unpairedSurrogateEscapesAreInvalidBecauseTheyCannotBeStoredAsUtf8() {
    EventRejection r = rejectionOf(eventJson("e-1").with("sessionId", "\"s\\ud800\""));

    assertThat(r.code()).isEqualTo(ErrorCode.INVALID_SESSION_ID);
    assertThat(r.message()).startsWith("sessionId: got \"s\\ud800\", want");
    acceptedOne(eventJson("e-1").with("sessionId", "\"s\\ud83d\\ude00\""));
  }

  // ---- type

  @Test
  void unknownTypeNamesTheAllowedValues() {
    EventRejection r = rejectionOf(eventJson("e-1").withString("type", "online"));

    assertThat(r.code()).isEqualTo(ErrorCode.UNKNOWN_EVENT_TYPE);
    assertThat(r.message())
        .isEqualTo(
            "type: got \"online\", want one of ONLINE, OFFLINE, TASK_ASSIGNED, TASK_STARTED,"
                + " TASK_COMPLETED, TASK_CANCELLED, HEARTBEAT");
  }

  @Test
  void everyEventTypeIsAccepted() {
    for (WorkEventType type : WorkEventType.values()) {
      assertThat(acceptedOne(eventJson("e-1").withString("type", type.name())).type())
          .isEqualTo(type);
    }
  }

  // ---- taskRef

  @Test
  void taskEventsWithoutTaskRefAreRejected() {
    for (WorkEventType type : WorkEventType.values()) {
      if (!type.isTaskEvent()) {
        continue;
      }
      EventRejection absent =
          rejectionOf(eventJson("e-1").withString("type", type.name()).without("taskRef"));
      EventRejection nul =
          rejectionOf(eventJson("e-1").withString("type", type.name()).with("taskRef", "null"));

      assertThat(absent.code()).isEqualTo(ErrorCode.MISSING_TASK_REF);
      assertThat(absent.message()).startsWith("taskRef: got nothing, want").endsWith(type.name());
      assertThat(nul.code()).isEqualTo(ErrorCode.MISSING_TASK_REF);
      assertThat(nul.message()).startsWith("taskRef: got null, want");
    }
  }

  @Test
  void taskRefMayAccompanyNonTaskEvents() {
    WorkEvent e = acceptedOne(eventJson("e-1").withString("type", "HEARTBEAT"));
    assertThat(e.taskRef()).contains("order-5521");
  }

  @Test
  void taskRefEmptyOrLongerThan64IsInvalid() {
    acceptedOne(eventJson("e-1").withString("taskRef", "t".repeat(64)));
    for (String bad : new String[] {"", "t".repeat(65), "t\r"}) {
      EventRejection r = rejectionOf(eventJson("e-1").withString("taskRef", bad));
      assertThat(r.code()).as(bad).isEqualTo(ErrorCode.INVALID_TASK_REF);
    }
    assertThat(
            rejectionOf(eventJson("e-1").withString("type", "ONLINE").withString("taskRef", ""))
                .code())
        .isEqualTo(ErrorCode.INVALID_TASK_REF);
  }

  // ---- occurredAt

  @Test
  void occurredAtAcceptsRfc3339Variants() {
    String[] good = {
      "2026-11-28T06:02:11Z",
      "2026-11-28t06:02:11z",
      "2026-11-28T14:02:11.250+08:00",
      "2026-11-27T20:02:11.123456789-10:00",
      "2024-02-29T00:00:00-00:00",
    };
    for (String text : good) {
      WorkEvent e = acceptedOne(eventJson("e-1").withString("occurredAt", text));
      assertThat(e.occurredAt())
          .isEqualTo(java.time.OffsetDateTime.parse(text.toUpperCase()).toInstant());
      assertThat(e.occurredAtText()).isEqualTo(text);
    }
  }

  @Test
  void occurredAtWithoutOffsetIsInvalidAndSaysSo() {
    EventRejection r =
        rejectionOf(eventJson("e-1").withString("occurredAt", "2026-11-28T14:02:11.250"));

    assertThat(r.code()).isEqualTo(ErrorCode.INVALID_TIMESTAMP);
    assertThat(r.message())
        .isEqualTo(
            "occurredAt: got \"2026-11-28T14:02:11.250\", want an explicit offset such as Z or"
                + " +08:00 at the end (RFC 3339)");
  }

  @Test
  void occurredAtThatIsNotRfc3339IsInvalid() {
    String[] bad = {
      "",
      "yesterday",
      "2026-11-28",
      "2026-11-28T14:02+08:00",
      "2026-11-28 14:02:11Z",
      "2026-02-29T14:02:11Z",
      "2026-13-01T00:00:00Z",
      "2026-11-31T00:00:00Z",
      "2026-11-28T24:00:00Z",
      "2026-11-28T23:60:00Z",
      "2026-11-28T23:59:60Z",
      "2026-11-28T14:02:11.Z",
      "2026-11-28T14:02:11.1234567890Z",
      "2026-11-28T14:02:11+0800",
      "2026-11-28T14:02:11+08:00:00",
      "2026-11-28T14:02:11+24:00",
      "+2026-11-28T14:02:11Z",
      "1764309731",
      "２０２６-11-28T14:02:11Z",
    };
    for (String text : bad) {
      EventRejection r = rejectionOf(eventJson("e-1").withString("occurredAt", text));
      assertThat(r.code()).as(text).isEqualTo(ErrorCode.INVALID_TIMESTAMP);
      assertThat(r.message()).as(text).startsWith("occurredAt: got ");
    }
  }

  @Test
  void occurredAtMoreThanFiveMinutesAheadIsRejectedAsFuture() {
    acceptedOne(eventJson("e-1").withString("occurredAt", "2026-11-28T06:15:00Z"));
    EventRejection r =
        rejectionOf(eventJson("e-1").withString("occurredAt", "2026-11-28T06:15:00.001Z"));

    assertThat(r.code()).isEqualTo(ErrorCode.FUTURE_TIMESTAMP);
    assertThat(r.message())
        .contains("want at most 5 minutes ahead of the hub clock (2026-11-28T06:10:00Z)");
  }

  @Test
  void futureSkewIsConfigurable() {
    BatchDecoder strict = new BatchDecoder(new BatchLimits(5000, Duration.ZERO));
    DecodedBatch batch =
        strict.decodeJson(
            body(eventJson("e-1").withString("occurredAt", "2026-11-28T06:10:00.001Z").toString()),
            NOW);
    assertThat(batch.rejections())
        .extracting(EventRejection::code)
        .containsExactly(ErrorCode.FUTURE_TIMESTAMP);
  }

  // ---- cell

  @Test
  void cellMustBeAGeohashOfOneToSixCharacters() {
    acceptedOne(eventJson("e-1").withString("cell", "w"));
    acceptedOne(eventJson("e-1").withString("cell", "wt3mf0"));
    for (String bad : new String[] {"", "wt3mf01", "wt3mfa", "WT3MF", "wt3 mf", "wi"}) {
      EventRejection r = rejectionOf(eventJson("e-1").withString("cell", bad));
      assertThat(r.code()).as(bad).isEqualTo(ErrorCode.INVALID_CELL);
      assertThat(r.message()).startsWith("cell: got ");
    }
  }

  // ---- structure of one event

  @Test
  void unknownFieldRejectsOnlyThatEvent() {
    EventRejection r = rejectionOf(eventJson("e-1").with("lat", "31.2"));

    assertThat(r.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
    assertThat(r.message())
        .isEqualTo(
            "\"lat\": got an unknown field, want only eventId, workerRef, sessionId, type,"
                + " taskRef, occurredAt, cell");
  }

  @Test
  void duplicateFieldRejectsOnlyThatEvent() {
    String event = eventJson("e-1").toString().replace("}", ",\"eventId\":\"e-2\"}");
    DecodedBatch batch = decode(body(event, eventJson("e-3").toString()));

    assertThat(batch.rejections())
        .containsExactly(
            new EventRejection(
                0, ErrorCode.DUPLICATE_FIELD, "eventId: got the field twice, want it once"));
    assertThat(batch.accepted()).extracting(IndexedEvent::index).containsExactly(1);
  }

  @Test
  void wrongJsonTypeIsWrongType() {
    EventRejection number = rejectionOf(eventJson("e-1").with("eventId", "42"));
    EventRejection object = rejectionOf(eventJson("e-1").with("cell", "{\"a\":[1,{\"b\":2}]}"));
    EventRejection bool = rejectionOf(eventJson("e-1").with("type", "true"));

    assertThat(number.code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(number.message()).isEqualTo("eventId: got a number, want a string");
    assertThat(object.message()).isEqualTo("cell: got an object, want a string");
    assertThat(bool.message()).isEqualTo("type: got a boolean, want a string");
  }

  @Test
  void missingOrNullRequiredFieldIsMissingField() {
    for (String field : new String[] {"eventId", "workerRef", "sessionId", "type", "occurredAt"}) {
      EventRejection absent = rejectionOf(eventJson("e-1").without(field));
      EventRejection nul = rejectionOf(eventJson("e-1").with(field, "null"));
      assertThat(absent.code()).isEqualTo(ErrorCode.MISSING_FIELD);
      assertThat(absent.message()).startsWith(field + ": got nothing, want ");
      assertThat(nul.code()).isEqualTo(ErrorCode.MISSING_FIELD);
      assertThat(nul.message()).startsWith(field + ": got null, want ");
    }
  }

  @Test
  void eventThatIsNotAnObjectIsWrongType() {
    DecodedBatch batch = decode(body("[1,2]", "\"e\"", "null", eventJson("e-1").toString()));

    assertThat(batch.rejections())
        .extracting(EventRejection::index, EventRejection::code, EventRejection::message)
        .containsExactly(
            tuple(0, ErrorCode.WRONG_TYPE, "events[0]: got an array, want an event object"),
            tuple(1, ErrorCode.WRONG_TYPE, "events[1]: got a string, want an event object"),
            tuple(2, ErrorCode.WRONG_TYPE, "events[2]: got null, want an event object"));
    assertThat(batch.accepted()).extracting(IndexedEvent::index).containsExactly(3);
  }

  // ---- batch composition

  @Test
  void validEventsAroundInvalidOnesAreKeptWithTheirIndexes() {
    DecodedBatch batch =
        decode(
            body(
                eventJson("e-0").toString(),
                eventJson("e-1").withString("workerRef", "wr_nope").toString(),
                eventJson("e-2").with("nested", "{\"deep\":[[[]]]}").toString(),
                eventJson("e-3").toString(),
                eventJson("e-4").withString("type", "PAUSED").toString(),
                eventJson("e-5").toString()));

    assertThat(batch.accepted()).extracting(IndexedEvent::index).containsExactly(0, 3, 5);
    assertThat(batch.accepted())
        .extracting(i -> i.event().eventId())
        .containsExactly("e-0", "e-3", "e-5");
    assertThat(batch.rejections())
        .extracting(EventRejection::index, EventRejection::code)
        .containsExactly(
            tuple(1, ErrorCode.INVALID_WORKER_REF),
            tuple(2, ErrorCode.UNKNOWN_FIELD),
            tuple(4, ErrorCode.UNKNOWN_EVENT_TYPE));
    assertThat(batch.size()).isEqualTo(6);
  }

  @Test
  void repeatedEventIdInABatchIsCountedAsDuplicateNotAcceptedTwice() {
    DecodedBatch batch =
        decode(
            body(
                eventJson("e-1").toString(),
                eventJson("e-2").toString(),
                eventJson("e-1").withString("type", "TASK_STARTED").toString(),
                eventJson("e-1").toString()));

    assertThat(batch.accepted()).extracting(IndexedEvent::index).containsExactly(0, 1);
    assertThat(batch.duplicateIndexes()).containsExactly(2, 3);
    assertThat(batch.rejections()).isEmpty();
  }

  @Test
  void repeatOfARejectedEventIsJudgedOnItsOwn() {
    DecodedBatch batch =
        decode(
            body(
                eventJson("e-1").withString("cell", "bad!").toString(),
                eventJson("e-1").toString()));

    assertThat(batch.rejections()).extracting(EventRejection::index).containsExactly(0);
    assertThat(batch.accepted()).extracting(IndexedEvent::index).containsExactly(1);
    assertThat(batch.duplicateIndexes()).isEmpty();
  }
}
