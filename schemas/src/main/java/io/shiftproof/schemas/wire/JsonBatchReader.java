package io.shiftproof.schemas.wire;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads a JSON batch with Jackson's streaming parser: one pass, no tree, field values straight into
 * a reused {@link EventFields}.
 *
 * <p>Duplicate fields are detected here with a bit mask rather than with Jackson's {@code
 * STRICT_DUPLICATE_DETECTION}: Jackson's check throws from inside the parser and so can only reject
 * the whole batch, whereas a duplicate inside one event should reject only that event. Objects
 * nested under an unknown field are skipped unchecked, since that event is rejected anyway.
 */
final class JsonBatchReader {
  static final int MAX_NESTING_DEPTH = 32;
  static final int MAX_STRING_CHARS = 64 * 1024;
  static final int MAX_NAME_CHARS = 1024;
  static final int MAX_NUMBER_CHARS = 100;

  private static final String BODY_WANT = "want a JSON object with batchId and events";

  private final BatchLimits limits;
  private final EventValidator validator;
  private final JsonFactory factory;

  JsonBatchReader(BatchLimits limits, EventValidator validator) {
    this.limits = limits;
    this.validator = validator;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_NAME_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxDocumentLength(limits.maxBodyBytes())
                    .build())
            // Parser messages are passed on to clients: keep echoed input short.
            .errorReportConfiguration(
                ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(ValueEcho.MAX_ECHO_CHARS)
                    .maxRawContentLength(0)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
  }

  DecodedBatch read(byte[] body, Instant now) {
    if (body.length > limits.maxBodyBytes()) {
      throw BatchIdRule.bodyTooLarge(body.length, limits.maxBodyBytes());
    }
    String problem = JsonBodyScan.problemOrNull(body);
    if (problem != null) {
      throw new BatchRejectedException(ErrorCode.MALFORMED_JSON, problem);
    }
    try (JsonParser p = factory.createParser(body)) {
      return readBatch(p, body, now);
    } catch (StreamConstraintsException e) {
      throw limitExceeded(e);
    } catch (JsonProcessingException e) {
      throw new BatchRejectedException(ErrorCode.MALFORMED_JSON, malformed(e));
    } catch (IOException e) {
      throw new BatchRejectedException(
          ErrorCode.MALFORMED_JSON,
          "body: got unreadable JSON (" + ValueEcho.reason(e.getMessage()) + "), " + BODY_WANT);
    }
  }

  private DecodedBatch readBatch(JsonParser p, byte[] body, Instant now) throws IOException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw new BatchRejectedException(
          first == null ? ErrorCode.MALFORMED_JSON : ErrorCode.WRONG_TYPE,
          "body: got " + (first == null ? "nothing" : kind(first)) + ", " + BODY_WANT);
    }
    String batchId = null;
    String batchIdAbsence = "nothing";
    boolean seenBatchId = false;
    boolean seenEvents = false;
    BatchAssembler batch = new BatchAssembler(validator, now);
    EventSpans.Builder spans = new EventSpans.Builder(BatchEncoding.JSON);
    for (JsonToken t = next(p); t != JsonToken.END_OBJECT; t = next(p)) {
      String name = p.currentName();
      JsonToken value = next(p);
      switch (name) {
        case "batchId" -> {
          requireOnce(seenBatchId, "batchId");
          seenBatchId = true;
          if (value == JsonToken.VALUE_STRING) {
            // Checked at once so a bad batchId fails before a large events array is read.
            batchId = BatchIdRule.require(p.getText(), "nothing");
          } else if (value == JsonToken.VALUE_NULL) {
            batchIdAbsence = "null";
          } else {
            throw new BatchRejectedException(
                ErrorCode.WRONG_TYPE, "batchId: got " + kind(value) + ", want a string");
          }
        }
        case "events" -> {
          requireOnce(seenEvents, "events");
          seenEvents = true;
          if (value == JsonToken.VALUE_NULL) {
            throw new BatchRejectedException(
                ErrorCode.MISSING_FIELD, "events: got null, want an array of events");
          }
          if (value != JsonToken.START_ARRAY) {
            throw new BatchRejectedException(
                ErrorCode.WRONG_TYPE, "events: got " + kind(value) + ", want an array of events");
          }
          readEvents(p, body, batch, spans);
        }
        default ->
            throw new BatchRejectedException(
                ErrorCode.UNKNOWN_FIELD,
                ValueEcho.quote(name) + ": got an unknown field, want only batchId and events");
      }
    }
    if (p.nextToken() != null) {
      throw new BatchRejectedException(
          ErrorCode.MALFORMED_JSON,
          "body: got content after the closing brace at "
              + where(p.currentLocation())
              + ", "
              + BODY_WANT);
    }
    BatchIdRule.require(batchId, batchIdAbsence);
    if (!seenEvents) {
      throw new BatchRejectedException(
          ErrorCode.MISSING_FIELD, "events: got nothing, want an array of events");
    }
    if (batch.count() == 0) {
      throw BatchIdRule.emptyBatch();
    }
    return batch.finish(batchId, spans.build());
  }

  private void readEvents(JsonParser p, byte[] body, BatchAssembler batch, EventSpans.Builder spans)
      throws IOException {
    EventFields fields = new EventFields();
    int index = 0;
    for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
      if (index >= limits.maxEvents()) {
        throw BatchIdRule.tooManyEvents(limits.maxEvents());
      }
      int start = EventSpans.jsonStart(p);
      if (t == JsonToken.START_OBJECT) {
        readEvent(p, index, fields, batch);
      } else {
        batch.reject(
            index,
            ErrorCode.WRONG_TYPE,
            "events[" + index + "]: got " + kind(t) + ", want an event object");
        p.skipChildren();
      }
      spans.add(start, EventSpans.jsonEnd(p, body, start));
      index++;
    }
  }

  /** Reads one event object to its end, so a bad event never desynchronises the parser. */
  private static void readEvent(JsonParser p, int index, EventFields f, BatchAssembler batch)
      throws IOException {
    f.clear();
    int seen = 0;
    ErrorCode code = null;
    String message = null;
    for (JsonToken t = next(p); t != JsonToken.END_OBJECT; t = next(p)) {
      String name = p.currentName();
      JsonToken value = next(p);
      int bit = EventFields.bitOf(name);
      if (bit == 0 || (seen & bit) != 0) {
        if (code == null) {
          code = bit == 0 ? ErrorCode.UNKNOWN_FIELD : ErrorCode.DUPLICATE_FIELD;
          message =
              bit == 0
                  ? ValueEcho.quote(name)
                      + ": got an unknown field, want only "
                      + EventFields.FIELD_LIST
                  : name + ": got the field twice, want it once";
        }
        p.skipChildren();
        continue;
      }
      seen |= bit;
      if (value == JsonToken.VALUE_STRING) {
        f.set(bit, p.getText());
      } else if (value == JsonToken.VALUE_NULL) {
        f.nulls |= bit;
      } else {
        if (code == null) {
          code = ErrorCode.WRONG_TYPE;
          message = name + ": got " + kind(value) + ", want a string";
        }
        p.skipChildren();
      }
    }
    if (code != null) {
      batch.reject(index, code, message);
    } else {
      batch.offer(index, f);
    }
  }

  private static void requireOnce(boolean seen, String name) {
    if (seen) {
      throw new BatchRejectedException(
          ErrorCode.DUPLICATE_FIELD, name + ": got the field twice, want it once");
    }
  }

  /** The next token; end of input inside a structure is malformed (Jackson usually says so). */
  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new BatchRejectedException(
          ErrorCode.MALFORMED_JSON, "body: got a truncated document, " + BODY_WANT);
    }
    return t;
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static String malformed(JsonProcessingException e) {
    return "body: got malformed JSON at "
        + where(e.getLocation())
        + " ("
        + ValueEcho.reason(e.getOriginalMessage())
        + "), "
        + BODY_WANT;
  }

  private static String where(JsonLocation at) {
    if (at == null) {
      return "an unknown position";
    }
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /**
   * Jackson reports every read constraint with the same exception type; its message names the
   * limit, which is all there is to tell them apart.
   */
  private BatchRejectedException limitExceeded(StreamConstraintsException e) {
    String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (detail.contains("nesting depth")) {
      return new BatchRejectedException(
          ErrorCode.NESTING_TOO_DEEP,
          "body: got objects or arrays nested deeper than "
              + MAX_NESTING_DEPTH
              + " levels, want at most "
              + MAX_NESTING_DEPTH);
    }
    if (detail.contains("Document length")) {
      return new BatchRejectedException(
          ErrorCode.BODY_TOO_LARGE,
          "body: got more than "
              + limits.maxBodyBytes()
              + " bytes, want at most "
              + limits.maxBodyBytes()
              + "; split the batch");
    }
    return new BatchRejectedException(
        ErrorCode.VALUE_TOO_LARGE,
        "body: got a value longer than the parser allows at "
            + where(e.getLocation())
            + ", want strings of at most "
            + MAX_STRING_CHARS
            + " characters, field names of at most "
            + MAX_NAME_CHARS
            + " and numbers of at most "
            + MAX_NUMBER_CHARS);
  }
}
