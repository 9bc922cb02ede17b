package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.schemas.avro.WorkEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * How a batch encoded its events, and so how one event's exact bytes read: a JSON object, or the
 * binary Avro encoding of one {@code WorkEvent} (an element of an Avro {@code EventBatch}).
 */
public enum EventEncoding {
  JSON,
  AVRO;

  /** The name bundles use: {@code json} or {@code avro}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for a name other than {@code json} or {@code avro}
   */
  public static EventEncoding ofLabel(String label) {
    for (EventEncoding encoding : values()) {
      if (encoding.label().equals(label)) {
        return encoding;
      }
    }
    throw new IllegalArgumentException("got \"" + label + "\", want \"json\" or \"avro\"");
  }

  /**
   * The event readable, as a JSON tree ({@link JsonTree}): a JSON event as sent, an Avro event as
   * its fields, absent optional fields left out.
   *
   * @throws IllegalArgumentException when the bytes are not one event in this encoding
   */
  public Map<?, ?> readable(byte[] bytes) {
    return switch (this) {
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
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
      event = new SpecificDatumReader<>(WorkEvent.class).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IllegalArgumentException("got bytes after the event, want one Avro WorkEvent");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException known) {
        throw known;
      }
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
