package io.shiftproof.gateway.claims;

import io.shiftproof.gateway.access.ReadPurpose;
import io.shiftproof.gateway.access.WorkerDataAccess;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.evidence.EvidenceBundles;
import io.shiftproof.gateway.evidence.EvidenceHandler;
import io.shiftproof.gateway.evidence.EvidenceQuery;
import io.shiftproof.gateway.tokens.WorkerTokens;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.ClaimStatus;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.EvidenceAttachment;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.contract.Policy;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.evidence.EvidenceRequest;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.DayEvidence;
import io.shiftproof.records.EvidenceReader;
import io.shiftproof.schemas.wire.Rfc3339;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The claims workflow of docs/design.md §7.4 over the ledger contract: a report opens the claim on
 * the ledger and freezes its evidence at once (the bundle stored by its hash, the hash attached on
 * the ledger, which assigns the claim by the policies in force); assigned insurers decide with
 * their own signature, refused on stale evidence; the approving insurer pays. Every transition is
 * one ledger transaction, run as the caller; the hub's index of claims follows each one.
 */
public final class ClaimService implements ClaimDesk {
  private final Ledger ledger;
  private final ClaimStore store;
  private final EvidenceBundles evidence;
  private final EvidenceReader records;
  private final WorkerDataAccess access;
  private final WorkerTokens tokens;
  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param ledger the hub's ledger; transactions for a caller run {@link Ledger#onBehalfOf} it
   * @param evidence builds and signs the bundles that are frozen
   * @param records the sealed versions, to tell whether frozen evidence went stale
   * @param access the access log, which records every read of a claim and its evidence
   * @param tokens issues the worker's token on the claim receipt
   * @param zone the hub's working-time zone, which decides a claim's window days
   */
  public ClaimService(
      Ledger ledger,
      ClaimStore store,
      EvidenceBundles evidence,
      EvidenceReader records,
      WorkerDataAccess access,
      WorkerTokens tokens,
      ZoneId zone,
      Clock clock) {
    this.tokens = tokens;
    this.ledger = ledger;
    this.store = store;
    this.evidence = evidence;
    this.records = records;
    this.access = access;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public JsonObject policies(OrganisationIdentity caller) {
    JsonArray policies = new JsonArray();
    for (Policy policy : ledger.policies()) {
      policies.add(ClaimJson.policy(policy, zone));
    }
    return new JsonObject().put("policies", policies);
  }

  @Override
  public JsonObject registerPolicy(OrganisationIdentity caller, PolicyTerms terms) {
    Committed<Policy> registered = LedgerRefusals.submit(() -> as(caller).registerPolicy(terms));
    return ClaimJson.policy(registered.value(), zone)
        .put("ledger", ClaimJson.ledgerRef(registered.ref()));
  }

  @Override
  public JsonObject acceptPolicy(OrganisationIdentity caller, String policyId) {
    Committed<Policy> accepted = LedgerRefusals.submit(() -> as(caller).acceptPolicy(policyId));
    return ClaimJson.policy(accepted.value(), zone)
        .put("ledger", ClaimJson.ledgerRef(accepted.ref()));
  }

  @Override
  public JsonObject report(OrganisationIdentity caller, ClaimReport report) {
    String claimId = claimId(caller.organisation(), report.reference());
    byte[] requestHash = requestHash(report);
    ClaimStore.StoredReport stored =
        store.recordReport(
            new ClaimStore.StoredReport(
                caller.organisation(),
                report.reference(),
                claimId,
                report.workerRef(),
                report.category(),
                requestHash),
            clock.instant());
    if (!Arrays.equals(stored.requestHash(), requestHash)) {
      throw HttpErrorCode.REFERENCE_REUSED.exception(
          "reference: got \""
              + report.reference()
              + "\", already used for claim "
              + claimId
              + " with other content; use a new reference for a new report");
    }
    Claim claim = ledger.claim(claimId).orElseGet(() -> open(caller, claimId, report));
    Optional<String> token = Optional.empty();
    if (claim.status() == ClaimStatus.REPORTED) {
      // Indexed before the freeze, so a report whose freeze fails is still listed as REPORTED;
      // a resend after such a failure (evidence not sealed in time) completes the report.
      index(claim);
      claim = freeze(claim, caller.organisation());
      // The receipt's token goes with the answer that completes the report, shown this once; a
      // platform issues the worker another one with POST /v1/worker-tokens.
      token =
          Optional.of(
              tokens.issue(report.workerRef(), caller.organisation(), Optional.of(claimId)));
    }
    index(claim);
    JsonObject view = view(claim);
    logRead(caller, claim, "claim " + claim.claimId());
    return view.put(
        "receipt",
        new JsonObject()
            .put("claimId", claim.claimId())
            .put("workerToken", token.orElse(null))
            .put(
                "note",
                token.isPresent()
                    ? "give this token to the worker: it opens their own days, claims, evidence"
                        + " and access log (Authorization: Bearer), and is shown only this once"
                    : "the worker's token was issued with the answer that completed this report"));
  }

  @Override
  public JsonObject claims(OrganisationIdentity caller, int limit) {
    List<ClaimIndexRow> rows =
        caller.role() == Role.ADMIN
            ? store.allClaims(limit)
            : store.claimsVisibleTo(caller.organisation(), limit);
    JsonArray claims = new JsonArray();
    for (ClaimIndexRow row : rows) {
      claims.add(ClaimJson.summary(row, zone));
    }
    return new JsonObject().put("claims", claims);
  }

  @Override
  public JsonObject claim(OrganisationIdentity caller, String claimId) {
    Claim claim = visible(caller, claimId);
    JsonObject view = view(claim);
    logRead(caller, claim, "claim " + claimId);
    return view;
  }

  @Override
  public JsonObject refreeze(OrganisationIdentity caller, String claimId) {
    Claim claim = visible(caller, claimId);
    boolean mayAsk =
        caller.role() == Role.ADMIN
            || claim.reportedBy().equals(caller.organisation())
            || claim.assignment().insurers().contains(caller.organisation());
    if (!mayAsk) {
      throw HttpErrorCode.NOT_ASSIGNED.exception(
          "claim "
              + claimId
              + ": only its reporter, an assigned insurer or an admin may freeze new evidence");
    }
    boolean open =
        claim.status() == ClaimStatus.REPORTED
            || claim.status() == ClaimStatus.EVIDENCE_ATTACHED
            || (claim.status() == ClaimStatus.DECIDED
                && claim.decision().orElseThrow() == Decision.NEEDS_INFO);
    if (!open) {
      throw HttpErrorCode.INVALID_TRANSITION.exception(
          "claim "
              + claimId
              + ": got status "
              + claim.status()
              + claim.decision().map(d -> " (" + d + ")").orElse("")
              + ", want REPORTED, EVIDENCE_ATTACHED or DECIDED (NEEDS_INFO) to freeze evidence");
    }
    Claim frozen = freeze(claim, caller.organisation());
    index(frozen);
    return view(frozen);
  }

  @Override
  public byte[] evidence(
      OrganisationIdentity caller, String claimId, Optional<String> evidenceHash) {
    Claim claim = visible(caller, claimId);
    String hash =
        evidenceHash.isPresent()
            ? frozenFor(claim, evidenceHash.get())
            : claim
                .evidenceHash()
                .orElseThrow(
                    () ->
                        HttpErrorCode.EVIDENCE_NOT_SEALED.exception(
                            "claim " + claimId + ": no evidence is frozen yet; ask again shortly"));
    byte[] bundle =
        store
            .bundle(hash)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "claim " + claimId + " cites evidence " + hash + " the hub does not hold"));
    access.logRead(
        caller,
        ReadPurpose.forClaim(claimId),
        claim.workerRef(),
        "evidence of claim " + claimId,
        EvidenceHandler.versions(bundle));
    return bundle;
  }

  @Override
  public JsonObject decide(OrganisationIdentity caller, DecisionRequest request) {
    Claim claim = visible(caller, request.claimId());
    if (!claim.assignment().insurers().contains(caller.organisation())) {
      throw HttpErrorCode.NOT_ASSIGNED.exception(
          "claim "
              + claim.claimId()
              + " is assigned to "
              + claim.assignment().insurers()
              + ", not to "
              + caller.organisation());
    }
    if (claim.evidenceHash().filter(request.evidenceHash()::equals).isPresent()) {
      JsonObject bundle = frozenBundle(claim.evidenceHash().orElseThrow());
      String ruleSet = bundle.getJsonObject("coverage").getString("ruleSet");
      if (!ruleSet.equals(request.ruleVersion())) {
        throw HttpErrorCode.INVALID_DECISION.exception(
            "ruleVersion: got \""
                + request.ruleVersion()
                + "\", want \""
                + ruleSet
                + "\" (the rule set of the evidence decided on)");
      }
      refuseStale(claim, bundle);
    }
    SignedDecision signed =
        new SignedDecision(
            new ClaimDecision(
                claim.claimId(),
                request.decision(),
                request.evidenceHash(),
                request.ruleVersion(),
                request.reasons(),
                caller.organisation(),
                request.signedAt()),
            request.signature(),
            request.signerCertificate());
    Claim decided = LedgerRefusals.submit(() -> as(caller).decideClaim(signed)).value();
    index(decided);
    return view(decided);
  }

  @Override
  public JsonObject pay(OrganisationIdentity caller, ClaimPayment payment) {
    visible(caller, payment.claimId());
    Claim paid = LedgerRefusals.submit(() -> as(caller).markPaid(payment)).value();
    index(paid);
    return view(paid);
  }

  @Override
  public JsonObject workerClaims(String workerRef) {
    JsonArray claims = new JsonArray();
    for (ClaimIndexRow row : store.claimsOfWorker(workerRef)) {
      claims.add(ClaimJson.summary(row, zone));
    }
    return new JsonObject().put("claims", claims);
  }

  @Override
  public JsonObject workerClaim(String workerRef, String claimId) {
    return view(ownClaim(workerRef, claimId));
  }

  @Override
  public byte[] workerEvidence(String workerRef, String claimId) {
    Claim claim = ownClaim(workerRef, claimId);
    String hash =
        claim
            .evidenceHash()
            .orElseThrow(
                () ->
                    HttpErrorCode.EVIDENCE_NOT_SEALED.exception(
                        "claim " + claimId + ": no evidence is frozen yet; ask again shortly"));
    return store.bundle(hash).orElseThrow();
  }

  /** A claim of this worker; another worker's claim is answered as no claim at all. */
  private Claim ownClaim(String workerRef, String claimId) {
    return ledger
        .claim(claimId)
        .filter(c -> c.workerRef().equals(workerRef))
        .orElseThrow(
            () ->
                HttpErrorCode.CLAIM_NOT_FOUND.exception(
                    "claimId: got \"" + claimId + "\", want one of your own claims"));
  }

  /** The claim id a reporter's reference stands for: the same reference, the same claim. */
  static String claimId(String reporter, String reference) {
    byte[] digest = sha256((reporter + "\0" + reference).getBytes(StandardCharsets.UTF_8));
    return "clm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
  }

  private Claim open(OrganisationIdentity caller, String claimId, ClaimReport report) {
    try {
      return as(caller)
          .reportIncident(
              new IncidentReport(claimId, report.workerRef(), report.incidentAt(), report.cell()))
          .value();
    } catch (LedgerException e) {
      if (e.code().equals("CLAIM_EXISTS")) {
        return ledger.claim(claimId).orElseThrow(); // a concurrent resend opened it first
      }
      throw LedgerRefusals.toApi(e);
    }
  }

  /** Builds, stores and attaches the claim's evidence as it stands now. */
  private Claim freeze(Claim claim, String requestedBy) {
    byte[] bundle =
        evidence.bundle(new EvidenceQuery(claim.workerRef(), claim.incidentAt(), requestedBy));
    String hash = HexFormat.of().formatHex(sha256(bundle));
    Instant now = clock.instant();
    store.storeBundle(hash, bundle, now);
    JsonObject json = new JsonObject(Buffer.buffer(bundle));
    List<String> platforms = DecisionSupport.platformsToAssign(json);
    Claim attached =
        LedgerRefusals.submit(
                () ->
                    ledger.attachEvidence(new EvidenceAttachment(claim.claimId(), hash, platforms)))
            .value();
    JsonObject support = DecisionSupport.of(json, attached.assignment());
    List<ClaimStore.Freeze> earlier = store.freezes(claim.claimId());
    if (!earlier.isEmpty()) {
      ClaimStore.Freeze atReport = earlier.get(0);
      support =
          DecisionSupport.comparedWithReport(
              support,
              atReport.evidenceHash(),
              new JsonObject(atReport.decisionSupport()),
              changesSince(atReport.evidenceHash(), json));
    }
    store.recordFreeze(new ClaimStore.Freeze(claim.claimId(), hash, now, support.encode()));
    return attached;
  }

  /** {@code hash} when it names a bundle frozen for the claim, so no other bundle is served. */
  private String frozenFor(Claim claim, String hash) {
    boolean frozen =
        store.freezes(claim.claimId()).stream().anyMatch(f -> f.evidenceHash().equals(hash));
    if (!frozen) {
      throw HttpErrorCode.EVIDENCE_NOT_FOUND.exception(
          "hash: got "
              + hash
              + ", which is no evidence frozen for claim "
              + claim.claimId()
              + "; its freezes are listed under evidenceAtReport and evidenceHash of the claim");
    }
    return hash;
  }

  /** Refuses a decision when a newer sealed version of a day in the evidence exists. */
  private void refuseStale(Claim claim, JsonObject bundle) {
    for (Object item : bundle.getJsonArray("records")) {
      JsonObject record = (JsonObject) item;
      LocalDate day = LocalDate.parse(record.getString("day"));
      long frozen = record.getLong("version");
      if (records.day(claim.workerRef(), day) instanceof DayEvidence.Sealed latest
          && latest.record().getVersion() > frozen) {
        throw HttpErrorCode.STALE_EVIDENCE.exception(
            "evidenceHash: the evidence of claim "
                + claim.claimId()
                + " holds version "
                + frozen
                + " of "
                + day
                + ", and version "
                + latest.record().getVersion()
                + " has been sealed since; freeze new evidence (POST /v1/claims/"
                + claim.claimId()
                + "/evidence) and decide on it");
      }
    }
  }

  /** The claim if the caller may see it; otherwise the same answer as for no claim at all. */
  private Claim visible(OrganisationIdentity caller, String claimId) {
    Optional<Claim> claim = ledger.claim(claimId).filter(c -> sees(caller, c));
    return claim.orElseThrow(
        () ->
            HttpErrorCode.CLAIM_NOT_FOUND.exception(
                "claimId: got \"" + claimId + "\", want a claim you reported or are assigned"));
  }

  private static boolean sees(OrganisationIdentity caller, Claim claim) {
    String org = caller.organisation();
    return switch (caller.role()) {
      case ADMIN -> true;
      case INSURER -> claim.reportedBy().equals(org) || claim.assignment().insurers().contains(org);
      case PLATFORM ->
          claim.reportedBy().equals(org) || claim.assignment().platforms().contains(org);
      default -> false;
    };
  }

  private JsonObject view(Claim claim) {
    Optional<JsonObject> support =
        claim
            .evidenceHash()
            .flatMap(hash -> store.freeze(claim.claimId(), hash))
            .map(freeze -> new JsonObject(freeze.decisionSupport()));
    Optional<ClaimStore.StoredReport> report = store.reportOf(claim.claimId());
    List<ClaimStore.Freeze> freezes = store.freezes(claim.claimId());
    JsonObject json =
        ClaimJson.claim(claim, support, report, zone)
            .put("evidenceAtReport", freezes.isEmpty() ? null : atReport(freezes.get(0)))
            .put("changedAfterReport", changes(claim, freezes));
    JsonArray history = new JsonArray();
    for (Committed<Claim> step : ledger.claimHistory(claim.claimId())) {
      history.add(ClaimJson.historyStep(step, zone));
    }
    return json.put("history", history);
  }

  /**
   * The source batches each platform sent after the report that the claim's current evidence holds
   * and its first freeze did not: what changed since the report, and from whom.
   */
  private JsonArray changes(Claim claim, List<ClaimStore.Freeze> freezes) {
    if (freezes.size() < 2 || claim.evidenceHash().isEmpty()) {
      return new JsonArray();
    }
    return changesSince(freezes.get(0).evidenceHash(), frozenBundle(claim.evidenceHash().get()));
  }

  /** What was known at the report: the first frozen evidence and what it supported. */
  private JsonObject atReport(ClaimStore.Freeze first) {
    JsonObject support = new JsonObject(first.decisionSupport());
    return new JsonObject()
        .put("evidenceHash", first.evidenceHash())
        .put("frozenAt", Rfc3339.format(first.frozenAt(), zone))
        .put("outcome", support.getString("outcome"))
        .put("liablePlatforms", support.getJsonArray("liablePlatforms"));
  }

  /**
   * Per platform whose events behind some day of the window differ between the bundle frozen as
   * {@code firstHash} and {@code current} (the records' lineage, {@code sources}): the days, and
   * how many of its events the window's records were computed from then and now.
   */
  private JsonArray changesSince(String firstHash, JsonObject current) {
    Map<String, WindowSources> before = WindowSources.of(frozenBundle(firstHash));
    Map<String, WindowSources> now = WindowSources.of(current);
    JsonArray changes = new JsonArray();
    SortedSet<String> platforms = new TreeSet<>(now.keySet());
    platforms.addAll(before.keySet());
    for (String platform : platforms) {
      WindowSources after = now.getOrDefault(platform, WindowSources.NONE);
      WindowSources then = before.getOrDefault(platform, WindowSources.NONE);
      SortedSet<String> days = after.daysDifferingFrom(then);
      if (!days.isEmpty()) {
        changes.add(
            new JsonObject()
                .put("platform", platform)
                .put("days", new JsonArray(List.copyOf(days)))
                .put("eventsAtReport", then.eventCount())
                .put("eventsNow", after.eventCount()));
      }
    }
    return changes;
  }

  /** Records the caller's read of a claim, which holds the worker's coverage at the incident. */
  private void logRead(OrganisationIdentity caller, Claim claim, String resource) {
    access.logRead(
        caller,
        ReadPurpose.forClaim(claim.claimId()),
        claim.workerRef(),
        resource,
        claim.evidenceHash().map(h -> "evidence " + h).orElse("none"));
  }

  private void index(Claim claim) {
    EvidenceRequest window = new EvidenceRequest(claim.workerRef(), claim.incidentAt(), zone);
    store.index(
        new ClaimIndexRow(
            claim.claimId(),
            claim.workerRef(),
            claim.incidentAt(),
            window.windowFrom().atZone(zone).toLocalDate(),
            window.windowTo().atZone(zone).toLocalDate(),
            claim.reportedBy(),
            claim.status().name(),
            claim.decision().map(Decision::name),
            claim.assignment().platforms(),
            claim.assignment().insurers(),
            claim.evidenceHash(),
            claim.updatedAt()));
  }

  private JsonObject frozenBundle(String hash) {
    return new JsonObject(
        Buffer.buffer(
            store
                .bundle(hash)
                .orElseThrow(
                    () -> new IllegalStateException("evidence " + hash + " is not stored"))));
  }

  private Ledger as(OrganisationIdentity caller) {
    return ledger.onBehalfOf(caller.organisation(), caller.role().ou());
  }

  private static byte[] requestHash(ClaimReport report) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("workerRef", report.workerRef());
    fields.put(
        "incidentAtMicros",
        BigInteger.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, report.incidentAt())));
    fields.put("cell", report.cell().orElse(""));
    fields.put("category", report.category().orElse(""));
    return sha256(CanonicalJson.canonical(fields));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
