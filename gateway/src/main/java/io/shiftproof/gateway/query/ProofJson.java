package io.shiftproof.gateway.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.contract.AnchorJson;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.records.RecordProof;
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
    AnchorJson.writeFields(
        json, p.anchor(), new AnchorJson.QueryAnswer(p.ledger(), t -> Rfc3339.format(t, zone)));
    json.writeEndObject();
    json.writeEndObject();
  }
}
