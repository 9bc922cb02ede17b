package io.shiftproof.gateway.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.records.Seal;
import io.shiftproof.records.StoredDayRecord;
import io.shiftproof.records.StoredLateEvent;
import io.shiftproof.schemas.wire.DayRecordJson;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.WorkEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;

/**
 * The JSON bodies of the query routes. A day is the record's own JSON form ({@link DayRecordJson})
 * plus where it stands among the day's versions; instants are RFC 3339 in the record's zone.
 */
public final class QueryResponses {
  private static final JsonFactory FACTORY = new JsonFactory();

  private QueryResponses() {}

  /**
   * The record's fields, {@code knownUntil} (how far the answer holds, {@link
   * StoredDayRecord#knownUntil}), {@code latestVersion}, and {@code sealed} ({@code reason}, {@code
   * sealedAtWatermark}), which is null for the live record so every answer has the same shape, and
   * {@code proof} ({@link ProofJson}), null until the version is anchored.
   */
  public static byte[] day(StoredDayRecord stored) {
    ZoneId zone = ZoneId.of(stored.record().getZone());
    return write(
        json -> {
          DayRecordJson.writeFields(json, stored.record());
          json.writeStringField("knownUntil", Rfc3339.format(stored.knownUntil(), zone));
          json.writeNumberField("latestVersion", stored.latestVersion());
          if (stored.seal().isPresent()) {
            Seal seal = stored.seal().get();
            json.writeObjectFieldStart("sealed");
            json.writeStringField("reason", seal.reason());
            json.writeStringField("sealedAtWatermark", Rfc3339.format(seal.watermark(), zone));
            json.writeEndObject();
          } else {
            json.writeNullField("sealed");
          }
          ProofJson.write(json, stored.proof(), zone);
        });
  }

  public static byte[] status(WorkerStatus status) {
    return write(
        json -> {
          json.writeStringField("workerRef", status.workerRef());
          json.writeStringField("at", Rfc3339.format(status.at(), status.zone()));
          json.writeStringField("state", status.state().name());
          strings(json, "onlinePlatforms", status.onlinePlatforms());
          strings(json, "engagedPlatforms", status.engagedPlatforms());
          json.writeNumberField("recordVersion", status.recordVersion());
          json.writeBooleanField("provisional", status.provisional());
          json.writeStringField("knownUntil", Rfc3339.format(status.knownUntil(), status.zone()));
          ProofJson.write(json, status.proof(), status.zone());
        });
  }

  /**
   * {@code events}, each with the event's {@code type} and {@code sessionId} (null when its stored
   * bytes cannot be decoded), and {@code next}, the {@code before} of the following page or null.
   */
  static byte[] lateEvents(LateEventPage page, ZoneId zone) {
    return write(
        json -> {
          json.writeArrayFieldStart("events");
          for (StoredLateEvent e : page.events()) {
            json.writeStartObject();
            json.writeStringField("platform", e.platform());
            json.writeStringField("eventId", e.eventId());
            json.writeStringField("workerRef", e.workerRef());
            json.writeStringField("batchId", e.batchId());
            json.writeStringField("type", e.event().map(w -> w.type().name()).orElse(null));
            json.writeStringField("sessionId", e.event().map(WorkEvent::sessionId).orElse(null));
            json.writeStringField("occurredAt", Rfc3339.format(e.occurredAt(), zone));
            json.writeStringField("receivedAt", Rfc3339.format(e.receivedAt(), zone));
            json.writeStringField("watermark", Rfc3339.format(e.watermark(), zone));
            json.writeStringField("storedAt", Rfc3339.format(e.storedAt(), zone));
            json.writeStringField("reason", e.reason());
            json.writeEndObject();
          }
          json.writeEndArray();
          if (page.next().isPresent()) {
            json.writeStringField("next", Rfc3339.format(page.next().get(), zone));
          } else {
            json.writeNullField("next");
          }
        });
  }

  private static void strings(JsonGenerator json, String name, Iterable<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }
}
