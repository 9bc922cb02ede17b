package io.shiftproof.records;

import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sealed versions of one checkpoint as one Merkle batch (docs/design.md §6): each version is a
 * leaf, {@code SHA-256(0x00 ‖ canonical record bytes)}, in the order (workerRef, day, version), so
 * the same versions always give the same root whichever order the job emitted them in.
 */
public final class SealedBatch {
  private static final Comparator<SealedVersion> LEAF_ORDER =
      Comparator.comparing(SealedVersion::workerRef)
          .thenComparing(SealedVersion::day)
          .thenComparingInt(SealedVersion::version);

  private final List<SealedVersion> leaves;
  private final MerkleTree tree;
  private final long fromMicros;
  private final long toMicros;

  private SealedBatch(List<SealedVersion> leaves, MerkleTree tree) {
    this.leaves = leaves;
    this.tree = tree;
    // The event time the records cover: from the start of the earliest local day (in the records'
    // zone, read from one of them) to the latest coveredUntil, which is whole milliseconds.
    SealedVersion earliest =
        leaves.stream().min(Comparator.comparing(SealedVersion::day)).orElseThrow();
    ZoneId zone = ZoneId.of(DayRecordCodec.decode(earliest.record()).getZone());
    this.fromMicros = RecordedEventCodec.epochMicros(earliest.day().atStartOfDay(zone).toInstant());
    long to =
        leaves.stream().mapToLong(SealedVersion::coveredUntilMillis).max().orElseThrow() * 1_000;
    this.toMicros = Math.max(to, fromMicros + 1);
  }

  /**
   * The batch of {@code versions}, which must not be empty (an empty checkpoint anchors nothing).
   */
  public static SealedBatch of(List<SealedVersion> versions) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("versions: got none, want at least one sealed version");
    }
    List<SealedVersion> leaves = new ArrayList<>(versions);
    leaves.sort(LEAF_ORDER);
    return new SealedBatch(
        List.copyOf(leaves),
        MerkleTree.fromLeaves(leaves.stream().map(SealedVersion::record).toList()));
  }

  /** The versions in leaf order: the i-th is leaf i. */
  public List<SealedVersion> leaves() {
    return leaves;
  }

  public String rootHex() {
    return tree.rootHash().toHex();
  }

  public InclusionProof proof(int leafIndex) {
    return tree.inclusionProof(leafIndex);
  }

  /** What to anchor for this batch; its time range is the event time its records cover. */
  public AnchorRequest anchorRequest(String batchId, String chain, Optional<String> previous) {
    return new AnchorRequest(
        batchId, chain, previous, rootHex(), leaves.size(), fromMicros, toMicros);
  }
}
