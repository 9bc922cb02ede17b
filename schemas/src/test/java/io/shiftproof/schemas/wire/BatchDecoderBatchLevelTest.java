package io.shiftproof.schemas.wire;

import static io.shiftproof.schemas.wire.Fixtures.NOW;
import static io.shiftproof.schemas.wire.Fixtures.body;
import static io.shiftproof.schemas.wire.Fixtures.eventJson;
import static io.shiftproof.schemas.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Problems with a JSON batch as a whole, which reject every event of it. */
class BatchDecoderBatchLevelTest {
  private final BatchDecoder decoder = new BatchDecoder();

  private BatchRejectedException rejected(byte[] body) {
    return rejected(decoder, body);
  }

  private static BatchRejectedException rejected(BatchDecoder decoder, byte[] body) {
    BatchRejectedException e =
        catchThrowableOfType(BatchRejectedException.class, () -> decoder.decodeJson(body, NOW));
    assertThat(e).as("expected the batch to be rejected").isNotNull();
    assertThat(e.getMessage()).hasSizeLessThan(400);
    return e;
  }

  private static byte[] withBatchId(String rawJson) {
    return utf8("{\"batchId\":" + rawJson + ",\"events\":[" + eventJson("e-1") + "]}");
  }

  @Test
  void malformedJsonIsRejectedWithItsPosition() {
    BatchRejectedException e = rejected(utf8("{\"batchId\":\"b-1\",\"events\":[{],}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(e.getMessage()).startsWith("body: got malformed JSON at line 1, column ");
  }

  @Test
  void truncatedJsonIsMalformed() {
    byte[] whole = body(eventJson("e-1").toString());
    for (int length = 0; length < whole.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(whole, length);
      assertThat(rejected(prefix).code())
          .as("length %d", length)
          .isEqualTo(ErrorCode.MALFORMED_JSON);
    }
  }

  @Test
  void contentAfterTheBatchIsMalformed() {
    byte[] twoDocuments =
        utf8(new String(body(eventJson("e-1").toString()), StandardCharsets.UTF_8) + " {}");
    assertThat(rejected(twoDocuments).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @Test
  void invalidUtf8IsMalformed() {
    byte[][] bad = {
      {(byte) 0xff},
      {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // UTF-16 surrogate
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xe4, (byte) 0xbd}, // truncated sequence
    };
    for (byte[] sequence : bad) {
      byte[] body = body(eventJson("e-1").withString("sessionId", "s-@").toString());
      byte[] corrupted =
          splice(body, new String(body, StandardCharsets.ISO_8859_1).indexOf('@'), sequence);

      BatchRejectedException e = rejected(corrupted);

      assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
      assertThat(e.getMessage()).startsWith("body: got invalid UTF-8 at byte offset ");
    }
  }

  @Test
  void utf16BodyIsMalformedEvenThoughJacksonCouldDetectIt() {
    byte[] utf16 =
        new String(body(eventJson("e-1").toString()), StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.UTF_16LE);
    assertThat(rejected(utf16).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @Test
  void bodyThatIsNotAnObjectIsWrongTypeAndEmptyBodyIsMalformed() {
    assertThat(rejected(utf8("[]")).code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(rejected(utf8("\"batch\"")).code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(rejected(new byte[0]).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(rejected(utf8("  \n")).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @Test
  void unknownTopLevelFieldRejectsTheBatch() {
    byte[] body =
        utf8(
            "{\"batchId\":\"b-1\",\"platform\":\"meituan\",\"events\":[" + eventJson("e-1") + "]}");

    BatchRejectedException e = rejected(body);

    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
    assertThat(e.getMessage())
        .isEqualTo("\"platform\": got an unknown field, want only batchId and events");
  }

  @Test
  void duplicateTopLevelFieldRejectsTheBatch() {
    byte[] body =
        utf8("{\"batchId\":\"b-1\",\"batchId\":\"b-2\",\"events\":[" + eventJson("e-1") + "]}");
    assertThat(rejected(body).code()).isEqualTo(ErrorCode.DUPLICATE_FIELD);
  }

  @Test
  void missingNullOrWrongTypeBatchIdRejectsTheBatch() {
    BatchRejectedException missing = rejected(utf8("{\"events\":[" + eventJson("e-1") + "]}"));
    BatchRejectedException nul = rejected(withBatchId("null"));
    BatchRejectedException number = rejected(withBatchId("7"));

    assertThat(missing.code()).isEqualTo(ErrorCode.MISSING_FIELD);
    assertThat(missing.getMessage()).startsWith("batchId: got nothing, want ");
    assertThat(nul.code()).isEqualTo(ErrorCode.MISSING_FIELD);
    assertThat(nul.getMessage()).startsWith("batchId: got null, want ");
    assertThat(number.code()).isEqualTo(ErrorCode.WRONG_TYPE);
  }

  @Test
  void invalidBatchIdRejectsTheBatch() {
    for (String bad : new String[] {"\"\"", "\"b 1\"", "\"" + "b".repeat(129) + "\"", "\"b\\n\""}) {
      BatchRejectedException e = rejected(withBatchId(bad));
      assertThat(e.code()).as(bad).isEqualTo(ErrorCode.INVALID_BATCH_ID);
      assertThat(e.getMessage()).startsWith("batchId: got \"");
    }
  }

  @Test
  void eventsMissingOrNotAnArrayRejectsTheBatch() {
    assertThat(rejected(utf8("{\"batchId\":\"b-1\"}")).code()).isEqualTo(ErrorCode.MISSING_FIELD);
    assertThat(rejected(utf8("{\"batchId\":\"b-1\",\"events\":null}")).code())
        .isEqualTo(ErrorCode.MISSING_FIELD);
    BatchRejectedException object = rejected(utf8("{\"batchId\":\"b-1\",\"events\":{}}"));
    assertThat(object.code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(object.getMessage()).isEqualTo("events: got an object, want an array of events");
  }

  @Test
  void emptyBatchIsRejected() {
    assertThat(rejected(body()).code()).isEqualTo(ErrorCode.EMPTY_BATCH);
  }

  @Test
  void moreEventsThanTheLimitRejectsTheBatch() {
    BatchDecoder small = new BatchDecoder(new BatchLimits(3, Duration.ofMinutes(5)));
    String e = eventJson("e-1").toString();
    assertThat(small.decodeJson(body(e, e, e), NOW).size()).isEqualTo(3);

    BatchRejectedException tooMany = rejected(small, body(e, e, e, e));

    assertThat(tooMany.code()).isEqualTo(ErrorCode.TOO_MANY_EVENTS);
    assertThat(tooMany.getMessage())
        .isEqualTo("events: got more than 3 events, want at most 3; split the batch");
  }

  @Test
  void defaultLimitAllows5000Events() {
    String[] events = Collections.nCopies(5001, eventJson("e-1").toString()).toArray(String[]::new);
    assertThat(rejected(body(events)).code()).isEqualTo(ErrorCode.TOO_MANY_EVENTS);
    String[] five = java.util.Arrays.copyOf(events, 5000);
    assertThat(decoder.decodeJson(body(five), NOW).duplicateIndexes()).hasSize(4999);
  }

  @Test
  void deeplyNestedBodyIsRejectedWithoutRecursingFar() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    byte[] body =
        utf8("{\"batchId\":\"b-1\",\"events\":[" + eventJson("e-1").with("x", deep) + "]}");

    BatchRejectedException e = rejected(body);

    assertThat(e.code()).isEqualTo(ErrorCode.NESTING_TOO_DEEP);
    assertThat(e.getMessage()).contains("nested deeper than 32 levels");
  }

  @Test
  void hugeStringIsRejectedAndNotEchoed() {
    String huge = "x".repeat(100_000);
    BatchRejectedException e = rejected(body(eventJson(huge).toString()));

    assertThat(e.code()).isEqualTo(ErrorCode.VALUE_TOO_LARGE);
    assertThat(e.getMessage()).doesNotContain("x".repeat(50));
  }

  @Test
  void hugeFieldNameIsRejected() {
    String name = "n".repeat(5000);
    assertThat(rejected(body(eventJson("e-1").with(name, "1").toString())).code())
        .isEqualTo(ErrorCode.VALUE_TOO_LARGE);
  }

  @Test
  void longStringBelowTheParserLimitIsEchoedTruncated() {
    String longId = "y".repeat(60_000);
    DecodedBatch batch = decoder.decodeJson(body(eventJson(longId).toString()), NOW);

    String message = batch.rejections().get(0).message();
    assertThat(message).hasSizeLessThan(200).contains("… (60000 chars)");
  }

  @Test
  void bodyLargerThanTheLimitIsRejectedBeforeParsing() {
    BatchDecoder small = new BatchDecoder(new BatchLimits(5000, Duration.ofMinutes(5), 1024));
    byte[] body = body(Collections.nCopies(10, eventJson("e-1").toString()).toArray(String[]::new));

    BatchRejectedException e = rejected(small, body);

    assertThat(e.code()).isEqualTo(ErrorCode.BODY_TOO_LARGE);
  }

  @Test
  void parserMessagesDoNotEchoLongTokens() {
    byte[] body = utf8("{\"batchId\":\"b-1\",\"events\":[" + "t".repeat(10_000) + "]}");

    BatchRejectedException e = rejected(body);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(e.getMessage()).doesNotContain("t".repeat(100));
  }

  private static byte[] splice(byte[] body, int at, byte[] replacement) {
    byte[] out = new byte[body.length - 1 + replacement.length];
    System.arraycopy(body, 0, out, 0, at);
    System.arraycopy(replacement, 0, out, at, replacement.length);
    System.arraycopy(body, at + 1, out, at + replacement.length, body.length - at - 1);
    return out;
  }
}
