package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.schemas.avro.WorkEvent;
import io.shiftproof.schemas.wire.BatchEncoding;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * One event's exact bytes, as a batch of either encoding holds them, read for people: a JSON event
 * as sent, an Avro event (one {@code WorkEvent} record of an {@code EventBatch}) as its fields.
 */
final class ReadableEvent {
  private ReadableEvent() {}

  /**
   * The event as a JSON tree ({@link JsonTree}), an Avro event's absent optional fields left out.
   *
   * @throws IllegalArgumentException when the bytes are not one event in that encoding
   */
  static Map<?, ?> of(BatchEncoding encoding, byte[] bytes) {
    return switch (encoding) {
      case JSON -> {
        Object tree = JsonTree.parse(bytes);
        if (!(tree instanceof Map<?, ?> object)) {
          throw new IllegalArgumentException("got JSON that is not an object, want an event");
        }
        yield object;
      }
      case AVRO -> avroFields(bytes);
    };
  }

  private static Map<String, Object> avroFields(byte[] bytes) {
    WorkEvent event;
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    try {
      event = new SpecificDatumReader<>(WorkEvent.class).read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("got bytes that are not one Avro WorkEvent", e);
    }
    try {
      if (!decoder.isEnd()) {
        throw new IllegalArgumentException("got bytes after the event, want one Avro WorkEvent");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("got bytes that are not one Avro WorkEvent", e);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventId", event.getEventId());
    fields.put("workerRef", event.getWorkerRef());
    fields.put("sessionId", event.getSessionId());
    fields.put("type", event.getType().name());
    if (event.getTaskRef() != null) {
      fields.put("taskRef", event.getTaskRef());
    }
    fields.put("occurredAt", event.getOccurredAt());
    if (event.getCell() != null) {
      fields.put("cell", event.getCell());
    }
    return fields;
  }
}
