package io.shiftproof.ledger.contract;

import static io.shiftproof.ledger.contract.ContractArguments.invalid;
import static io.shiftproof.ledger.contract.ContractArguments.quoted;
import static io.shiftproof.ledger.contract.ContractArguments.requireHashHex;
import static io.shiftproof.ledger.contract.ContractArguments.requireId;
import static io.shiftproof.ledger.contract.ContractArguments.requireOptionalId;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

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
        ContractRoles.INSURER,
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
    IncidentReport truncated =
        new IncidentReport(
            report.claimId(),
            report.workerRef(),
            report.incidentAt().truncatedTo(ChronoUnit.MICROS),
            report.cell());
    Claim claim = Claim.reported(truncated, ctx.invokerOrganisation(), timestamp(ctx));
    return store(ctx, claim, ContractKeys.CLAIM_REPORTED);
  }

  /**
   * SUBMIT {@code AttachEvidence}: records the frozen evidence bundle's hash and assigns the claim
   * to the insurers whose accepted policies cover the named platforms at the incident; a named
   * platform without one is a coverage gap. Allowed until the claim is decided, and again after a
   * decision asked for more information.
   */
  public Claim attachEvidence(TransactionContext ctx, EvidenceAttachment attachment) {
    requireRole(ctx, ContractKeys.ATTACH_EVIDENCE, ContractRoles.HUB, ContractRoles.ADMIN);
    requireHashHex("evidenceHash", attachment.evidenceHash());
    for (String platform : attachment.platforms()) {
      requireId("platforms[]", platform);
    }
    Claim claim = existingClaim(ctx, attachment.claimId());
    boolean open =
        claim.status() == ClaimStatus.REPORTED
            || claim.status() == ClaimStatus.EVIDENCE_ATTACHED
            || awaitsInformation(claim);
    if (!open) {
      throw invalidTransition(
          claim, "attach evidence", "REPORTED, EVIDENCE_ATTACHED or DECIDED (NEEDS_INFO)");
    }
    ClaimAssignment assignment = assign(ctx, attachment.platforms(), claim.incidentAt());
    return store(
        ctx,
        claim.withEvidence(attachment.evidenceHash(), assignment, timestamp(ctx)),
        ContractKeys.EVIDENCE_ATTACHED);
  }

  /**
   * SUBMIT {@code DecideClaim}: an assigned insurer's signed decision, citing the attached evidence
   * and the rule set. The signature is checked here and kept with the claim, so the decision is the
   * insurer's own, whoever submitted it; each signed decision counts once.
   */
  public Claim decideClaim(TransactionContext ctx, SignedDecision signed) {
    requireRole(ctx, ContractKeys.DECIDE_CLAIM, ContractRoles.INSURER, ContractRoles.HUB);
    ClaimDecision decision = signed.decision();
    requireHashHex("evidenceHash", decision.evidenceHash());
    requireId("ruleVersion", decision.ruleVersion());
    requireId("decidedBy", decision.decidedBy());
    for (String reason : decision.reasons()) {
      requireText("reasons[]", reason);
    }
    if (ctx.invokerRole().equals(ContractRoles.INSURER)
        && !decision.decidedBy().equals(ctx.invokerOrganisation())) {
      throw new ContractException(
          ContractError.FORBIDDEN,
          "decidedBy: got "
              + quoted(decision.decidedBy())
              + ", want "
              + quoted(ctx.invokerOrganisation())
              + " (an insurer submits only its own decisions)");
    }
    Claim claim = existingClaim(ctx, decision.claimId());
    if (claim.status() != ClaimStatus.EVIDENCE_ATTACHED) {
      throw invalidTransition(claim, "decide", "EVIDENCE_ATTACHED");
    }
    if (!claim.assignment().insurers().contains(decision.decidedBy())) {
      throw new ContractException(
          ContractError.FORBIDDEN,
          "decidedBy: got "
              + quoted(decision.decidedBy())
              + ", want one of the insurers assigned to claim "
              + quoted(claim.claimId())
              + " "
              + claim.assignment().insurers());
    }
    String attached = claim.evidenceHash().orElseThrow();
    if (!attached.equals(decision.evidenceHash())) {
      // A decision on evidence other than what is attached could not be checked by anyone.
      throw invalid(
          "evidenceHash",
          decision.evidenceHash(),
          attached + " (the evidence attached to claim " + quoted(claim.claimId()) + ")");
    }
    DecisionSignatures.verify(signed);
    String used = ContractKeys.decision(sha256Hex(decision.canonicalBytes()));
    if (ctx.state().get(used).isPresent()) {
      throw new ContractException(
          ContractError.DECISION_REPLAYED,
          "signature: this signed decision on claim "
              + quoted(claim.claimId())
              + " was submitted before; sign a new decision (with a new signedAt)");
    }
    ctx.state().put(used, ContractJson.bytes(ContractJson.stringsToJson(List.of(ctx.txId()))));
    return store(ctx, claim.withDecision(signed, timestamp(ctx)), ContractKeys.CLAIM_DECIDED);
  }

  /** SUBMIT {@code MarkPaid}: the payment of an approved claim by the insurer that approved it. */
  public Claim markPaid(TransactionContext ctx, ClaimPayment payment) {
    requireRole(ctx, ContractKeys.MARK_PAID, ContractRoles.INSURER);
    requireId("paymentRef", payment.paymentRef());
    if (payment.amountFen() < 0) {
      throw invalid("amountFen", Long.toString(payment.amountFen()), ">= 0");
    }
    Claim claim = existingClaim(ctx, payment.claimId());
    if (claim.status() != ClaimStatus.DECIDED
        || claim.decision().orElseThrow() != Decision.APPROVED) {
      throw invalidTransition(claim, "mark it paid", "DECIDED (APPROVED)");
    }
    if (!claim.decidedBy().orElseThrow().equals(ctx.invokerOrganisation())) {
      throw new ContractException(
          ContractError.FORBIDDEN,
          "invoker: got "
              + quoted(ctx.invokerOrganisation())
              + ", want "
              + quoted(claim.decidedBy().orElseThrow())
              + " (the insurer that approved claim "
              + quoted(claim.claimId())
              + " pays it)");
    }
    return store(ctx, claim.withPayment(payment, timestamp(ctx)), ContractKeys.CLAIM_PAID);
  }

  /**
   * SUBMIT {@code RegisterPolicy}: an insurer offers cover to a platform. It covers nothing until
   * the platform accepts it.
   */
  public Policy registerPolicy(TransactionContext ctx, PolicyTerms terms) {
    requireRole(ctx, ContractKeys.REGISTER_POLICY, ContractRoles.INSURER);
    requireId("policyId", terms.policyId());
    requireId("platform", terms.platform());
    if (!terms.insurer().equals(ctx.invokerOrganisation())) {
      throw new ContractException(
          ContractError.FORBIDDEN,
          "insurer: got "
              + quoted(terms.insurer())
              + ", want "
              + quoted(ctx.invokerOrganisation())
              + " (an insurer registers only its own policies)");
    }
    if (!terms.validFrom().isBefore(terms.validTo())) {
      throw invalid(
          "validTo", terms.validTo().toString(), "after validFrom (" + terms.validFrom() + ")");
    }
    if (terms.premiumPerOrderFen() < 0) {
      throw invalid("premiumPerOrderFen", Long.toString(terms.premiumPerOrderFen()), ">= 0");
    }
    if (ctx.state().get(ContractKeys.policy(terms.policyId())).isPresent()) {
      throw new ContractException(
          ContractError.POLICY_EXISTS,
          "policyId " + quoted(terms.policyId()) + ": already registered; use a new policy id");
    }
    PolicyTerms stored =
        new PolicyTerms(
            terms.policyId(),
            terms.insurer(),
            terms.platform(),
            terms.validFrom().truncatedTo(ChronoUnit.MICROS),
            terms.validTo().truncatedTo(ChronoUnit.MICROS),
            terms.premiumPerOrderFen());
    Policy policy =
        new Policy(
            stored, PolicyStatus.REGISTERED, Optional.empty(), timestamp(ctx), Optional.empty());
    List<String> ids = new ArrayList<>(policyIds(ctx, terms.platform()));
    ids.add(terms.policyId());
    ctx.state()
        .put(
            ContractKeys.platformPolicies(terms.platform()),
            ContractJson.bytes(ContractJson.stringsToJson(ids)));
    return storePolicy(ctx, policy, ContractKeys.POLICY_REGISTERED);
  }

  /** SUBMIT {@code AcceptPolicy}: the covered platform, or the operator, accepts a policy. */
  public Policy acceptPolicy(TransactionContext ctx, String policyId) {
    requireRole(ctx, ContractKeys.ACCEPT_POLICY, ContractRoles.PLATFORM, ContractRoles.ADMIN);
    Policy policy =
        getPolicy(ctx, policyId)
            .orElseThrow(
                () ->
                    new ContractException(
                        ContractError.POLICY_NOT_FOUND,
                        "policyId " + quoted(policyId) + ": no such policy; register it first"));
    if (ctx.invokerRole().equals(ContractRoles.PLATFORM)
        && !policy.terms().platform().equals(ctx.invokerOrganisation())) {
      throw new ContractException(
          ContractError.FORBIDDEN,
          "policy "
              + quoted(policyId)
              + " covers "
              + quoted(policy.terms().platform())
              + ", not "
              + quoted(ctx.invokerOrganisation())
              + "; only the covered platform or an admin accepts it");
    }
    if (policy.status() != PolicyStatus.REGISTERED) {
      throw new ContractException(
          ContractError.INVALID_TRANSITION,
          "policy " + quoted(policyId) + ": got status " + policy.status() + ", want REGISTERED");
    }
    return storePolicy(
        ctx,
        policy.accepted(ctx.invokerOrganisation(), timestamp(ctx)),
        ContractKeys.POLICY_ACCEPTED);
  }

  /** EVALUATE {@code GetPolicy}. */
  public Optional<Policy> getPolicy(TransactionContext ctx, String policyId) {
    return ctx.state()
        .get(ContractKeys.policy(policyId))
        .map(v -> ContractJson.policyFromJson(ContractJson.string(v)));
  }

  /** EVALUATE {@code GetPlatformPolicies}: every policy registered for a platform. */
  public List<Policy> getPlatformPolicies(TransactionContext ctx, String platform) {
    return policyIds(ctx, platform).stream().map(id -> getPolicy(ctx, id).orElseThrow()).toList();
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

  private ClaimAssignment assign(TransactionContext ctx, List<String> platforms, Instant at) {
    SortedSet<String> named = new TreeSet<>(platforms);
    SortedSet<String> insurers = new TreeSet<>();
    List<String> gaps = new ArrayList<>();
    for (String platform : named) {
      List<String> covering =
          getPlatformPolicies(ctx, platform).stream()
              .filter(p -> p.inForceAt(at))
              .map(p -> p.terms().insurer())
              .toList();
      if (covering.isEmpty()) {
        gaps.add(platform);
      }
      insurers.addAll(covering);
    }
    return new ClaimAssignment(List.copyOf(named), List.copyOf(insurers), gaps);
  }

  private static List<String> policyIds(TransactionContext ctx, String platform) {
    return ctx.state()
        .get(ContractKeys.platformPolicies(platform))
        .map(v -> ContractJson.stringsFromJson(ContractJson.string(v)))
        .orElse(List.of());
  }

  private static Policy storePolicy(TransactionContext ctx, Policy policy, String event) {
    byte[] json = ContractJson.bytes(ContractJson.policyToJson(policy));
    ctx.state().put(ContractKeys.policy(policy.terms().policyId()), json);
    ctx.emit(event, json);
    return policy;
  }

  private static void requireText(String field, String value) {
    if (value.isBlank() || value.length() > 1000) {
      throw invalid(field, quoted(value), "1 to 1000 characters, not blank");
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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
