package io.shiftproof.ledger.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.SourceBatch;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of the bundle format that the builder writes and the verifier recomputes, written by
 * one piece of code so that the two cannot drift apart.
 */
final class BundleJson {
  static final String FORMAT = "shiftproof-evidence/1";
  static final String ATTESTATION_TYPE = "embedded-ledger-entry";
  static final String ANCHOR_FUNCTION = "AnchorBatch";

  private static final Comparator<SourceBatch> LINEAGE_ORDER =
      Comparator.comparing(SourceBatch::getPlatform).thenComparing(SourceBatch::getBatchId);

  private BundleJson() {}

  /** The union of the records' source batches, sorted by platform then batch id. */
  static List<SourceBatch> lineage(Collection<DayRecord> records) {
    TreeSet<SourceBatch> union = new TreeSet<>(LINEAGE_ORDER);
    records.forEach(r -> union.addAll(r.getSourceBatches()));
    return new ArrayList<>(union);
  }

  static void writeLineage(JsonGenerator json, List<SourceBatch> lineage) throws IOException {
    json.writeStartArray();
    for (SourceBatch batch : lineage) {
      json.writeStartObject();
      json.writeStringField("platform", batch.getPlatform());
      json.writeStringField("batchId", batch.getBatchId());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

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
   * The local days of the window {@code [from, to]} (both ends included: an incident window is
   * closed) that have no record and are not among {@code daysWithoutRecords}, in order.
   */
  static List<String> uncoveredDays(
      Collection<DayRecord> records,
      Collection<String> daysWithoutRecords,
      Instant from,
      Instant to,
      ZoneId zone) {
    Map<String, DayRecord> byDay = new TreeMap<>();
    records.forEach(r -> byDay.put(r.getDay(), r));
    List<String> missing = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate day = LocalDate.ofInstant(from, zone);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      if (!byDay.containsKey(day.toString()) && !daysWithoutRecords.contains(day.toString())) {
        missing.add(day.toString());
      }
    }
    return missing;
  }
}
