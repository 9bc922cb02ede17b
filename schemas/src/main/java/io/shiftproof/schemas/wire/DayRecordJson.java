package io.shiftproof.schemas.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.schemas.avro.DayFlag;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.PlatformSources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON form of a {@link DayRecord}, as query answers and evidence show it: the same fields with
 * instants as RFC 3339 in the record's zone (so a reader sees local times), at the precision the
 * record holds.
 */
public final class DayRecordJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  private DayRecordJson() {}

  public static String toJson(DayRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      writeFields(json, record);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the record's fields into an object the caller has started. */
  public static void writeFields(JsonGenerator json, DayRecord record) throws IOException {
    ZoneId zone = ZoneId.of(record.getZone());
    json.writeStringField("workerRef", record.getWorkerRef());
    json.writeStringField("day", record.getDay());
    json.writeStringField("zone", record.getZone());
    json.writeNumberField("version", record.getVersion());
    json.writeBooleanField("provisional", record.getProvisional());
    json.writeStringField("coveredUntil", time(record.getCoveredUntilMicros(), zone));
    DayTotals totals = record.getTotals();
    json.writeObjectFieldStart("totals");
    json.writeNumberField("onlineSeconds", totals.getOnlineSeconds());
    json.writeNumberField("engagedSeconds", totals.getEngagedSeconds());
    json.writeNumberField("onTaskSeconds", totals.getOnTaskSeconds());
    json.writeNumberField("multiAppSeconds", totals.getMultiAppSeconds());
    json.writeNumberField("platformSumSeconds", totals.getPlatformSumSeconds());
    json.writeNumberField("longestStretchSeconds", totals.getLongestStretchSeconds());
    json.writeEndObject();
    json.writeArrayFieldStart("segments");
    for (DaySegments.Segment segment : DaySegments.of(record)) {
      json.writeStartObject();
      json.writeStringField("from", time(segment.fromMicros(), zone));
      json.writeStringField("to", time(segment.toMicros(), zone));
      json.writeStringField("state", segment.state().name());
      writeStrings(json, "onlinePlatforms", segment.onlinePlatforms());
      writeStrings(json, "engagedPlatforms", segment.engagedPlatforms());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("flags");
    for (DayFlag flag : record.getFlags()) {
      json.writeStartObject();
      json.writeStringField("kind", flag.getKind().name());
      json.writeStringField("platform", flag.getPlatform());
      json.writeStringField("sessionId", flag.getSessionId());
      if (flag.getTaskRef() != null) {
        json.writeStringField("taskRef", flag.getTaskRef());
      }
      json.writeStringField("eventId", flag.getEventId());
      json.writeStringField("at", time(flag.getAtMicros(), zone));
      json.writeEndObject();
    }
    json.writeEndArray();
    // Version 1's sourceBatches is always empty since version 2 and not shown; the compact
    // segments (platforms, segmentsStartMicros, compactSegments) are shown as segments above.
    json.writeArrayFieldStart("sources");
    for (PlatformSources sources : record.getSources()) {
      json.writeStartObject();
      json.writeStringField("platform", sources.getPlatform());
      json.writeNumberField("eventCount", sources.getEventCount());
      json.writeStringField("eventsDigest", HEX.formatHex(sources.getEventsDigest().bytes()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /**
   * An instant in microseconds as RFC 3339 with the zone's offset at that instant, seconds always
   * written (see {@link Rfc3339#format}).
   */
  public static String time(long micros, ZoneId zone) {
    return Rfc3339.format(DayRecordCodec.instantOfMicros(micros), zone);
  }

  private static void writeStrings(JsonGenerator json, String name, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
