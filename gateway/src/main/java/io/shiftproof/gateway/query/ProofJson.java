package io.shiftproof.gateway.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.records.RecordProof;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.Rfc3339;
import java.io.IOException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The {@code proof} member of a query answer: {@code leafHash}, {@code leafIndex}, {@code
 * treeSize}, {@code inclusionPath} (sibling hashes, leaf end first), {@code root}, and {@code
 * anchor} ({@code batchId, chain, sequence, previousBatchId, from, to, anchoredAt} and {@code
 * ledger}: {@code kind, channel, contract, txId, position}). Hashes are lower-case hex. Null for a
 * record that is not anchored (the live record of a day that has not settled).
 */
final class ProofJson {
  private ProofJson() {}

  static void write(JsonGenerator json, Optional<RecordProof> proof, ZoneId zone)
      throws IOException {
    if (proof.isEmpty()) {
      json.writeNullField("proof");
      return;
    }
    RecordProof p = proof.get();
    InclusionProof inclusion = p.inclusion();
    json.writeObjectFieldStart("proof");
    json.writeStringField("leafHash", p.leafHash().toHex());
    json.writeNumberField("leafIndex", inclusion.leafIndex());
    json.writeNumberField("treeSize", inclusion.treeSize());
    json.writeArrayFieldStart("inclusionPath");
    for (Hash node : inclusion.path()) {
      json.writeString(node.toHex());
    }
    json.writeEndArray();
    json.writeStringField("root", p.anchor().rootHex());
    json.writeObjectFieldStart("anchor");
    json.writeStringField("batchId", p.anchor().batchId());
    json.writeStringField("chain", p.anchor().chain());
    json.writeNumberField("sequence", p.anchor().sequence());
    json.writeStringField("previousBatchId", p.anchor().previousBatchId().orElse(null));
    json.writeStringField(
        "from", Rfc3339.format(DayRecordCodec.instantOfMicros(p.anchor().fromMicros()), zone));
    json.writeStringField(
        "to", Rfc3339.format(DayRecordCodec.instantOfMicros(p.anchor().toMicros()), zone));
    json.writeStringField("anchoredAt", Rfc3339.format(p.anchor().anchoredAt(), zone));
    json.writeObjectFieldStart("ledger");
    json.writeStringField("kind", p.ledger().kind());
    json.writeStringField("channel", p.ledger().channel());
    json.writeStringField("contract", p.ledger().contract());
    json.writeStringField("txId", p.ledger().txId());
    json.writeNumberField("position", p.ledger().position());
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
  }
}
