package io.shiftproof.schemas.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an {@link EventBatch} as the wire JSON of docs/design.md §4: fields in the documented
 * order, absent optional fields omitted, occurredAt as its original RFC 3339 text.
 */
public final class BatchJsonWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Typical size of one event in bytes; only a buffer-size hint. */
  private static final int EVENT_SIZE_HINT = 256;

  private BatchJsonWriter() {}

  /** The batch as UTF-8 JSON. */
  public static byte[] toJson(EventBatch batch) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(64 + EVENT_SIZE_HINT * batch.events().size());
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("batchId", batch.batchId());
      json.writeArrayFieldStart("events");
      for (WorkEvent event : batch.events()) {
        writeEvent(json, event);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      // A ByteArrayOutputStream never fails; this is unreachable in practice.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeEvent(JsonGenerator json, WorkEvent event) throws IOException {
    json.writeStartObject();
    json.writeStringField("eventId", event.eventId());
    json.writeStringField("workerRef", event.workerRef());
    json.writeStringField("sessionId", event.sessionId());
    json.writeStringField("type", event.type().name());
    if (event.taskRef().isPresent()) {
      json.writeStringField("taskRef", event.taskRef().get());
    }
    json.writeStringField("occurredAt", event.occurredAtText());
    if (event.cell().isPresent()) {
      json.writeStringField("cell", event.cell().get());
    }
    json.writeEndObject();
  }
}
