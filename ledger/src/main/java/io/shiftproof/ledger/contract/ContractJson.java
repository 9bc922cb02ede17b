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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
          writeStrings(json, "platforms", claim.assignment().platforms());
          writeStrings(json, "assignedInsurers", claim.assignment().insurers());
          writeStrings(json, "coverageGaps", claim.assignment().coverageGaps());
          writeOptional(json, "decision", claim.decision().map(Decision::name));
          writeOptional(json, "ruleVersion", claim.ruleVersion());
          writeOptional(json, "decidedBy", claim.decidedBy());
          Optional<SignedDecision> signed = claim.signedDecision();
          writeStrings(
              json, "decisionReasons", signed.map(d -> d.decision().reasons()).orElse(List.of()));
          writeOptionalNumber(
              json, "decisionSignedAtMicros", signed.map(d -> micros(d.decision().signedAt())));
          writeOptional(json, "decisionSignature", signed.map(SignedDecision::signature));
          writeOptional(json, "decisionCertificate", signed.map(SignedDecision::signerCertificate));
          writeOptional(json, "paymentRef", claim.paymentRef());
          writeOptionalNumber(json, "paidAmountFen", claim.paidAmountFen());
          json.writeNumberField("reportedAtMicros", micros(claim.reportedAt()));
          json.writeNumberField("updatedAtMicros", micros(claim.updatedAt()));
        });
  }

  /** Reads {@link #claimToJson}'s output; fails with {@link IllegalArgumentException} otherwise. */
  public static Claim claimFromJson(String json) {
    Fields f = read(json);
    String claimId = f.string("claimId");
    Optional<String> evidenceHash = f.optionalString("evidenceHash");
    Optional<Decision> decision =
        f.optionalString("decision").map(d -> parseEnum("decision", d, Decision.class));
    Optional<String> ruleVersion = f.optionalString("ruleVersion");
    Optional<String> decidedBy = f.optionalString("decidedBy");
    Optional<SignedDecision> signed =
        f.optionalString("decisionSignature")
            .map(
                signature ->
                    new SignedDecision(
                        new ClaimDecision(
                            claimId,
                            decision.orElseThrow(),
                            evidenceHash.orElseThrow(),
                            ruleVersion.orElseThrow(),
                            f.strings("decisionReasons"),
                            decidedBy.orElseThrow(),
                            instant(f.optionalNumber("decisionSignedAtMicros").orElseThrow())),
                        signature,
                        f.string("decisionCertificate")));
    return new Claim(
        claimId,
        f.string("workerRef"),
        instant(f.number("incidentAtMicros")),
        f.optionalString("cell"),
        f.string("reportedBy"),
        f.enumValue("status", ClaimStatus.class),
        evidenceHash,
        new ClaimAssignment(
            f.strings("platforms"), f.strings("assignedInsurers"), f.strings("coverageGaps")),
        decision,
        ruleVersion,
        decidedBy,
        signed,
        f.optionalString("paymentRef"),
        f.optionalNumber("paidAmountFen"),
        instant(f.number("reportedAtMicros")),
        instant(f.number("updatedAtMicros")));
  }

  /**
   * How every JSON of the claim {@code claimId} starts, for finding its history among ledger
   * payloads: {@code claimId} is always the first member.
   */
  public static String claimJsonPrefix(String claimId) {
    String withId = write(json -> json.writeStringField("claimId", claimId));
    return withId.substring(0, withId.length() - 1) + ",";
  }

  /** The policy's JSON. */
  public static String policyToJson(Policy policy) {
    PolicyTerms t = policy.terms();
    return write(
        json -> {
          json.writeStringField("policyId", t.policyId());
          json.writeStringField("insurer", t.insurer());
          json.writeStringField("platform", t.platform());
          json.writeNumberField("validFromMicros", micros(t.validFrom()));
          json.writeNumberField("validToMicros", micros(t.validTo()));
          json.writeNumberField("premiumPerOrderFen", t.premiumPerOrderFen());
          json.writeStringField("status", policy.status().name());
          writeOptional(json, "acceptedBy", policy.acceptedBy());
          json.writeNumberField("registeredAtMicros", micros(policy.registeredAt()));
          writeOptionalNumber(
              json, "acceptedAtMicros", policy.acceptedAt().map(ContractJson::micros));
        });
  }

  /**
   * Reads {@link #policyToJson}'s output; fails with {@link IllegalArgumentException} otherwise.
   */
  public static Policy policyFromJson(String json) {
    Fields f = read(json);
    return new Policy(
        new PolicyTerms(
            f.string("policyId"),
            f.string("insurer"),
            f.string("platform"),
            instant(f.number("validFromMicros")),
            instant(f.number("validToMicros")),
            f.number("premiumPerOrderFen")),
        f.enumValue("status", PolicyStatus.class),
        f.optionalString("acceptedBy"),
        instant(f.number("registeredAtMicros")),
        f.optionalNumber("acceptedAtMicros").map(ContractJson::instant));
  }

  /** A list of strings as a JSON object {@code {"values": [...]}}, for the contract's indexes. */
  static String stringsToJson(List<String> values) {
    return write(json -> writeStrings(json, "values", values));
  }

  static List<String> stringsFromJson(String json) {
    return read(json).strings("values");
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

  /** An evidence attachment's JSON, the argument form of {@code AttachEvidence} on Fabric. */
  public static String attachmentToJson(EvidenceAttachment a) {
    return write(
        json -> {
          json.writeStringField("claimId", a.claimId());
          json.writeStringField("evidenceHash", a.evidenceHash());
          writeStrings(json, "platforms", a.platforms());
        });
  }

  /** Reads {@link #attachmentToJson}'s output. */
  public static EvidenceAttachment attachmentFromJson(String json) {
    Fields f = read(json);
    return new EvidenceAttachment(
        f.string("claimId"), f.string("evidenceHash"), f.strings("platforms"));
  }

  /** A signed decision's JSON, the argument form of {@code DecideClaim} on Fabric. */
  public static String signedDecisionToJson(SignedDecision s) {
    ClaimDecision d = s.decision();
    return write(
        json -> {
          json.writeStringField("claimId", d.claimId());
          json.writeStringField("decision", d.decision().name());
          json.writeStringField("evidenceHash", d.evidenceHash());
          json.writeStringField("ruleVersion", d.ruleVersion());
          writeStrings(json, "reasons", d.reasons());
          json.writeStringField("decidedBy", d.decidedBy());
          json.writeNumberField("signedAtMicros", micros(d.signedAt()));
          json.writeStringField("signature", s.signature());
          json.writeStringField("signerCertificate", s.signerCertificate());
        });
  }

  /** Reads {@link #signedDecisionToJson}'s output. */
  public static SignedDecision signedDecisionFromJson(String json) {
    Fields f = read(json);
    return new SignedDecision(
        new ClaimDecision(
            f.string("claimId"),
            f.enumValue("decision", Decision.class),
            f.string("evidenceHash"),
            f.string("ruleVersion"),
            f.strings("reasons"),
            f.string("decidedBy"),
            instant(f.number("signedAtMicros"))),
        f.string("signature"),
        f.string("signerCertificate"));
  }

  /** A payment's JSON, the argument form of {@code MarkPaid} on Fabric. */
  public static String paymentToJson(ClaimPayment p) {
    return write(
        json -> {
          json.writeStringField("claimId", p.claimId());
          json.writeStringField("paymentRef", p.paymentRef());
          json.writeNumberField("amountFen", p.amountFen());
        });
  }

  /** Reads {@link #paymentToJson}'s output. */
  public static ClaimPayment paymentFromJson(String json) {
    Fields f = read(json);
    return new ClaimPayment(f.string("claimId"), f.string("paymentRef"), f.number("amountFen"));
  }

  /** Policy terms' JSON, the argument form of {@code RegisterPolicy} on Fabric. */
  public static String termsToJson(PolicyTerms t) {
    return write(
        json -> {
          json.writeStringField("policyId", t.policyId());
          json.writeStringField("insurer", t.insurer());
          json.writeStringField("platform", t.platform());
          json.writeNumberField("validFromMicros", micros(t.validFrom()));
          json.writeNumberField("validToMicros", micros(t.validTo()));
          json.writeNumberField("premiumPerOrderFen", t.premiumPerOrderFen());
        });
  }

  /** Reads {@link #termsToJson}'s output. */
  public static PolicyTerms termsFromJson(String json) {
    Fields f = read(json);
    return new PolicyTerms(
        f.string("policyId"),
        f.string("insurer"),
        f.string("platform"),
        instant(f.number("validFromMicros")),
        instant(f.number("validToMicros")),
        f.number("premiumPerOrderFen"));
  }

  /** A list of policies as {@code {"policies": [policy JSON, ...]}}, policy JSON as strings. */
  public static String policiesToJson(List<Policy> policies) {
    return write(
        json ->
            writeStrings(
                json, "policies", policies.stream().map(ContractJson::policyToJson).toList()));
  }

  /** Reads {@link #policiesToJson}'s output. */
  public static List<Policy> policiesFromJson(String json) {
    return read(json).strings("policies").stream().map(ContractJson::policyFromJson).toList();
  }

  /** One committed version of a value: the transaction that wrote it and the value's JSON. */
  public record Version(String txId, String json) {}

  /** Versions as {@code {"history": [txId, json, txId, json, ...]}}. */
  public static String historyToJson(List<Version> versions) {
    List<String> flat = new ArrayList<>();
    for (Version v : versions) {
      flat.add(v.txId());
      flat.add(v.json());
    }
    return write(json -> writeStrings(json, "history", flat));
  }

  /** Reads {@link #historyToJson}'s output. */
  public static List<Version> historyFromJson(String json) {
    List<String> flat = read(json).strings("history");
    List<Version> versions = new ArrayList<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      versions.add(new Version(flat.get(i), flat.get(i + 1)));
    }
    return versions;
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

  private static void writeOptionalNumber(JsonGenerator json, String name, Optional<Long> value)
      throws IOException {
    if (value.isPresent()) {
      json.writeNumberField(name, value.get());
    } else {
      json.writeNullField(name);
    }
  }

  private static void writeStrings(JsonGenerator json, String name, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /**
   * A flat JSON object's fields: strings, integers, nulls and arrays of strings, which is all the
   * contract writes.
   */
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
          case START_ARRAY -> values.put(name, readStrings(p, name));
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

  private static List<String> readStrings(JsonParser p, String name) throws IOException {
    List<String> strings = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        throw new IllegalArgumentException(name + ": got " + t + " in an array, want strings");
      }
      strings.add(p.getText());
    }
    return List.copyOf(strings);
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

    /** An absent member reads as the empty list, so values written before it existed still read. */
    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
      Object value = values.get(name);
      if (value == null) {
        return List.of();
      }
      if (value instanceof List<?> list) {
        return (List<String>) list;
      }
      throw new IllegalArgumentException(name + ": got " + value + ", want an array of strings");
    }

    Optional<Long> optionalNumber(String name) {
      Object value = values.get(name);
      if (value == null) {
        return Optional.empty();
      }
      if (value instanceof Long number) {
        return Optional.of(number);
      }
      throw new IllegalArgumentException(name + ": got " + value + ", want an integer or null");
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
