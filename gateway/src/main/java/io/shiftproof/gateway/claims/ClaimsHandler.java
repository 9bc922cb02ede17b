package io.shiftproof.gateway.claims;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.DedicatedWorkers;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.gateway.ingest.EventPublisher;
import io.shiftproof.gateway.query.QueryRequestValidator;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.decision.InsurerSignature;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The claims and policies routes (docs/design.md §7.4). Each request's body and parameters are
 * checked here; the work runs on threads of its own, since reporting a claim may wait for an
 * interim version to be sealed.
 */
public final class ClaimsHandler implements ApiRoutes {
  /** What a report may say happened. */
  public static final Set<String> CATEGORIES =
      Set.of("traffic", "fall", "handling", "assault", "other");

  private static final long REQUEST_LIMIT = 16_384;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final long MAX_FEN = 1_000_000_000_000L;
  private static final Pattern CELL = Pattern.compile("[0-9b-hjkmnp-z]{1,6}");
  private static final Pattern CLAIM_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private static final StoreOutage OUTAGE =
      StoreOutage.of(
          "handle claims",
          RecordStoreException.class,
          LedgerException.class,
          EventPublisher.PublishException.class);

  private static final String REPORT_EXAMPLE =
      "{\"reference\": \"acc-20261128-0001\", \"workerRef\": \"wr_...\", \"incidentAt\":"
          + " \"2026-11-28T14:32:00+08:00\", \"cell\": \"wt3mf\", \"category\": \"traffic\"}";
  private static final String DECISION_EXAMPLE =
      "{\"decision\": \"APPROVED\", \"evidenceHash\": \"<64 hex>\", \"ruleVersion\":"
          + " \"cn-pilot-2022\", \"reasons\": [\"...\"], \"signedAt\": \"<RFC 3339>\","
          + " \"signature\": \"<base64 DER>\"}";
  private static final String PAYMENT_EXAMPLE =
      "{\"paymentRef\": \"pay-001\", \"amountFen\": 150000}";
  private static final String POLICY_EXAMPLE =
      "{\"policyId\": \"picc-p1-2026\", \"platform\": \"platform-1\", \"validFrom\":"
          + " \"2026-01-01T00:00:00+08:00\", \"validTo\": \"2027-01-01T00:00:00+08:00\","
          + " \"premiumPerOrderFen\": 7}";

  private final DedicatedWorkers workers = new DedicatedWorkers("shiftproof-claims", 4, 60);
  private final ClaimDesk desk;

  public ClaimsHandler(ClaimDesk desk) {
    this.desk = desk;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(
            HttpMethod.GET, "/v1/policies", Role.PLATFORM, Role.INSURER, Role.REGULATOR, Role.ADMIN)
        .handler(ctx -> json(ctx, () -> desk.policies(caller(ctx))));
    router
        .route(HttpMethod.POST, "/v1/policies", Role.INSURER)
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::registerPolicy);
    router
        .route(HttpMethod.POST, "/v1/policies/:policyId/accept", Role.PLATFORM, Role.ADMIN)
        .handler(this::acceptPolicy);
    router
        .route(HttpMethod.POST, "/v1/claims", Role.PLATFORM, Role.INSURER)
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::report);
    router
        .route(HttpMethod.GET, "/v1/claims", Role.PLATFORM, Role.INSURER, Role.ADMIN)
        .handler(this::list);
    router
        .route(HttpMethod.GET, "/v1/claims/:claimId", Role.PLATFORM, Role.INSURER, Role.ADMIN)
        .handler(ctx -> json(ctx, () -> desk.claim(caller(ctx), claimId(ctx))));
    router
        .route(
            HttpMethod.POST,
            "/v1/claims/:claimId/evidence",
            Role.PLATFORM,
            Role.INSURER,
            Role.ADMIN)
        .handler(ctx -> json(ctx, () -> desk.refreeze(caller(ctx), claimId(ctx))));
    router
        .route(
            HttpMethod.GET, "/v1/claims/:claimId/evidence", Role.PLATFORM, Role.INSURER, Role.ADMIN)
        .handler(this::evidence);
    router
        .route(HttpMethod.POST, "/v1/claims/:claimId/decision", Role.INSURER)
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::decide);
    router
        .route(HttpMethod.POST, "/v1/claims/:claimId/payment", Role.INSURER)
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::pay);
  }

  private void registerPolicy(RoutingContext ctx) {
    OrganisationIdentity caller = caller(ctx);
    RequestBody body =
        RequestBody.of(
            ctx,
            Set.of("policyId", "platform", "validFrom", "validTo", "premiumPerOrderFen"),
            POLICY_EXAMPLE);
    // The insurer is always the caller: nothing in a body can claim another identity.
    PolicyTerms terms =
        new PolicyTerms(
            body.token("policyId", HttpErrorCode.INVALID_POLICY),
            caller.organisation(),
            body.token("platform", HttpErrorCode.INVALID_POLICY),
            body.instant("validFrom", HttpErrorCode.INVALID_POLICY),
            body.instant("validTo", HttpErrorCode.INVALID_POLICY),
            body.wholeNumber("premiumPerOrderFen", HttpErrorCode.INVALID_POLICY, MAX_FEN));
    if (!terms.validFrom().isBefore(terms.validTo())) {
      throw HttpErrorCode.INVALID_POLICY.exception(
          "validTo: got " + terms.validTo() + ", want after validFrom (" + terms.validFrom() + ")");
    }
    json(ctx, () -> desk.registerPolicy(caller, terms));
  }

  private void acceptPolicy(RoutingContext ctx) {
    String policyId = ctx.pathParam("policyId");
    if (policyId == null || !CLAIM_ID.matcher(policyId).matches()) {
      throw HttpErrorCode.INVALID_POLICY.exception(
          "policyId: got "
              + RequestBody.echo(policyId)
              + ", want 1 to 128 printable ASCII characters without spaces");
    }
    json(ctx, () -> desk.acceptPolicy(caller(ctx), policyId));
  }

  private void report(RoutingContext ctx) {
    RequestBody body =
        RequestBody.of(
            ctx,
            Set.of("reference", "workerRef", "incidentAt", "cell", "category"),
            REPORT_EXAMPLE);
    String reference = body.token("reference", HttpErrorCode.INVALID_REFERENCE);
    String workerRef =
        QueryRequestValidator.workerRef(
            body.optionalString("workerRef", HttpErrorCode.INVALID_WORKER_REF, "wr_...")
                .orElse(null));
    ClaimReport report =
        new ClaimReport(
            reference,
            workerRef,
            body.instant("incidentAt", HttpErrorCode.INVALID_INSTANT),
            cell(body),
            category(body));
    json(ctx, () -> desk.report(caller(ctx), report));
  }

  private void list(RoutingContext ctx) {
    List<String> values = ctx.queryParam("limit");
    int limit = DEFAULT_LIMIT;
    if (!values.isEmpty()) {
      String text = values.get(0);
      if (values.size() > 1
          || text.isEmpty()
          || text.length() > 4
          || !text.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(text) < 1
          || Integer.parseInt(text) > MAX_LIMIT) {
        throw HttpErrorCode.INVALID_LIMIT.exception(
            "limit: got " + RequestBody.echo(text) + ", want one whole number 1 to " + MAX_LIMIT);
      }
      limit = Integer.parseInt(text);
    }
    int chosen = limit;
    json(ctx, () -> desk.claims(caller(ctx), chosen));
  }

  /** The {@code hash} query parameter: one frozen bundle of the claim, by its SHA-256. */
  private static Optional<String> evidenceHash(RoutingContext ctx) {
    List<String> values = ctx.queryParam("hash");
    if (values.isEmpty()) {
      return Optional.empty();
    }
    String text = values.get(0);
    if (values.size() > 1 || !text.matches("[0-9a-f]{64}")) {
      throw HttpErrorCode.INVALID_EVIDENCE_HASH.exception(
          "hash: got "
              + RequestBody.echo(values.size() > 1 ? String.join(",", values) : text)
              + ", want one SHA-256 of a bundle frozen for this claim, 64 lower-case hex digits");
    }
    return Optional.of(text);
  }

  private void evidence(RoutingContext ctx) {
    OrganisationIdentity caller = caller(ctx);
    String claimId = claimId(ctx);
    Optional<String> hash = evidenceHash(ctx);
    JsonAnswers.answer(ctx, workers, OUTAGE, () -> desk.evidence(caller, claimId, hash));
  }

  private void decide(RoutingContext ctx) {
    RequestBody body =
        RequestBody.of(
            ctx,
            Set.of("decision", "evidenceHash", "ruleVersion", "reasons", "signedAt", "signature"),
            DECISION_EXAMPLE);
    String decisionText =
        body.string("decision", HttpErrorCode.INVALID_DECISION, "APPROVED, REJECTED or NEEDS_INFO");
    Decision decision;
    try {
      decision = Decision.valueOf(decisionText);
    } catch (IllegalArgumentException e) {
      throw HttpErrorCode.INVALID_DECISION.exception(
          "decision: got "
              + RequestBody.echo(decisionText)
              + ", want APPROVED, REJECTED or NEEDS_INFO");
    }
    String evidenceHash =
        body.string("evidenceHash", HttpErrorCode.INVALID_DECISION, "64 lower-case hex digits");
    if (!evidenceHash.matches("[0-9a-f]{64}")) {
      throw HttpErrorCode.INVALID_DECISION.exception(
          "evidenceHash: got "
              + RequestBody.echo(evidenceHash)
              + ", want 64 lower-case hex digits (the claim's evidenceHash)");
    }
    DecisionRequest request =
        new DecisionRequest(
            claimId(ctx),
            decision,
            evidenceHash,
            body.token("ruleVersion", HttpErrorCode.INVALID_DECISION),
            body.strings("reasons", HttpErrorCode.INVALID_DECISION, 20, 1000),
            body.instant("signedAt", HttpErrorCode.INVALID_DECISION),
            body.string("signature", HttpErrorCode.SIGNATURE_INVALID, "base64 of a DER signature"),
            InsurerSignature.base64(peerCertificate(ctx)));
    json(ctx, () -> desk.decide(caller(ctx), request));
  }

  private void pay(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx, Set.of("paymentRef", "amountFen"), PAYMENT_EXAMPLE);
    ClaimPayment payment =
        new ClaimPayment(
            claimId(ctx),
            body.token("paymentRef", HttpErrorCode.INVALID_PAYMENT),
            body.wholeNumber("amountFen", HttpErrorCode.INVALID_PAYMENT, MAX_FEN));
    json(ctx, () -> desk.pay(caller(ctx), payment));
  }

  private void json(RoutingContext ctx, Callable<JsonObject> work) {
    JsonAnswers.answer(
        ctx, workers, OUTAGE, () -> work.call().encode().getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> cell(RequestBody body) {
    Optional<String> cell =
        body.optionalString("cell", HttpErrorCode.INVALID_CELL, "a geohash of 1 to 6 characters");
    if (cell.isPresent() && !CELL.matcher(cell.get()).matches()) {
      throw HttpErrorCode.INVALID_CELL.exception(
          "cell: got "
              + RequestBody.echo(cell.get())
              + ", want a geohash of 1 to 6 characters from 0123456789bcdefghjkmnpqrstuvwxyz");
    }
    return cell;
  }

  private static Optional<String> category(RequestBody body) {
    Optional<String> category =
        body.optionalString("category", HttpErrorCode.INVALID_CATEGORY, "one of " + CATEGORIES);
    if (category.isPresent() && !CATEGORIES.contains(category.get())) {
      throw HttpErrorCode.INVALID_CATEGORY.exception(
          "category: got "
              + RequestBody.echo(category.get())
              + ", want one of "
              + CATEGORIES.stream().sorted().toList());
    }
    return category;
  }

  private static String claimId(RoutingContext ctx) {
    String claimId = ctx.pathParam("claimId");
    if (claimId == null || !CLAIM_ID.matcher(claimId).matches()) {
      throw HttpErrorCode.INVALID_CLAIM_ID.exception(
          "claimId: got "
              + RequestBody.echo(claimId)
              + ", want 1 to 128 printable ASCII characters without spaces");
    }
    return claimId;
  }

  private static OrganisationIdentity caller(RoutingContext ctx) {
    return ClientIdentityHandler.identity(ctx);
  }

  private static X509Certificate peerCertificate(RoutingContext ctx) {
    try {
      List<Certificate> chain = ctx.request().connection().peerCertificates();
      if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf) {
        return leaf;
      }
    } catch (SSLPeerUnverifiedException e) {
      // fall through: ClientIdentityHandler already required one, so this does not happen
    }
    throw HttpErrorCode.CERTIFICATE_REQUIRED.exception(
        "a client certificate issued by the hub's CA is required");
  }
}
