package io.shiftproof.gateway.audit;

import io.shiftproof.ledger.ChainVerification;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerReader;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.contract.ContractKeys;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Re-hashes every stored, sealed day-record version and checks it against the ledger's anchor of
 * its batch, so a record changed in PostgreSQL after it was anchored is named, as are missing
 * records, batches the ledger anchored that the hub no longer stores, anchors the ledger does not
 * hold, gaps in a chain and versions stored unanchored.
 *
 * <p>What the ledger says is read from its signed entries, each checked against the hub's key and
 * the hash chain ({@link LedgerReader#verifyChain}), never from the world state or the hub's own
 * copies alone: someone with write access to PostgreSQL could change a record together with its
 * path, the stored root and {@code ledger_state}, or delete the newest batches, and only the signed
 * entries still say what was anchored. The world state is compared with the entries too. A
 * previously kept {@link SignedLedgerHead} reveals a log whose tail was cut or rewritten, which the
 * entries alone cannot (docs/design.md §6.6).
 *
 * <p>Batches are read one at a time, so memory stays bounded by the largest batch and the anchors
 * of the log. Blocking.
 */
public final class RecordAudit implements Auditor {
  /**
   * How long a batch may stay anchored but not yet stored before it counts as missing: the job
   * anchors first and stores the batch in a transaction of its own right after, again after a
   * restart.
   */
  public static final Duration IN_FLIGHT = Duration.ofMinutes(2);

  private static final int MAX_FINDINGS = 1_000;

  private final DataSource dataSource;
  private final LedgerReader ledger;
  private final Verifier hubKey;
  private final Duration inFlight;
  private final Clock clock;

  /**
   * @param hubKey the key of the hub's certificate, which the ledger's own history must verify with
   *     where the ledger keeps one the hub can check
   */
  public RecordAudit(DataSource dataSource, LedgerReader ledger, Verifier hubKey) {
    this(dataSource, ledger, hubKey, IN_FLIGHT, Clock.systemUTC());
  }

  /**
   * @param inFlight how long an anchored batch may go unstored before it is reported missing
   */
  public RecordAudit(
      DataSource dataSource, LedgerReader ledger, Verifier hubKey, Duration inFlight, Clock clock) {
    this.dataSource = dataSource;
    this.ledger = ledger;
    this.hubKey = hubKey;
    this.inFlight = inFlight;
    this.clock = clock;
  }

  /**
   * @throws SQLException if the hub's database cannot be read
   */
  @Override
  public AuditReport run(Optional<SignedLedgerHead> keptHead) throws SQLException {
    long started = System.nanoTime();
    Instant anchoredBefore = clock.instant().minus(inFlight);
    Findings findings = new Findings();
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      // Read before the log: a batch is anchored before it is stored, so every batch listed here
      // is in the log read next, and one in the log but not here is either in flight or deleted.
      List<StoredBatch> stored = StoredBatches.all(c);
      SignedLog log = readLog(keptHead, findings);
      long records = 0;
      Map<String, StoredBatch> lastOfChain = new HashMap<>();
      Set<String> storedIds = new HashSet<>();
      for (StoredBatch batch : stored) {
        storedIds.add(batch.batchId());
        checkChain(batch, lastOfChain.put(batch.chain(), batch), findings);
        Optional<Anchor> anchored = log.anchor(batch.batchId());
        if (anchored.isEmpty()) {
          findings.add(
              batchFinding(
                  "ANCHOR_MISSING",
                  batch,
                  "no verified ledger entry anchors this batch id"
                      + (log.verification.map(ChainVerification::ok).orElse(true)
                          ? ""
                          : " before the log's break")));
          continue;
        }
        Anchor anchor = anchored.get();
        checkStoredCopy(batch, anchor, log.entryOf.getOrDefault(batch.batchId(), 0L), findings);
        checkState(batch.batchId(), anchor, findings);
        records += checkLeaves(c, batch, anchor, findings);
      }
      checkMissingBatches(log, storedIds, anchoredBefore, findings);
      checkChainHeads(log, findings);
      records += checkUnanchored(c, findings);
      return new AuditReport(
          stored.size(),
          records,
          log.entries,
          findings.listed,
          findings.omitted,
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /**
   * Walks the signed log once: reports a broken entry, collects the anchors its entries record, and
   * compares the kept head with the entry at its sequence.
   */
  private SignedLog readLog(Optional<SignedLedgerHead> keptHead, Findings findings) {
    SignedLog log = new SignedLog();
    Optional<SignedLedgerHead> usableHead = keptHead.filter(head -> keptHeadValid(head, findings));
    // Empty for a ledger that checks its own history (Fabric validates its blocks).
    log.verification =
        ledger.verifyChain(
            hubKey,
            (entry, hash) -> {
              log.lastSequence = entry.sequence();
              if (usableHead.isPresent() && usableHead.get().sequence() == entry.sequence()) {
                log.hashAtKeptSequence = Optional.of(hash);
              }
              if (ContractKeys.ANCHOR_BATCH.equals(entry.function())) {
                log.add(entry, ContractJson.anchorFromJson(entry.payloadJson()));
              }
            });
    if (log.verification.isEmpty()) {
      // The ledger checks its own history: its state is all the hub can read.
      log.fromState = true;
      return log;
    }
    ChainVerification chain = log.verification.get();
    log.entries = chain.entriesChecked();
    chain
        .brokenAt()
        .ifPresent(
            at ->
                findings.add(
                    ledgerFinding(
                        "LEDGER_ENTRY_BROKEN",
                        "entry " + at + ": " + chain.reason().orElseThrow())));
    usableHead.ifPresent(head -> compareKeptHead(head, log, chain, findings));
    return log;
  }

  private boolean keptHeadValid(SignedLedgerHead head, Findings findings) {
    if (head.verifiedBy(hubKey)) {
      return true;
    }
    findings.add(
        ledgerFinding(
            "KEPT_HEAD_INVALID",
            "the kept head of entry "
                + head.sequence()
                + " is not signed by the hub's key; it proves nothing about the log"));
    return false;
  }

  /** The log must still hold the kept head's entry, with the same hash. */
  private static void compareKeptHead(
      SignedLedgerHead head, SignedLog log, ChainVerification chain, Findings findings) {
    if (head.sequence() == 0) {
      if (!head.hash().equals(LedgerEntry.GENESIS)) {
        findings.add(ledgerFinding("LEDGER_TAIL_REWRITTEN", "the kept empty head has a hash"));
      }
      return;
    }
    if (log.hashAtKeptSequence.isPresent()) {
      Hash now = log.hashAtKeptSequence.get();
      if (!now.equals(head.hash())) {
        findings.add(
            ledgerFinding(
                "LEDGER_TAIL_REWRITTEN",
                "entry "
                    + head.sequence()
                    + " hashes to "
                    + now.toHex()
                    + ", the kept head says "
                    + head.hash().toHex()
                    + ": the log was rewritten from there or before"));
      }
    } else if (chain.ok()) {
      findings.add(
          ledgerFinding(
              "LEDGER_TAIL_CUT",
              "the log ends at entry "
                  + log.lastSequence
                  + ", the kept head names entry "
                  + head.sequence()
                  + ": entries after "
                  + log.lastSequence
                  + " were removed"));
    }
    // A log broken before the kept sequence is reported as LEDGER_ENTRY_BROKEN already.
  }

  /** The hub's copy of an anchor must say what the ledger's signed entry says. */
  private static void checkStoredCopy(
      StoredBatch batch, Anchor anchor, long entrySequence, Findings findings) {
    // Where the hub says the ledger committed the batch: evidence fetches the entry from there.
    if (!batch.ledgerTxId().equals(anchor.txId())
        || (entrySequence > 0 && batch.ledgerPosition() != entrySequence)) {
      findings.add(
          batchFinding(
              "ANCHOR_MISMATCH",
              batch,
              "stored ledger transaction "
                  + batch.ledgerTxId()
                  + " at "
                  + batch.ledgerPosition()
                  + ", the signed entry "
                  + anchor.txId()
                  + " at "
                  + entrySequence));
    }
    if (!anchor.rootHex().equals(batch.root().toHex())
        || anchor.treeSize() != batch.treeSize()
        || !anchor.chain().equals(batch.chain())
        || anchor.sequence() != batch.sequence()
        || !anchor.previousBatchId().equals(batch.previous())) {
      findings.add(
          batchFinding(
              "ANCHOR_MISMATCH",
              batch,
              "stored root "
                  + batch.root().toHex()
                  + " size "
                  + batch.treeSize()
                  + " at "
                  + batch.chain()
                  + "#"
                  + batch.sequence()
                  + ", ledger entry root "
                  + anchor.rootHex()
                  + " size "
                  + anchor.treeSize()
                  + " at "
                  + anchor.chain()
                  + "#"
                  + anchor.sequence()));
    }
  }

  /** The world state the contract reads must agree with the entry that wrote it. */
  private void checkState(String batchId, Anchor signed, Findings findings) {
    Optional<Anchor> state = ledger.anchor(batchId);
    if (!state.equals(Optional.of(signed))) {
      findings.add(
          new AuditFinding(
              "LEDGER_STATE_MISMATCH",
              Optional.of(batchId),
              Optional.empty(),
              "ledger_state holds "
                  + state
                      .map(a -> "root " + a.rootHex() + " size " + a.treeSize())
                      .orElse("no anchor")
                  + ", the signed entry root "
                  + signed.rootHex()
                  + " size "
                  + signed.treeSize()));
    }
  }

  /**
   * Every batch the signed log anchored must be stored, unless it was anchored too recently to have
   * been stored yet: deleting the newest batches shows here.
   */
  private void checkMissingBatches(
      SignedLog log, Set<String> storedIds, Instant anchoredBefore, Findings findings) {
    for (Anchor anchor : log.anchors.values()) {
      if (storedIds.contains(anchor.batchId()) || !anchor.anchoredAt().isBefore(anchoredBefore)) {
        continue;
      }
      boolean newest = log.heads.get(anchor.chain()).sequence() == anchor.sequence();
      findings.add(
          new AuditFinding(
              "BATCH_MISSING",
              Optional.of(anchor.batchId()),
              Optional.empty(),
              "the ledger anchored batch "
                  + anchor.chain()
                  + "#"
                  + anchor.sequence()
                  + " ("
                  + anchor.treeSize()
                  + " records) at entry "
                  + log.entryOf.get(anchor.batchId())
                  + ", the hub does not store it"
                  + (newest ? "; it is the chain's newest batch" : "")));
    }
  }

  /** Each chain's head in the world state must be the newest anchor of its signed entries. */
  private void checkChainHeads(SignedLog log, Findings findings) {
    for (Anchor signedHead : log.heads.values()) {
      Optional<Anchor> state = ledger.head(signedHead.chain());
      boolean agrees =
          state.isPresent()
              && (state.get().equals(signedHead)
                  // Anchored after the walk: newer than anything it saw.
                  || (state.get().sequence() > signedHead.sequence()
                      && !log.anchors.containsKey(state.get().batchId())));
      if (!agrees) {
        findings.add(
            ledgerFinding(
                "LEDGER_STATE_MISMATCH",
                "ledger_state names "
                    + state.map(a -> a.batchId() + " (#" + a.sequence() + ")").orElse("no batch")
                    + " as the head of chain "
                    + signedHead.chain()
                    + ", the signed entries "
                    + signedHead.batchId()
                    + " (#"
                    + signedHead.sequence()
                    + ")"));
      }
    }
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

  private static AuditFinding ledgerFinding(String code, String detail) {
    return new AuditFinding(code, Optional.empty(), Optional.empty(), detail);
  }

  /**
   * What the verified entries of the log say: the anchor each AnchorBatch entry recorded, the
   * newest of each chain, and what the kept head is compared with.
   */
  private final class SignedLog {
    final Map<String, Anchor> anchors = new HashMap<>();
    final Map<String, Long> entryOf = new HashMap<>();
    final Map<String, Anchor> heads = new HashMap<>();
    Optional<ChainVerification> verification = Optional.empty();
    Optional<Hash> hashAtKeptSequence = Optional.empty();
    long lastSequence;
    long entries;
    boolean fromState;

    void add(LedgerEntry entry, Anchor anchor) {
      anchors.put(anchor.batchId(), anchor);
      entryOf.put(anchor.batchId(), entry.sequence());
      heads.merge(anchor.chain(), anchor, (a, b) -> a.sequence() >= b.sequence() ? a : b);
    }

    /** The signed anchor of a batch; the world state's only for a ledger without a signed log. */
    Optional<Anchor> anchor(String batchId) {
      return fromState ? ledger.anchor(batchId) : Optional.ofNullable(anchors.get(batchId));
    }
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
