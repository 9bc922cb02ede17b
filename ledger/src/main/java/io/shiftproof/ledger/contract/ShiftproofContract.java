package io.shiftproof.ledger.contract;

import static io.shiftproof.ledger.contract.ContractArguments.invalid;
import static io.shiftproof.ledger.contract.ContractArguments.quoted;
import static io.shiftproof.ledger.contract.ContractArguments.requireHashHex;
import static io.shiftproof.ledger.contract.ContractArguments.requireId;
import static io.shiftproof.ledger.contract.ContractArguments.requireOptionalId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Shiftproof ledger contract (docs/design.md §6-§8): anchoring, claims and the
 * access-transparency log.
 *
 * <p>Pure and deterministic: everything it knows comes from the {@link TransactionContext} and the
 * arguments, so every peer (and the PostgreSQL ledger) computes the same state from the same
 * transaction. It depends only on the JDK and Jackson so that it can be packaged as Fabric
 * chaincode unchanged. SUBMIT transactions write state and emit events; EVALUATE ones only read.
 */
public final class ShiftproofContract {

  /** SUBMIT {@code AnchorBatch}: extends a chain by one batch, or returns it if already there. */
  public Anchor anchorBatch(TransactionContext ctx, AnchorRequest request) {
    requireRole(ctx, ContractKeys.ANCHOR_BATCH, ContractRoles.HUB, ContractRoles.ADMIN);
    checkAnchorRequest(request);

    Optional<Anchor> existing = getAnchor(ctx, request.batchId());
    if (existing.isPresent()) {
      // A writer that crashed after committing retries the same batch: hand back what it wrote.
      if (sameContent(existing.get(), request)) {
        return existing.get();
      }
      throw new ContractException(
          ContractError.ANCHOR_CONFLICT,
          "batchId "
              + quoted(request.batchId())
              + ": already anchored as "
              + describe(existing.get())
              + "; got "
              + describe(request)
              + "; a batch's content never changes, use a new batch id");
    }

    Optional<Anchor> head = getHead(ctx, request.chain());
    Optional<String> headId = head.map(Anchor::batchId);
    if (!headId.equals(request.previousBatchId())) {
      throw new ContractException(
          ContractError.PREVIOUS_ANCHOR_MISMATCH,
          "previousBatchId: got "
              + request.previousBatchId().map(ContractArguments::quoted).orElse("none")
              + ", want "
              + headId.map(ContractArguments::quoted).orElse("none")
              + " (the head of chain "
              + quoted(request.chain())
              + "); re-read the head and anchor after it");
    }

    Anchor anchor =
        new Anchor(
            request.batchId(),
            request.chain(),
            head.map(h -> h.sequence() + 1).orElse(1L),
            request.previousBatchId(),
            request.rootHex(),
            request.treeSize(),
            request.fromMicros(),
            request.toMicros(),
            ctx.txId(),
            timestamp(ctx));
    byte[] json = ContractJson.bytes(ContractJson.anchorToJson(anchor));
    ctx.state().put(ContractKeys.anchor(anchor.batchId()), json);
    ctx.state().put(ContractKeys.head(anchor.chain()), ContractJson.bytes(anchor.batchId()));
    ctx.emit(ContractKeys.ANCHOR_COMMITTED, json);
    return anchor;
  }

  /** EVALUATE {@code GetAnchor}. */
  public Optional<Anchor> getAnchor(TransactionContext ctx, String batchId) {
    return ctx.state()
        .get(ContractKeys.anchor(batchId))
        .map(v -> ContractJson.anchorFromJson(ContractJson.string(v)));
  }

  /** EVALUATE {@code GetHead}: the newest anchor of a chain. */
  public Optional<Anchor> getHead(TransactionContext ctx, String chain) {
    return ctx.state()
        .get(ContractKeys.head(chain))
        .flatMap(batchId -> getAnchor(ctx, ContractJson.string(batchId)));
  }

  /** SUBMIT {@code ReportIncident}: opens a claim in {@link ClaimStatus#REPORTED}. */
  public Claim reportIncident(TransactionContext ctx, IncidentReport report) {
    requireRole(
        ctx,
        ContractKeys.REPORT_INCIDENT,
        ContractRoles.PLATFORM,
        ContractRoles.HUB,
        ContractRoles.ADMIN);
    requireId("claimId", report.claimId());
    requireId("workerRef", report.workerRef());
    requireOptionalId("cell", report.cell());
    if (ctx.state().get(ContractKeys.claim(report.claimId())).isPresent()) {
      throw new ContractException(
          ContractError.CLAIM_EXISTS,
          "claimId " + quoted(report.claimId()) + ": already reported; use a new claim id");
    }
    Instant now = timestamp(ctx);
    Claim claim =
        new Claim(
            report.claimId(),
            report.workerRef(),
            report.incidentAt().truncatedTo(ChronoUnit.MICROS),
            report.cell(),
            ctx.invokerOrganisation(),
            ClaimStatus.REPORTED,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    return store(ctx, claim, ContractKeys.CLAIM_REPORTED);
  }

  /**
   * SUBMIT {@code AttachEvidence}: records the frozen evidence bundle's hash. Allowed until the
   * claim is decided, and again after a decision asked for more information.
   */
  public Claim attachEvidence(TransactionContext ctx, String claimId, String evidenceHash) {
    requireRole(ctx, ContractKeys.ATTACH_EVIDENCE, ContractRoles.HUB, ContractRoles.ADMIN);
    requireHashHex("evidenceHash", evidenceHash);
    Claim claim = existingClaim(ctx, claimId);
    boolean open =
        claim.status() == ClaimStatus.REPORTED
            || claim.status() == ClaimStatus.EVIDENCE_ATTACHED
            || awaitsInformation(claim);
    if (!open) {
      throw invalidTransition(
          claim, "attach evidence", "REPORTED, EVIDENCE_ATTACHED or DECIDED (NEEDS_INFO)");
    }
    return store(
        ctx, claim.withEvidence(evidenceHash, timestamp(ctx)), ContractKeys.EVIDENCE_ATTACHED);
  }

  /** SUBMIT {@code DecideClaim}: the insurer's decision, citing the evidence and the rule set. */
  public Claim decideClaim(TransactionContext ctx, ClaimDecision decision) {
    requireRole(ctx, ContractKeys.DECIDE_CLAIM, ContractRoles.INSURER, ContractRoles.ADMIN);
    requireHashHex("evidenceHash", decision.evidenceHash());
    requireId("ruleVersion", decision.ruleVersion());
    Claim claim = existingClaim(ctx, decision.claimId());
    if (claim.status() != ClaimStatus.EVIDENCE_ATTACHED) {
      throw invalidTransition(claim, "decide", "EVIDENCE_ATTACHED");
    }
    String attached = claim.evidenceHash().orElseThrow();
    if (!attached.equals(decision.evidenceHash())) {
      // A decision on evidence other than what is attached could not be checked by anyone.
      throw invalid(
          "evidenceHash",
          decision.evidenceHash(),
          attached + " (the evidence attached to claim " + quoted(claim.claimId()) + ")");
    }
    Claim decided =
        claim.withDecision(
            decision.decision(), decision.ruleVersion(), ctx.invokerOrganisation(), timestamp(ctx));
    return store(ctx, decided, ContractKeys.CLAIM_DECIDED);
  }

  /** SUBMIT {@code MarkPaid}: records the payment of an approved claim. */
  public Claim markPaid(TransactionContext ctx, String claimId, String paymentRef) {
    requireRole(ctx, ContractKeys.MARK_PAID, ContractRoles.INSURER, ContractRoles.ADMIN);
    requireId("paymentRef", paymentRef);
    Claim claim = existingClaim(ctx, claimId);
    if (claim.status() != ClaimStatus.DECIDED
        || claim.decision().orElseThrow() != Decision.APPROVED) {
      throw invalidTransition(claim, "mark it paid", "DECIDED (APPROVED)");
    }
    return store(ctx, claim.withPayment(paymentRef, timestamp(ctx)), ContractKeys.CLAIM_PAID);
  }

  /** EVALUATE {@code GetClaim}. */
  public Optional<Claim> getClaim(TransactionContext ctx, String claimId) {
    return ctx.state()
        .get(ContractKeys.claim(claimId))
        .map(v -> ContractJson.claimFromJson(ContractJson.string(v)));
  }

  /**
   * SUBMIT {@code LogAccess}: one entry of the access-transparency log. The hub logs reads it
   * served on others' behalf; any other organisation may log only its own reads.
   */
  public AccessLogEntry logAccess(TransactionContext ctx, AccessRecord access) {
    requireRole(ctx, ContractKeys.LOG_ACCESS, ContractRoles.ALL.toArray(String[]::new));
    boolean onBehalf =
        ctx.invokerRole().equals(ContractRoles.HUB)
            || ctx.invokerRole().equals(ContractRoles.ADMIN);
    if (!onBehalf && !access.accessor().equals(ctx.invokerOrganisation())) {
      throw new ContractException(
          ContractError.FORBIDDEN,
          "accessor: got "
              + quoted(access.accessor())
              + ", want "
              + quoted(ctx.invokerOrganisation())
              + " (a "
              + ctx.invokerRole()
              + " logs only its own reads)");
    }
    requireId("accessor", access.accessor());
    requireId("workerRef", access.workerRef());
    requireId("purpose", access.purpose());
    requireId("resource", access.resource());
    AccessLogEntry entry = new AccessLogEntry(access, ctx.txId(), timestamp(ctx));
    byte[] json = ContractJson.bytes(ContractJson.accessToJson(entry));
    ctx.state().put(ContractKeys.access(access.workerRef(), ctx.txId()), json);
    ctx.emit(ContractKeys.ACCESS_LOGGED, json);
    return entry;
  }

  private static Claim store(TransactionContext ctx, Claim claim, String event) {
    byte[] json = ContractJson.bytes(ContractJson.claimToJson(claim));
    ctx.state().put(ContractKeys.claim(claim.claimId()), json);
    ctx.emit(event, json);
    return claim;
  }

  private Claim existingClaim(TransactionContext ctx, String claimId) {
    return getClaim(ctx, claimId)
        .orElseThrow(
            () ->
                new ContractException(
                    ContractError.CLAIM_NOT_FOUND,
                    "claimId " + quoted(claimId) + ": no such claim; report the incident first"));
  }

  private static boolean awaitsInformation(Claim claim) {
    return claim.status() == ClaimStatus.DECIDED
        && claim.decision().orElseThrow() == Decision.NEEDS_INFO;
  }

  private static ContractException invalidTransition(Claim claim, String action, String allowed) {
    String status =
        claim.status()
            + claim
                .decision()
                .filter(d -> claim.status() == ClaimStatus.DECIDED)
                .map(d -> " (" + d + ")")
                .orElse("");
    return new ContractException(
        ContractError.INVALID_TRANSITION,
        "claim "
            + quoted(claim.claimId())
            + ": got status "
            + status
            + ", want "
            + allowed
            + " to "
            + action);
  }

  private static void requireRole(TransactionContext ctx, String transaction, String... roles) {
    List<String> allowed = Arrays.asList(roles);
    if (!allowed.contains(ctx.invokerRole())) {
      throw new ContractException(
          ContractError.FORBIDDEN,
          "invokerRole: got "
              + quoted(ctx.invokerRole())
              + ", want one of "
              + allowed
              + " for "
              + transaction);
    }
  }

  private static void checkAnchorRequest(AnchorRequest request) {
    requireId("batchId", request.batchId());
    requireId("chain", request.chain());
    requireOptionalId("previousBatchId", request.previousBatchId());
    requireHashHex("rootHex", request.rootHex());
    if (request.treeSize() < 1) {
      throw invalid("treeSize", Long.toString(request.treeSize()), ">= 1");
    }
    if (request.fromMicros() >= request.toMicros()) {
      throw invalid(
          "toMicros",
          Long.toString(request.toMicros()),
          "> fromMicros (" + request.fromMicros() + ")");
    }
  }

  private static boolean sameContent(Anchor anchor, AnchorRequest request) {
    return anchor.chain().equals(request.chain())
        && anchor.rootHex().equals(request.rootHex())
        && anchor.treeSize() == request.treeSize()
        && anchor.fromMicros() == request.fromMicros()
        && anchor.toMicros() == request.toMicros();
  }

  private static String describe(Anchor a) {
    return describe(a.chain(), a.rootHex(), a.treeSize(), a.fromMicros(), a.toMicros());
  }

  private static String describe(AnchorRequest r) {
    return describe(r.chain(), r.rootHex(), r.treeSize(), r.fromMicros(), r.toMicros());
  }

  private static String describe(String chain, String root, long size, long from, long to) {
    return "{chain "
        + quoted(chain)
        + ", root "
        + root
        + ", treeSize "
        + size
        + ", ["
        + from
        + ", "
        + to
        + ")}";
  }

  /** The transaction timestamp at the microsecond precision every store of it keeps. */
  private static Instant timestamp(TransactionContext ctx) {
    return ctx.txTimestamp().truncatedTo(ChronoUnit.MICROS);
  }
}
