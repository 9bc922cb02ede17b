package io.shiftproof.ledger.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.schemas.avro.DayRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of the bundle format that the builder writes and the verifier recomputes, written by
 * one piece of code so that the two cannot drift apart.
 */
final class BundleJson {
  static final String FORMAT = "shiftproof-evidence/4";
  static final String ATTESTATION_TYPE = "embedded-ledger-entry";
  static final String FABRIC_TRANSACTION_TYPE = "fabric-processed-transaction";
  static final String ANCHOR_FUNCTION = "AnchorBatch";
  static final String ACCESS_FUNCTION = "LogAccess";

  private BundleJson() {}

  static void writeCoverage(JsonGenerator json, CoverageDecision decision) throws IOException {
    json.writeStartObject();
    json.writeStringField("ruleSet", decision.ruleSet());
    json.writeStringField("outcome", decision.outcome().name());
    json.writeStringField("reason", decision.reason().name());
    writeStrings(json, "liablePlatforms", decision.liablePlatforms());
    writeStrings(json, "candidatePlatforms", decision.candidatePlatforms());
    writeStrings(json, "flags", decision.flags().stream().map(Enum::name).toList());
    json.writeStringField("incidentState", decision.incidentState().name());
    json.writeArrayFieldStart("basedOn");
    for (RecordVersion version : decision.basedOn()) {
      json.writeStartObject();
      json.writeStringField("day", version.day());
      json.writeNumberField("version", version.version());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
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
   * Why the payload of an anchor's attestation is not that anchor, if it is not. Compared in the
   * contract's own JSON form ({@link ContractJson}), so a field the contract adds is compared too.
   *
   * @param payload the signed entry's payload as a {@link JsonTree} value
   */
  static Optional<String> payloadMismatch(Anchor anchor, Object payload) {
    Object want =
        JsonTree.parse(ContractJson.anchorToJson(anchor).getBytes(StandardCharsets.UTF_8));
    return JsonDifference.first("entry.payload", payload, want);
  }

  /**
   * Why the payload of the access log's entry is not the logged request, if it is not; compared in
   * the contract's own JSON form, as for anchors.
   */
  static Optional<String> accessPayloadMismatch(
      AccessRecord access, String txId, Instant loggedAt, Object payload) {
    Object want =
        JsonTree.parse(
            ContractJson.accessToJson(new AccessLogEntry(access, txId, loggedAt))
                .getBytes(StandardCharsets.UTF_8));
    return JsonDifference.first("entry.payload", payload, want);
  }

  /**
   * Why {@code daysWithoutRecords} is not a valid attestation, if it is not. The hub may attest
   * only days of the window other than the incident's (which always needs a record), that have no
   * record, each once: any other day would widen what the bundle claims to cover.
   */
  static Optional<String> misattestedDay(
      Collection<DayRecord> records,
      Collection<String> daysWithoutRecords,
      Instant from,
      Instant to,
      Instant incidentAt,
      ZoneId zone) {
    List<String> window = windowDays(from, to, zone);
    String incidentDay = LocalDate.ofInstant(incidentAt, zone).toString();
    Set<String> recorded = new HashSet<>();
    records.forEach(r -> recorded.add(r.getDay()));
    Set<String> seen = new HashSet<>();
    for (String day : daysWithoutRecords) {
      String why = null;
      if (!window.contains(day)) {
        why = "not a day of the window " + window;
      } else if (day.equals(incidentDay)) {
        why = "the incident's day, which needs a record";
      } else if (recorded.contains(day)) {
        why = "a day with a record";
      } else if (!seen.add(day)) {
        why = "listed twice";
      }
      if (why != null) {
        return Optional.of(
            "daysWithoutRecords: got "
                + day
                + " ("
                + why
                + "), want only days of the window other than the incident's that have no"
                + " record, each once");
      }
    }
    return Optional.empty();
  }

  /**
   * The local days of the window {@code [from, to]} (both ends included: an incident window is
   * closed) that have no record and are not among {@code daysWithoutRecords}, in order.
   */
  static List<String> uncoveredDays(
      Collection<DayRecord> records,
      Collection<String> daysWithoutRecords,
      Instant from,
      Instant to,
      ZoneId zone) {
    Set<String> recorded = new HashSet<>();
    records.forEach(r -> recorded.add(r.getDay()));
    List<String> missing = new ArrayList<>();
    for (String day : windowDays(from, to, zone)) {
      if (!recorded.contains(day) && !daysWithoutRecords.contains(day)) {
        missing.add(day);
      }
    }
    return missing;
  }

  /** The local days of the window {@code [from, to]}, both ends included, in order. */
  private static List<String> windowDays(Instant from, Instant to, ZoneId zone) {
    List<String> days = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate day = LocalDate.ofInstant(from, zone);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      days.add(day.toString());
    }
    return days;
  }
}
