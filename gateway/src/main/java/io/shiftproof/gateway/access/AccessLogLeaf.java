package io.shiftproof.gateway.access;

import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.TreeHasher;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of the access-transparency log as a Merkle leaf (docs/design.md §8.5): the leaf is the
 * RFC 8785 canonical JSON of {@code {accessedAtMicros, accessor, claimId, entryId, purpose,
 * resource, role, versions, workerRef}} ({@code claimId} null when the read was for no claim), and
 * its hash is the RFC 6962 leaf hash, so a worker holding the entry and its inclusion proof checks
 * it against the root anchored on the ledger.
 */
public record AccessLogLeaf(
    long entryId,
    String workerRef,
    String accessor,
    String role,
    String purpose,
    Optional<String> claimId,
    String resource,
    String versions,
    Instant accessedAt) {

  AccessLogLeaf withEntryId(long id) {
    return new AccessLogLeaf(
        id, workerRef, accessor, role, purpose, claimId, resource, versions, accessedAt);
  }

  /** The canonical bytes of the entry. */
  public byte[] canonicalBytes() {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("entryId", BigInteger.valueOf(entryId));
    fields.put("workerRef", workerRef);
    fields.put("accessor", accessor);
    fields.put("role", role);
    fields.put("purpose", purpose);
    fields.put("claimId", claimId.orElse(null));
    fields.put("resource", resource);
    fields.put("versions", versions);
    fields.put(
        "accessedAtMicros",
        BigInteger.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, accessedAt)));
    return CanonicalJson.canonical(fields);
  }

  /** {@code SHA-256(0x00 ‖ canonical bytes)}. */
  public Hash leafHash() {
    return TreeHasher.leafHash(canonicalBytes());
  }
}
