package io.shiftproof.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.ClaimStatus;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.EvidenceAttachment;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.contract.Policy;
import io.shiftproof.ledger.contract.PolicyStatus;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.decision.TestInsurers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ledger} implementation must do, whichever ledger runs the contract: extend it
 * with a factory for the ledger under test. Each test gets a ledger with empty state whose invoker
 * may run every transaction (the {@code admin} role).
 */
public abstract class LedgerContractSuite {
  protected static final String CHAIN = "shiftproof-working-time/suite";
  protected static final String ROOT_A = "0a".repeat(32);
  protected static final String ROOT_B = "0b".repeat(32);
  protected static final String EVIDENCE = "ee".repeat(32);
  protected static final Instant INCIDENT = Instant.parse("2026-11-28T07:30:00Z");
  private static final String POLICY = "insurer-meituan";

  protected Ledger ledger;

  /** A ledger under test with empty state, acting as an {@code admin}. */
  protected abstract Ledger newLedger() throws Exception;

  /**
   * An insurer organisation the ledger under test can act for through {@link Ledger#onBehalfOf}.
   * Fabric knows only the organisations of its network, so its suite names one of them.
   */
  protected String insurerOrganisation() {
    return "picc";
  }

  /**
   * A platform organisation the ledger under test can act for, or empty when it has none (a Fabric
   * network whose platforms are not members): policies are then accepted by the admin.
   */
  protected Optional<String> platformOrganisation() {
    return Optional.of("meituan");
  }

  @BeforeEach
  void openLedger() throws Exception {
    ledger = newLedger();
  }

  @AfterEach
  void closeLedger() {
    ledger.close();
  }

  protected static AnchorRequest anchorRequest(String batchId, Optional<String> previous) {
    return new AnchorRequest(batchId, CHAIN, previous, ROOT_A, 2, 1_000, 2_000);
  }

  protected static LedgerException ledgerRefusal(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(LedgerException.class);
    return (LedgerException) thrown;
  }

  @Test
  void anchoredBatchesFormAChainReadableByIdAndHead() {
    Committed<Anchor> first = ledger.anchorBatch(anchorRequest("b1", Optional.empty()));
    Committed<Anchor> second = ledger.anchorBatch(anchorRequest("b2", Optional.of("b1")));

    assertThat(first.value().sequence()).isEqualTo(1);
    assertThat(second.value().sequence()).isEqualTo(2);
    assertThat(second.value().previousBatchId()).contains("b1");
    assertThat(second.ref().txId()).isEqualTo(second.value().txId());
    assertThat(second.ref().position()).isGreaterThan(first.ref().position());
    assertThat(second.ref().kind()).isEqualTo(ledger.kind());
    assertThat(ledger.anchor("b1")).contains(first.value());
    assertThat(ledger.head(CHAIN)).contains(second.value());
    assertThat(ledger.anchor("missing")).isEmpty();
    assertThat(ledger.head("no-such-chain")).isEmpty();
  }

  @Test
  void reAnchoringABatchReturnsTheSameAnchorAndRef() {
    Committed<Anchor> original = ledger.anchorBatch(anchorRequest("b1", Optional.empty()));
    ledger.anchorBatch(anchorRequest("b2", Optional.of("b1")));

    Committed<Anchor> again = ledger.anchorBatch(anchorRequest("b1", Optional.empty()));

    assertThat(again).isEqualTo(original);
    assertThat(ledger.head(CHAIN).map(Anchor::batchId)).contains("b2");
  }

  @Test
  void conflictingReAnchorIsRefusedAndNotRetriable() {
    ledger.anchorBatch(anchorRequest("b1", Optional.empty()));

    LedgerException e =
        ledgerRefusal(
            () ->
                ledger.anchorBatch(
                    new AnchorRequest("b1", CHAIN, Optional.empty(), ROOT_B, 2, 1_000, 2_000)));

    assertThat(e.code()).isEqualTo("ANCHOR_CONFLICT");
    assertThat(e.retriable()).isFalse();
    assertThat(ledger.anchor("b1").map(Anchor::rootHex)).contains(ROOT_A);
  }

  @Test
  void previousAnchorMismatchIsRefusedAndNotRetriable() {
    ledger.anchorBatch(anchorRequest("b1", Optional.empty()));
    ledger.anchorBatch(anchorRequest("b2", Optional.of("b1")));

    LedgerException skip =
        ledgerRefusal(() -> ledger.anchorBatch(anchorRequest("b3", Optional.of("b1"))));
    LedgerException fork =
        ledgerRefusal(() -> ledger.anchorBatch(anchorRequest("b3", Optional.empty())));

    assertThat(skip.code()).isEqualTo("PREVIOUS_ANCHOR_MISMATCH");
    assertThat(skip.getMessage()).contains("\"b1\"").contains("\"b2\"");
    assertThat(skip.retriable()).isFalse();
    assertThat(fork.code()).isEqualTo("PREVIOUS_ANCHOR_MISMATCH");
    assertThat(ledger.anchor("b3")).isEmpty();
  }

  @Test
  void malformedAnchorIsRefusedWithInvalidArgument() {
    LedgerException e =
        ledgerRefusal(
            () ->
                ledger.anchorBatch(
                    new AnchorRequest("b1", CHAIN, Optional.empty(), "XYZ", 2, 1_000, 2_000)));

    assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
    assertThat(e.getMessage()).contains("rootHex: got \"XYZ\", want 64 lower-case hex digits");
    assertThat(e.retriable()).isFalse();
  }

  private PolicyTerms insurerCoversMeituan() {
    return new PolicyTerms(
        POLICY,
        insurerOrganisation(),
        "meituan",
        INCIDENT.minusSeconds(3600),
        INCIDENT.plusSeconds(3600),
        7);
  }

  private Ledger insurer() {
    return ledger.onBehalfOf(insurerOrganisation(), "insurer");
  }

  /** The platform's ledger when the ledger under test has one, else the admin's. */
  private Ledger platformOrAdmin() {
    return platformOrganisation().map(p -> ledger.onBehalfOf(p, "platform")).orElse(ledger);
  }

  private SignedDecision signed(Decision decision, String evidence) {
    return TestInsurers.insurer(insurerOrganisation())
        .sign(
            new ClaimDecision(
                "claim-1",
                decision,
                evidence,
                "cn-pilot-2022",
                List.of("engaged on meituan at t"),
                insurerOrganisation(),
                INCIDENT));
  }

  private SignedDecision approval(String evidence) {
    return signed(Decision.APPROVED, evidence);
  }

  @Test
  void policiesAreRegisteredByTheInsurerAndAcceptedByThePlatform() {
    Committed<Policy> registered = insurer().registerPolicy(insurerCoversMeituan());
    Committed<Policy> accepted = platformOrAdmin().acceptPolicy(POLICY);

    assertThat(registered.value().status()).isEqualTo(PolicyStatus.REGISTERED);
    assertThat(accepted.value().status()).isEqualTo(PolicyStatus.ACCEPTED);
    platformOrganisation()
        .ifPresent(platform -> assertThat(accepted.value().acceptedBy()).contains(platform));
    assertThat(ledger.policy(POLICY)).contains(accepted.value());
    assertThat(ledger.policies()).containsExactly(accepted.value());
    assertThat(
            ledgerRefusal(
                    () ->
                        ledger
                            .onBehalfOf("didi", "platform")
                            .registerPolicy(insurerCoversMeituan()))
                .code())
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void claimGoesFromReportedToPaidWithOneTransactionPerStep() {
    insurer().registerPolicy(insurerCoversMeituan());
    ledger.acceptPolicy(POLICY);
    Committed<Claim> reported =
        ledger.reportIncident(
            new IncidentReport("claim-1", "w-ref", INCIDENT, Optional.of("cell-42")));
    Committed<Claim> attached =
        ledger.attachEvidence(new EvidenceAttachment("claim-1", EVIDENCE, List.of("meituan")));
    Committed<Claim> decided = insurer().decideClaim(approval(EVIDENCE));
    Committed<Claim> paid = insurer().markPaid(new ClaimPayment("claim-1", "pay-7", 50_000));

    assertThat(reported.value().status()).isEqualTo(ClaimStatus.REPORTED);
    assertThat(attached.value().status()).isEqualTo(ClaimStatus.EVIDENCE_ATTACHED);
    assertThat(attached.value().assignment().insurers()).containsExactly(insurerOrganisation());
    assertThat(decided.value().decision()).contains(Decision.APPROVED);
    assertThat(decided.value().signedDecision()).contains(approval(EVIDENCE));
    assertThat(paid.value().status()).isEqualTo(ClaimStatus.PAID);
    assertThat(paid.value().paymentRef()).contains("pay-7");
    assertThat(paid.value().paidAmountFen()).contains(50_000L);
    assertThat(Stream.of(reported, attached, decided, paid).map(c -> c.ref().txId()).distinct())
        .hasSize(4);
    assertThat(ledger.claim("claim-1")).contains(paid.value());
    assertThat(ledger.claimHistory("claim-1")).containsExactly(reported, attached, decided, paid);
    assertThat(ledger.claimHistory("claim-")).isEmpty();
  }

  @Test
  void claimTransitionsOutOfOrderAreRefused() {
    ledger.reportIncident(new IncidentReport("claim-1", "w-ref", INCIDENT, Optional.empty()));

    LedgerException early = ledgerRefusal(() -> insurer().decideClaim(approval(EVIDENCE)));
    LedgerException unpaid =
        ledgerRefusal(() -> insurer().markPaid(new ClaimPayment("claim-1", "pay-7", 1)));

    assertThat(early.code()).isEqualTo("INVALID_TRANSITION");
    assertThat(early.retriable()).isFalse();
    assertThat(unpaid.code()).isEqualTo("INVALID_TRANSITION");
    assertThat(ledger.claim("claim-1").map(Claim::status)).contains(ClaimStatus.REPORTED);
  }

  @Test
  void aReplayedDecisionSignatureIsRefused() {
    insurer().registerPolicy(insurerCoversMeituan());
    ledger.acceptPolicy(POLICY);
    ledger.reportIncident(new IncidentReport("claim-1", "w-ref", INCIDENT, Optional.empty()));
    ledger.attachEvidence(new EvidenceAttachment("claim-1", EVIDENCE, List.of("meituan")));
    SignedDecision needsInfo = signed(Decision.NEEDS_INFO, EVIDENCE);
    insurer().decideClaim(needsInfo);
    ledger.attachEvidence(new EvidenceAttachment("claim-1", EVIDENCE, List.of("meituan")));

    assertThat(ledgerRefusal(() -> insurer().decideClaim(needsInfo)).code())
        .isEqualTo("DECISION_REPLAYED");
  }

  @Test
  void duplicateAndUnknownClaimsAreRefused() {
    IncidentReport report = new IncidentReport("claim-1", "w-ref", INCIDENT, Optional.empty());
    ledger.reportIncident(report);

    assertThat(ledgerRefusal(() -> ledger.reportIncident(report)).code()).isEqualTo("CLAIM_EXISTS");
    assertThat(
            ledgerRefusal(
                    () ->
                        ledger.attachEvidence(
                            new EvidenceAttachment("claim-2", EVIDENCE, List.of())))
                .code())
        .isEqualTo("CLAIM_NOT_FOUND");
    assertThat(ledger.claim("claim-2")).isEmpty();
  }

  @Test
  void accessIsLoggedInItsOwnTransaction() {
    AccessRecord read =
        new AccessRecord(insurerOrganisation(), "w-ref", "claim-1", "day-records/2026-11-28");

    Committed<AccessLogEntry> logged = ledger.logAccess(read);

    assertThat(logged.value().access()).isEqualTo(read);
    assertThat(logged.value().txId()).isEqualTo(logged.ref().txId());
  }
}
