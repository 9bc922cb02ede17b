package io.shiftproof.gateway.access;

import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.schemas.wire.Rfc3339;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;

/**
 * The access log's JSON: each entry's fields (the leaf's content), its leaf hash, and its proof:
 * {@code batchId}, {@code leafIndex}, {@code treeSize}, {@code inclusionPath} (leaf end first),
 * {@code root} and where the batch was anchored on the ledger; {@code proof: null} while its batch
 * is not anchored yet.
 */
public final class AccessLogJson {
  private AccessLogJson() {}

  public static JsonObject entries(List<AccessLogReader.ProvenEntry> entries, ZoneId zone) {
    JsonArray array = new JsonArray();
    for (AccessLogReader.ProvenEntry entry : entries) {
      array.add(entry(entry, zone));
    }
    return new JsonObject().put("entries", array);
  }

  static JsonObject entry(AccessLogReader.ProvenEntry entry, ZoneId zone) {
    AccessLogLeaf leaf = entry.leaf();
    JsonObject json =
        new JsonObject()
            .put("entryId", leaf.entryId())
            .put("workerRef", leaf.workerRef())
            .put("accessor", leaf.accessor())
            .put("role", leaf.role())
            .put("purpose", leaf.purpose())
            .put("claimId", leaf.claimId().orElse(null))
            .put("resource", leaf.resource())
            .put("versions", leaf.versions())
            .put("accessedAt", Rfc3339.format(leaf.accessedAt(), zone))
            .put("leafHash", leaf.leafHash().toHex());
    if (entry.batch().isEmpty()) {
      return json.putNull("proof");
    }
    AccessLogReader.Batch batch = entry.batch().get();
    JsonArray path = new JsonArray();
    for (Hash h : entry.proof().orElseThrow().path()) {
      path.add(h.toHex());
    }
    return json.put(
        "proof",
        new JsonObject()
            .put("batchId", batch.batchId())
            .put("chain", AccessLogAnchoring.CHAIN)
            .put("leafIndex", entry.proof().orElseThrow().leafIndex())
            .put("treeSize", batch.treeSize())
            .put("inclusionPath", path)
            .put("root", batch.root().toHex())
            .put(
                "ledger",
                new JsonObject()
                    .put("kind", LedgerRef.EMBEDDED)
                    .put("txId", batch.txId())
                    .put("position", batch.position())));
  }
}
