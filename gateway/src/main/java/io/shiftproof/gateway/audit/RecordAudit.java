package io.shiftproof.gateway.audit;

import io.shiftproof.ledger.ChainVerification;
import io.shiftproof.ledger.LedgerReader;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionPaths;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.merkle.VerificationResult;
import io.shiftproof.records.StoredBatch;
import io.shiftproof.records.StoredBatches;
import io.shiftproof.records.StoredLeaf;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Re-hashes every stored, sealed day-record version and checks it against the ledger's anchor of
 * its batch, so a record changed in PostgreSQL after it was anchored is named, as are missing
 * records, anchors the ledger does not hold, gaps in a chain and versions stored unanchored.
 *
 * <p>The roots come from the ledger, never from the hub's own copy: an attacker with write access
 * to PostgreSQL could change both a record and the stored root. Batches are read one at a time, so
 * memory stays bounded by the largest batch. Blocking.
 */
public final class RecordAudit implements Auditor {
  private static final int MAX_FINDINGS = 1_000;

  private final DataSource dataSource;
  private final LedgerReader ledger;
  private final Verifier hubKey;

  /**
   * @param hubKey the key of the hub's certificate, which the ledger's own history must verify with
   *     where the ledger keeps one the hub can check
   */
  public RecordAudit(DataSource dataSource, LedgerReader ledger, Verifier hubKey) {
    this.dataSource = dataSource;
    this.ledger = ledger;
    this.hubKey = hubKey;
  }

  /**
   * @throws SQLException if the hub's database cannot be read
   */
  @Override
  public AuditReport run() throws SQLException {
    long started = System.nanoTime();
    Findings findings = new Findings();
    long ledgerEntries = 0;
    // Empty for a ledger that checks its own history (Fabric validates its blocks).
    Optional<ChainVerification> verified = ledger.verifyChain(hubKey);
    if (verified.isPresent()) {
      ChainVerification chain = verified.get();
      ledgerEntries = chain.entriesChecked();
      chain
          .brokenAt()
          .ifPresent(
              at ->
                  findings.add(
                      new AuditFinding(
                          "LEDGER_ENTRY_BROKEN",
                          Optional.empty(),
                          Optional.empty(),
                          "entry " + at + ": " + chain.reason().orElseThrow())));
    }
    long batches = 0;
    long records = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      Map<String, StoredBatch> lastOfChain = new HashMap<>();
      for (StoredBatch batch : StoredBatches.all(c)) {
        batches++;
        checkChain(batch, lastOfChain.put(batch.chain(), batch), findings);
        Optional<Anchor> anchored = ledger.anchor(batch.batchId());
        if (anchored.isEmpty()) {
          findings.add(
              batchFinding(
                  "ANCHOR_MISSING", batch, "the ledger holds no anchor for this batch id"));
          continue;
        }
        Anchor anchor = anchored.get();
        if (!anchor.rootHex().equals(batch.root().toHex())
            || anchor.treeSize() != batch.treeSize()) {
          findings.add(
              batchFinding(
                  "ANCHOR_MISMATCH",
                  batch,
                  "stored root "
                      + batch.root().toHex()
                      + " size "
                      + batch.treeSize()
                      + ", ledger root "
                      + anchor.rootHex()
                      + " size "
                      + anchor.treeSize()));
        }
        records += checkLeaves(c, batch, anchor, findings);
      }
      records += checkUnanchored(c, findings);
    }
    return new AuditReport(
        batches,
        records,
        ledgerEntries,
        findings.listed,
        findings.omitted,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Batches of a chain must follow each other: sequence n+1 names batch n as its previous. */
  private static void checkChain(StoredBatch batch, StoredBatch before, Findings findings) {
    long expectedSequence = before == null ? 1 : before.sequence() + 1;
    Optional<String> expectedPrevious =
        before == null ? Optional.empty() : Optional.of(before.batchId());
    if (batch.sequence() != expectedSequence || !batch.previous().equals(expectedPrevious)) {
      findings.add(
          batchFinding(
              "CHAIN_GAP",
              batch,
              "sequence "
                  + batch.sequence()
                  + " names previous "
                  + batch.previous().orElse("(none)")
                  + "; want sequence "
                  + expectedSequence
                  + " after "
                  + expectedPrevious.orElse("(none)")));
    }
  }

  private static long checkLeaves(Connection c, StoredBatch batch, Anchor anchor, Findings findings)
      throws SQLException {
    Hash root = Hash.fromHex(anchor.rootHex());
    long count =
        StoredBatches.forEachLeaf(
            c,
            batch.batchId(),
            leaf -> {
              VerificationResult result = verifyLeaf(leaf, anchor.treeSize(), root);
              if (!result.isVerified()) {
                findings.add(
                    new AuditFinding(
                        "RECORD_CHANGED",
                        Optional.of(batch.batchId()),
                        Optional.of(leaf.version().toString()),
                        "the stored record does not hash into the anchored root: "
                            + result.failure().orElse("")));
              }
            });
    if (count != anchor.treeSize()) {
      findings.add(
          batchFinding(
              "RECORD_MISSING",
              batch,
              "the anchored tree has " + anchor.treeSize() + " leaves, the hub stores " + count));
    }
    return count;
  }

  private static VerificationResult verifyLeaf(StoredLeaf leaf, long treeSize, Hash root) {
    try {
      InclusionProof proof =
          new InclusionProof(
              leaf.leafIndex(), treeSize, InclusionPaths.decode(leaf.inclusionPath()));
      return MerkleVerifier.verifyInclusion(TreeHasher.leafHash(leaf.record()), proof, root);
    } catch (IllegalArgumentException malformed) {
      return VerificationResult.failed("stored proof is malformed: " + malformed.getMessage());
    }
  }

  private static long checkUnanchored(Connection c, Findings findings) throws SQLException {
    return StoredBatches.forEachUnanchored(
        c,
        version ->
            findings.add(
                new AuditFinding(
                    "UNANCHORED_VERSION",
                    Optional.empty(),
                    Optional.of(version.toString()),
                    "sealed version stored without an anchor; nothing proves it unchanged")));
  }

  private static AuditFinding batchFinding(String code, StoredBatch batch, String detail) {
    return new AuditFinding(code, Optional.of(batch.batchId()), Optional.empty(), detail);
  }

  /** The findings listed in the report, and how many more there were. */
  private static final class Findings {
    final List<AuditFinding> listed = new ArrayList<>();
    long omitted;

    void add(AuditFinding finding) {
      if (listed.size() < MAX_FINDINGS) {
        listed.add(finding);
      } else {
        omitted++;
      }
    }
  }
}
