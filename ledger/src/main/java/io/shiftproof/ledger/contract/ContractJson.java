package io.shiftproof.ledger.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of every value the contract stores, in one place: fixed field order, instants as epoch
 * microseconds, absent values as {@code null}. The same bytes are the state value, the event
 * payload and the ledger entry's payload, so whoever reads one reads them all.
 *
 * <p>The anchor's field names are a published format: the offline verifier reads {@code batchId,
 * chain, sequence, previousBatchId, root, treeSize, fromMicros, toMicros, txId, anchoredAtMicros}.
 * {@link AnchorJson} writes them, as it writes every other form of an anchor.
 */
public final class ContractJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ContractJson() {}

  /** The anchor's JSON, its {@link AnchorJson#SIGNED_PAYLOAD signed payload} form. */
  public static String anchorToJson(Anchor anchor) {
    return write(json -> AnchorJson.writeFields(json, anchor, AnchorJson.SIGNED_PAYLOAD));
  }

  /**
   * Reads {@link #anchorToJson}'s output; fails with {@link IllegalArgumentException} otherwise.
   */
  public static Anchor anchorFromJson(String json) {
    Fields f = read(json);
    return new Anchor(
        f.string("batchId"),
        f.string("chain"),
        f.number("sequence"),
        f.optionalString("previousBatchId"),
        f.string("root"),
        f.number("treeSize"),
        f.number("fromMicros"),
        f.number("toMicros"),
        f.string("txId"),
        instant(f.number("anchoredAtMicros")));
  }

  /** The claim's JSON. */
  public static String claimToJson(Claim claim) {
    return write(
        json -> {
          json.writeStringField("claimId", claim.claimId());
          json.writeStringField("workerRef", claim.workerRef());
          json.writeNumberField("incidentAtMicros", micros(claim.incidentAt()));
          writeOptional(json, "cell", claim.cell());
          json.writeStringField("reportedBy", claim.reportedBy());
          json.writeStringField("status", claim.status().name());
          writeOptional(json, "evidenceHash", claim.evidenceHash());
          writeOptional(json, "decision", claim.decision().map(Decision::name));
          writeOptional(json, "ruleVersion", claim.ruleVersion());
          writeOptional(json, "decidedBy", claim.decidedBy());
          writeOptional(json, "paymentRef", claim.paymentRef());
          json.writeNumberField("reportedAtMicros", micros(claim.reportedAt()));
          json.writeNumberField("updatedAtMicros", micros(claim.updatedAt()));
        });
  }

  /** Reads {@link #claimToJson}'s output; fails with {@link IllegalArgumentException} otherwise. */
  public static Claim claimFromJson(String json) {
    Fields f = read(json);
    return new Claim(
        f.string("claimId"),
        f.string("workerRef"),
        instant(f.number("incidentAtMicros")),
        f.optionalString("cell"),
        f.string("reportedBy"),
        f.enumValue("status", ClaimStatus.class),
        f.optionalString("evidenceHash"),
        f.optionalString("decision").map(d -> parseEnum("decision", d, Decision.class)),
        f.optionalString("ruleVersion"),
        f.optionalString("decidedBy"),
        f.optionalString("paymentRef"),
        instant(f.number("reportedAtMicros")),
        instant(f.number("updatedAtMicros")));
  }

  /** The access log entry's JSON. */
  public static String accessToJson(AccessLogEntry entry) {
    return write(
        json -> {
          json.writeStringField("accessor", entry.access().accessor());
          json.writeStringField("workerRef", entry.access().workerRef());
          json.writeStringField("purpose", entry.access().purpose());
          json.writeStringField("resource", entry.access().resource());
          json.writeStringField("txId", entry.txId());
          json.writeNumberField("loggedAtMicros", micros(entry.loggedAt()));
        });
  }

  /**
   * Reads {@link #accessToJson}'s output; fails with {@link IllegalArgumentException} otherwise.
   */
  public static AccessLogEntry accessFromJson(String json) {
    Fields f = read(json);
    return new AccessLogEntry(
        new AccessRecord(
            f.string("accessor"), f.string("workerRef"), f.string("purpose"), f.string("resource")),
        f.string("txId"),
        instant(f.number("loggedAtMicros")));
  }

  /** UTF-8 bytes of a JSON string, the form state values and event payloads take. */
  static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** A state value or payload back as a JSON string. */
  static String string(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  /** Microseconds since the epoch: the precision PostgreSQL and the signed entry keep. */
  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      body.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toString();
  }

  private static void writeOptional(JsonGenerator json, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      json.writeStringField(name, value.get());
    } else {
      json.writeNullField(name);
    }
  }

  /** A flat JSON object's fields: strings, integers and nulls, which is all the contract writes. */
  private static Fields read(String json) {
    Map<String, Object> values = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("json: got " + p.currentToken() + ", want an object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (value) {
          case VALUE_STRING -> values.put(name, p.getText());
          case VALUE_NUMBER_INT -> values.put(name, p.getLongValue());
          case VALUE_NULL -> values.put(name, null);
          default ->
              throw new IllegalArgumentException(
                  name + ": got " + value + ", want a string, integer or null");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("json: got malformed JSON, want an object", e);
    }
    return new Fields(values);
  }

  private static <E extends Enum<E>> E parseEnum(String field, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + ": got " + value + ", want a " + type.getSimpleName(), e);
    }
  }

  private record Fields(Map<String, Object> values) {
    String string(String name) {
      return optionalString(name)
          .orElseThrow(() -> new IllegalArgumentException(name + ": got null, want a string"));
    }

    Optional<String> optionalString(String name) {
      Object value = values.get(name);
      if (value == null || value instanceof String) {
        return Optional.ofNullable((String) value);
      }
      throw new IllegalArgumentException(name + ": got " + value + ", want a string");
    }

    long number(String name) {
      if (values.get(name) instanceof Long value) {
        return value;
      }
      throw new IllegalArgumentException(name + ": got " + values.get(name) + ", want an integer");
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
      return parseEnum(name, string(name), type);
    }
  }
}
