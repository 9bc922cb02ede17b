package io.shiftproof.schemas.wire;

import static io.shiftproof.schemas.wire.Fixtures.NOW;
import static io.shiftproof.schemas.wire.Fixtures.batch;
import static io.shiftproof.schemas.wire.Fixtures.event;
import static io.shiftproof.schemas.wire.Fixtures.eventJson;
import static io.shiftproof.schemas.wire.Fixtures.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.merkle.Rfc6962;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * The bytes a batch signature covers event by event: each element of {@code events} exactly as it
 * lies in the body, found alike by the decoder and by a platform that only signs.
 */
class EventSpansTest {
  private final BatchDecoder decoder = new BatchDecoder();

  @Test
  void jsonElementsAreTheirExactBytesWithoutTheWhitespaceAndCommasAround() {
    String first = eventJson("e-1").toString();
    String escaped =
        eventJson("e-\\\"2\\\\\"").withString("cell", "w]t,3 }\"\\").toString(); // quotes, brackets
    String body =
        "{ \"batchId\" : \"b-1\" ,\n\t\"events\" : [\r\n  "
            + first
            + "  ,\n"
            + escaped
            + " , 42 ,\"a \\\" string]\",[1, [2]] ,"
            + eventJson("e-3").with("bonus", "{\"nested\":[1,2]}")
            + " , true,null\n] }";

    List<String> want =
        List.of(
            first,
            escaped,
            "42",
            "\"a \\\" string]\"",
            "[1, [2]]",
            eventJson("e-3").with("bonus", "{\"nested\":[1,2]}").toString(),
            "true",
            "null");
    assertThat(elements(utf8(body), EventSpans.ofJson(utf8(body)))).containsExactlyElementsOf(want);
    DecodedBatch decoded = decoder.decodeJson(utf8(body), NOW);
    assertThat(elements(utf8(body), decoded.spans())).containsExactlyElementsOf(want);
    // Rejected elements (a number, an unknown field, ...) are leaves like any other.
    assertThat(decoded.rejections()).hasSize(7);
    assertThat(decoded.spans().encoding()).isEqualTo(BatchEncoding.JSON);
  }

  @Test
  void theEventsRootIsOverEveryElementInOrder() throws Exception {
    byte[] body = Fixtures.body(eventJson("e-1").toString(), "7", eventJson("e-2").toString());
    EventSpans spans = EventSpans.of(body);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[][] leaves = new byte[3][];
    for (int i = 0; i < 3; i++) {
      sha256.update((byte) 0);
      leaves[i] = sha256.digest(spans.element(body, i));
    }
    byte[] left = node(sha256, leaves[0], leaves[1]);
    assertThat(BatchSignature.eventsRoot(body, spans)).isEqualTo(node(sha256, left, leaves[2]));
    assertThat(Rfc6962.root(spans.leafHashes(body)))
        .isEqualTo(BatchSignature.eventsRoot(body, spans));
  }

  @Test
  void avroElementsAreEachRecordsBinaryEncoding() throws IOException {
    EventBatch sent =
        batch(
            event("e-1", WorkEventType.TASK_ASSIGNED),
            event("e-2", WorkEventType.ONLINE),
            event("e-3", WorkEventType.TASK_STARTED));
    byte[] body = BatchAvroWriter.toAvro(sent);

    EventSpans spans = EventSpans.of(body);
    assertThat(spans.encoding()).isEqualTo(BatchEncoding.AVRO);
    assertThat(spans.count()).isEqualTo(3);
    SpecificDatumReader<io.shiftproof.schemas.avro.WorkEvent> reader =
        new SpecificDatumReader<>(io.shiftproof.schemas.avro.WorkEvent.getClassSchema());
    for (int i = 0; i < 3; i++) {
      byte[] element = spans.element(body, i);
      BinaryDecoder in = DecoderFactory.get().binaryDecoder(element, null);
      assertThat(reader.read(null, in).getEventId()).isEqualTo("e-" + (i + 1));
      assertThat(in.isEnd()).as("record %d is its span exactly", i).isTrue();
    }
    DecodedBatch decoded = decoder.decodeAvro(body, NOW);
    assertThat(elements(body, decoded.spans())).containsExactlyElementsOf(elements(body, spans));
  }

  @Test
  void aBodyThatIsNoBatchHasNoEventsToSign() {
    assertThat(EventSpans.of(utf8("not json")).count()).isZero();
    assertThat(EventSpans.of(utf8("[1,2]")).count()).isZero();
    assertThat(EventSpans.of(utf8("{\"events\":7}")).count()).isZero();
    assertThat(BatchSignature.eventsRoot(utf8("[]"), EventSpans.of(utf8("[]"))))
        .isEqualTo(Rfc6962.root(new byte[0]));
  }

  @Test
  void anyCorruptionOfAnAvroBodyIsMalformedNeverACrash() {
    byte[] body =
        BatchAvroWriter.toAvro(
            batch(event("e-1", WorkEventType.TASK_ASSIGNED), event("e-2", WorkEventType.ONLINE)));
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 3_000; round++) {
      byte[] corrupt = body.clone();
      // The header stays, so the walk is reached; the datum after it gets one to three bad bytes.
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        int at = 10 + random.nextInt(corrupt.length - 10);
        corrupt[at] = (byte) random.nextInt(256);
      }
      try {
        EventSpans.ofAvro(corrupt);
      } catch (IllegalArgumentException malformed) {
        // Refused as malformed: what a platform signing it, or the hub, needs to hear.
      }
      assertThat(EventSpans.of(corrupt).encoding()).isEqualTo(BatchEncoding.AVRO);
    }
  }

  private static byte[] node(MessageDigest sha256, byte[] left, byte[] right) {
    sha256.update((byte) 1);
    sha256.update(left);
    return sha256.digest(right);
  }

  private static List<String> elements(byte[] body, EventSpans spans) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < spans.count(); i++) {
      out.add(new String(spans.element(body, i), UTF_8));
    }
    return out;
  }
}
