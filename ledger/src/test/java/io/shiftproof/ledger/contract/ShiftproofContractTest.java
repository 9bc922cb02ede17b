package io.shiftproof.ledger.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shiftproof.ledger.decision.TestInsurers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShiftproofContractTest {
  private static final String CHAIN = "shiftproof-working-time/job-1";
  private static final String ROOT_A = "a".repeat(64);
  private static final String ROOT_B = "b".repeat(64);
  private static final String EVIDENCE = "e".repeat(64);
  private static final String OTHER_EVIDENCE = "f".repeat(64);
  private static final Instant INCIDENT = Instant.parse("2026-11-28T07:30:00Z");
  private static final PolicyTerms PICC_COVERS_MEITUAN =
      new PolicyTerms(
          "picc-meituan-2026",
          "picc",
          "meituan",
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2027-01-01T00:00:00Z"),
          7);

  private final ContractHarness h = new ContractHarness();

  private static AnchorRequest request(String batchId, Optional<String> previous, String root) {
    return new AnchorRequest(batchId, CHAIN, previous, root, 3, 1_000, 2_000);
  }

  private static AnchorRequest first(String batchId) {
    return request(batchId, Optional.empty(), ROOT_A);
  }

  private static AnchorRequest after(String previous, String batchId) {
    return request(batchId, Optional.of(previous), ROOT_A);
  }

  private static ContractException refused(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ContractException.class);
    return (ContractException) thrown;
  }

  @Nested
  class Anchoring {
    @Test
    void firstBatchOfAChainGetsSequenceOne() {
      Anchor anchor = h.contract.anchorBatch(h.hub(), first("b1"));

      assertThat(anchor.sequence()).isEqualTo(1);
      assertThat(anchor.previousBatchId()).isEmpty();
      assertThat(anchor.txId()).isEqualTo("tx-1");
      assertThat(anchor.anchoredAt()).isEqualTo(Instant.parse("2026-11-28T08:00:01.123456Z"));
      assertThat(h.contract.getHead(h.hub(), CHAIN)).contains(anchor);
      assertThat(h.contract.getAnchor(h.hub(), "b1")).contains(anchor);
    }

    @Test
    void eachBatchExtendsTheChainFromItsHead() {
      h.contract.anchorBatch(h.hub(), first("b1"));
      h.contract.anchorBatch(h.hub(), after("b1", "b2"));
      Anchor third = h.contract.anchorBatch(h.hub(), after("b2", "b3"));

      assertThat(third.sequence()).isEqualTo(3);
      assertThat(third.previousBatchId()).contains("b2");
      assertThat(h.contract.getHead(h.hub(), CHAIN)).contains(third);
    }

    @Test
    void chainsAreIndependent() {
      h.contract.anchorBatch(h.hub(), first("b1"));
      Anchor other =
          h.contract.anchorBatch(
              h.hub(), new AnchorRequest("c1", "other-job", Optional.empty(), ROOT_B, 1, 0, 1));

      assertThat(other.sequence()).isEqualTo(1);
      assertThat(h.contract.getHead(h.hub(), CHAIN).map(Anchor::batchId)).contains("b1");
    }

    @Test
    void reAnchoringTheSameBatchReturnsTheOriginalAndChangesNothing() {
      Anchor original = h.contract.anchorBatch(h.hub(), first("b1"));
      String before = h.state.snapshot();

      Anchor again = h.contract.anchorBatch(h.hub(), first("b1"));

      assertThat(again).isEqualTo(original);
      assertThat(h.state.snapshot()).isEqualTo(before);
      assertThat(h.eventNames()).containsExactly(ContractKeys.ANCHOR_COMMITTED);
    }

    @Test
    void reAnchoringAnOlderBatchAfterTheChainMovedOnIsStillIdempotent() {
      Anchor original = h.contract.anchorBatch(h.hub(), first("b1"));
      h.contract.anchorBatch(h.hub(), after("b1", "b2"));

      assertThat(h.contract.anchorBatch(h.hub(), first("b1"))).isEqualTo(original);
    }

    @Test
    void reAnchoringABatchWithAnotherRootIsAConflict() {
      h.contract.anchorBatch(h.hub(), first("b1"));

      ContractException e =
          refused(() -> h.contract.anchorBatch(h.hub(), request("b1", Optional.empty(), ROOT_B)));

      assertThat(e.error()).isEqualTo(ContractError.ANCHOR_CONFLICT);
      assertThat(e.getMessage()).contains("\"b1\"").contains(ROOT_A).contains(ROOT_B);
    }

    @Test
    void reAnchoringABatchWithAnotherSizeOrRangeIsAConflict() {
      h.contract.anchorBatch(h.hub(), first("b1"));

      for (AnchorRequest changed :
          new AnchorRequest[] {
            new AnchorRequest("b1", CHAIN, Optional.empty(), ROOT_A, 4, 1_000, 2_000),
            new AnchorRequest("b1", CHAIN, Optional.empty(), ROOT_A, 3, 1_001, 2_000),
            new AnchorRequest("b1", CHAIN, Optional.empty(), ROOT_A, 3, 1_000, 2_001),
            new AnchorRequest("b1", "other", Optional.empty(), ROOT_A, 3, 1_000, 2_000)
          }) {
        assertThat(refused(() -> h.contract.anchorBatch(h.hub(), changed)).error())
            .isEqualTo(ContractError.ANCHOR_CONFLICT);
      }
    }

    @Test
    void skippingTheHeadIsRefusedNamingBothBatches() {
      h.contract.anchorBatch(h.hub(), first("b1"));
      h.contract.anchorBatch(h.hub(), after("b1", "b2"));

      ContractException e = refused(() -> h.contract.anchorBatch(h.hub(), after("b1", "b3")));

      assertThat(e.error()).isEqualTo(ContractError.PREVIOUS_ANCHOR_MISMATCH);
      assertThat(e.getMessage())
          .isEqualTo(
              "previousBatchId: got \"b1\", want \"b2\" (the head of chain \""
                  + CHAIN
                  + "\"); re-read the head and anchor after it");
    }

    @Test
    void namingAnUnknownPreviousBatchIsRefused() {
      h.contract.anchorBatch(h.hub(), first("b1"));

      ContractException e = refused(() -> h.contract.anchorBatch(h.hub(), after("b0", "b2")));

      assertThat(e.error()).isEqualTo(ContractError.PREVIOUS_ANCHOR_MISMATCH);
    }

    @Test
    void startingASecondFirstBatchWouldForkTheChainAndIsRefused() {
      h.contract.anchorBatch(h.hub(), first("b1"));

      ContractException e = refused(() -> h.contract.anchorBatch(h.hub(), first("b1-fork")));

      assertThat(e.error()).isEqualTo(ContractError.PREVIOUS_ANCHOR_MISMATCH);
      assertThat(e.getMessage()).startsWith("previousBatchId: got none, want \"b1\"");
    }

    @Test
    void namingAPreviousBatchOnAnEmptyChainIsRefused() {
      ContractException e = refused(() -> h.contract.anchorBatch(h.hub(), after("b0", "b1")));

      assertThat(e.error()).isEqualTo(ContractError.PREVIOUS_ANCHOR_MISMATCH);
      assertThat(e.getMessage()).startsWith("previousBatchId: got \"b0\", want none");
    }

    @Test
    void refusedAnchorsLeaveNoTrace() {
      h.contract.anchorBatch(h.hub(), first("b1"));
      String before = h.state.snapshot();

      refused(() -> h.contract.anchorBatch(h.hub(), first("b1-fork")));
      refused(() -> h.contract.anchorBatch(h.hub(), request("b1", Optional.empty(), ROOT_B)));

      assertThat(h.state.snapshot()).isEqualTo(before);
      assertThat(h.events).hasSize(1);
    }

    @Test
    void anchoringEmitsTheAnchorAsItsEvent() {
      Anchor anchor = h.contract.anchorBatch(h.hub(), first("b1"));

      assertThat(h.events)
          .containsExactly(
              new RecordedEvent(ContractKeys.ANCHOR_COMMITTED, ContractJson.anchorToJson(anchor)));
    }

    @Test
    void anchorIsStoredUnderItsKeyWithThePublishedFieldNames() {
      h.contract.anchorBatch(h.hub(), first("b1"));

      assertThat(ContractJson.string(h.state.get("anchor~b1").orElseThrow()))
          .isEqualTo(
              "{\"batchId\":\"b1\",\"chain\":\""
                  + CHAIN
                  + "\",\"sequence\":1,\"previousBatchId\":null,\"root\":\""
                  + ROOT_A
                  + "\",\"treeSize\":3,\"fromMicros\":1000,\"toMicros\":2000,"
                  + "\"txId\":\"tx-1\",\"anchoredAtMicros\":1795852801123456}");
      assertThat(ContractJson.string(h.state.get("head~" + CHAIN).orElseThrow())).isEqualTo("b1");
    }

    @ParameterizedTest
    @ValueSource(strings = {ContractRoles.HUB, ContractRoles.ADMIN})
    void hubAndAdminMayAnchor(String role) {
      assertThat(h.contract.anchorBatch(h.as("org", role), first("b1")).sequence()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {ContractRoles.PLATFORM, ContractRoles.INSURER, ContractRoles.REGULATOR, "root"})
    void otherRolesMayNotAnchor(String role) {
      ContractException e = refused(() -> h.contract.anchorBatch(h.as("org", role), first("b1")));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
      assertThat(e.getMessage()).startsWith("invokerRole: got \"" + role + "\", want one of");
      assertThat(h.state.size()).isZero();
    }
  }

  @Nested
  class AnchorValidation {
    private void assertInvalid(AnchorRequest request, String message) {
      ContractException e = refused(() -> h.contract.anchorBatch(h.hub(), request));
      assertThat(e.error()).isEqualTo(ContractError.INVALID_ARGUMENT);
      assertThat(e.getMessage()).isEqualTo(message);
      assertThat(h.state.size()).isZero();
    }

    @Test
    void blankBatchIdIsRefused() {
      assertInvalid(
          new AnchorRequest(" ", CHAIN, Optional.empty(), ROOT_A, 1, 0, 1),
          "batchId: got \" \", want 1 to 200 characters, not blank");
    }

    @Test
    void overlongChainIsRefused() {
      assertInvalid(
          new AnchorRequest("b1", "c".repeat(201), Optional.empty(), ROOT_A, 1, 0, 1),
          "chain: got \""
              + "c".repeat(77)
              + "...\" (201 chars), want 1 to 200 characters, not blank");
    }

    @Test
    void batchIdOfExactly200CharactersIsAccepted() {
      String id = "b".repeat(200);
      assertThat(
              h.contract
                  .anchorBatch(
                      h.hub(), new AnchorRequest(id, CHAIN, Optional.empty(), ROOT_A, 1, 0, 1))
                  .batchId())
          .isEqualTo(id);
    }

    @Test
    void upperCaseRootIsRefused() {
      assertInvalid(
          new AnchorRequest("b1", CHAIN, Optional.empty(), "A".repeat(64), 1, 0, 1),
          "rootHex: got \"" + "A".repeat(64) + "\", want 64 lower-case hex digits");
    }

    @Test
    void shortRootIsRefused() {
      assertInvalid(
          new AnchorRequest("b1", CHAIN, Optional.empty(), "ab", 1, 0, 1),
          "rootHex: got \"ab\", want 64 lower-case hex digits");
    }

    @Test
    void emptyTreeIsRefused() {
      assertInvalid(
          new AnchorRequest("b1", CHAIN, Optional.empty(), ROOT_A, 0, 0, 1),
          "treeSize: got 0, want >= 1");
    }

    @Test
    void emptyTimeRangeIsRefused() {
      assertInvalid(
          new AnchorRequest("b1", CHAIN, Optional.empty(), ROOT_A, 1, 5, 5),
          "toMicros: got 5, want > fromMicros (5)");
    }

    @Test
    void blankPreviousBatchIdIsRefused() {
      assertInvalid(
          new AnchorRequest("b1", CHAIN, Optional.of(""), ROOT_A, 1, 0, 1),
          "previousBatchId: got \"\", want 1 to 200 characters, not blank");
    }
  }

  @Nested
  class Claims {
    private static final String CLAIM = "claim-1";
    private int signatures;

    private Claim report() {
      return h.contract.reportIncident(
          h.platform(), new IncidentReport(CLAIM, "w-ref", INCIDENT, Optional.of("cell-42")));
    }

    @BeforeEach
    void picCoversMeituan() {
      h.contract.registerPolicy(h.insurer(), PICC_COVERS_MEITUAN);
      h.contract.acceptPolicy(h.platform(), PICC_COVERS_MEITUAN.policyId());
      h.events.clear();
    }

    private Claim attach(String hash) {
      return h.contract.attachEvidence(
          h.hub(), new EvidenceAttachment(CLAIM, hash, List.of("meituan")));
    }

    private Claim decide(Decision decision) {
      return decide(decision, EVIDENCE);
    }

    private Claim decide(Decision decision, String evidence) {
      return h.contract.decideClaim(h.insurer(), signed(decision, evidence, "picc"));
    }

    private SignedDecision signed(Decision decision, String evidence, String insurer) {
      return TestInsurers.insurer(insurer)
          .sign(
              new ClaimDecision(
                  CLAIM,
                  decision,
                  evidence,
                  "cn-pilot-2022",
                  List.of("engaged at t on meituan"),
                  insurer,
                  INCIDENT.plusSeconds(++signatures)));
    }

    private ClaimPayment payment(String ref) {
      return new ClaimPayment(CLAIM, ref, 120_000);
    }

    private ContractException refusedTransition(ThrowingCallable call) {
      String before = h.state.snapshot();
      int events = h.events.size();
      ContractException e = refused(call);
      assertThat(h.state.snapshot()).isEqualTo(before);
      assertThat(h.events).hasSize(events);
      return e;
    }

    @Test
    void reportingOpensAClaimInReported() {
      Claim claim = report();

      assertThat(claim.status()).isEqualTo(ClaimStatus.REPORTED);
      assertThat(claim.reportedBy()).isEqualTo("meituan");
      assertThat(claim.cell()).contains("cell-42");
      assertThat(claim.incidentAt()).isEqualTo(INCIDENT);
      assertThat(claim.reportedAt()).isEqualTo(claim.updatedAt());
      assertThat(claim.evidenceHash()).isEmpty();
      assertThat(h.contract.getClaim(h.insurer(), CLAIM)).contains(claim);
      assertThat(h.eventNames()).containsExactly(ContractKeys.CLAIM_REPORTED);
    }

    @Test
    void reportingTheSameClaimIdTwiceIsRefused() {
      report();

      ContractException e = refusedTransition(this::report);

      assertThat(e.error()).isEqualTo(ContractError.CLAIM_EXISTS);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          ContractRoles.PLATFORM,
          ContractRoles.INSURER,
          ContractRoles.HUB,
          ContractRoles.ADMIN
        })
    void platformsInsurersHubAndAdminMayReport(String role) {
      assertThat(
              h.contract.reportIncident(
                  h.as("org", role), new IncidentReport(CLAIM, "w", INCIDENT, Optional.empty())))
          .extracting(Claim::status)
          .isEqualTo(ClaimStatus.REPORTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {ContractRoles.REGULATOR})
    void regulatorsMayNotReport(String role) {
      ContractException e =
          refused(
              () ->
                  h.contract.reportIncident(
                      h.as("org", role),
                      new IncidentReport(CLAIM, "w", INCIDENT, Optional.empty())));
      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void reportWithBlankWorkerRefIsRefused() {
      ContractException e =
          refused(
              () ->
                  h.contract.reportIncident(
                      h.platform(), new IncidentReport(CLAIM, "", INCIDENT, Optional.empty())));
      assertThat(e.error()).isEqualTo(ContractError.INVALID_ARGUMENT);
      assertThat(e.getMessage())
          .isEqualTo("workerRef: got \"\", want 1 to 200 characters, not blank");
    }

    @Test
    void attachingEvidenceMovesTheClaimOn() {
      report();

      Claim claim = attach(EVIDENCE);

      assertThat(claim.status()).isEqualTo(ClaimStatus.EVIDENCE_ATTACHED);
      assertThat(claim.evidenceHash()).contains(EVIDENCE);
      assertThat(claim.updatedAt()).isAfter(claim.reportedAt());
      assertThat(h.eventNames())
          .containsExactly(ContractKeys.CLAIM_REPORTED, ContractKeys.EVIDENCE_ATTACHED);
    }

    @Test
    void evidenceMayBeReplacedBeforeTheDecision() {
      report();
      attach(OTHER_EVIDENCE);

      assertThat(attach(EVIDENCE).evidenceHash()).contains(EVIDENCE);
    }

    @Test
    void evidenceForAnUnknownClaimIsRefused() {
      ContractException e = refusedTransition(() -> attach(EVIDENCE));

      assertThat(e.error()).isEqualTo(ContractError.CLAIM_NOT_FOUND);
      assertThat(e.getMessage()).contains("\"claim-1\"");
    }

    @Test
    void malformedEvidenceHashIsRefused() {
      report();

      ContractException e = refusedTransition(() -> attach("E".repeat(64)));

      assertThat(e.error()).isEqualTo(ContractError.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith("evidenceHash: got");
    }

    @Test
    void platformsMayNotAttachEvidence() {
      report();

      ContractException e =
          refusedTransition(
              () ->
                  h.contract.attachEvidence(
                      h.platform(), new EvidenceAttachment(CLAIM, EVIDENCE, List.of())));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPROVED", "REJECTED", "NEEDS_INFO"})
    void insurerDecidesCitingTheEvidenceAndRuleVersion(Decision decision) {
      report();
      attach(EVIDENCE);

      Claim claim = decide(decision);

      assertThat(claim.status()).isEqualTo(ClaimStatus.DECIDED);
      assertThat(claim.decision()).contains(decision);
      assertThat(claim.ruleVersion()).contains("cn-pilot-2022");
      assertThat(claim.decidedBy()).contains("picc");
      assertThat(h.eventNames()).endsWith(ContractKeys.CLAIM_DECIDED);
    }

    @Test
    void decidingWithoutEvidenceIsAnInvalidTransition() {
      report();

      ContractException e = refusedTransition(() -> decide(Decision.APPROVED));

      assertThat(e.error()).isEqualTo(ContractError.INVALID_TRANSITION);
      assertThat(e.getMessage())
          .isEqualTo("claim \"claim-1\": got status REPORTED, want EVIDENCE_ATTACHED to decide");
    }

    @Test
    void decidingOnOtherEvidenceThanAttachedIsRefused() {
      report();
      attach(OTHER_EVIDENCE);

      ContractException e = refusedTransition(() -> decide(Decision.APPROVED));

      assertThat(e.error()).isEqualTo(ContractError.INVALID_ARGUMENT);
      assertThat(e.getMessage())
          .isEqualTo(
              "evidenceHash: got "
                  + EVIDENCE
                  + ", want "
                  + OTHER_EVIDENCE
                  + " (the evidence attached to claim \"claim-1\")");
    }

    @Test
    void decidingWithoutRuleVersionIsRefused() {
      report();
      attach(EVIDENCE);

      ContractException e =
          refusedTransition(
              () ->
                  h.contract.decideClaim(
                      h.insurer(),
                      TestInsurers.insurer("picc")
                          .sign(
                              new ClaimDecision(
                                  CLAIM,
                                  Decision.APPROVED,
                                  EVIDENCE,
                                  " ",
                                  List.of(),
                                  "picc",
                                  INCIDENT))));

      assertThat(e.error()).isEqualTo(ContractError.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith("ruleVersion: got \" \"");
    }

    @ParameterizedTest
    @ValueSource(strings = {ContractRoles.PLATFORM, ContractRoles.ADMIN, ContractRoles.REGULATOR})
    void onlyInsurersAndTheHubSubmitDecisions(String role) {
      report();
      attach(EVIDENCE);

      ContractException e =
          refusedTransition(
              () ->
                  h.contract.decideClaim(
                      h.as("org", role), signed(Decision.APPROVED, EVIDENCE, "picc")));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void aFinalDecisionCannotBeRevised() {
      report();
      attach(EVIDENCE);
      decide(Decision.REJECTED);

      assertThat(refusedTransition(() -> decide(Decision.APPROVED)).error())
          .isEqualTo(ContractError.INVALID_TRANSITION);
      ContractException e = refusedTransition(() -> attach(OTHER_EVIDENCE));
      assertThat(e.error()).isEqualTo(ContractError.INVALID_TRANSITION);
      assertThat(e.getMessage())
          .isEqualTo(
              "claim \"claim-1\": got status DECIDED (REJECTED), want REPORTED, EVIDENCE_ATTACHED"
                  + " or DECIDED (NEEDS_INFO) to attach evidence");
    }

    @Test
    void needsInfoKeepsTheClaimOpenForNewEvidence() {
      report();
      attach(OTHER_EVIDENCE);
      decide(Decision.NEEDS_INFO, OTHER_EVIDENCE);

      Claim reopened = attach(EVIDENCE);
      assertThat(reopened.status()).isEqualTo(ClaimStatus.EVIDENCE_ATTACHED);
      assertThat(reopened.decision()).isEmpty();

      assertThat(decide(Decision.APPROVED).decision()).contains(Decision.APPROVED);
    }

    @Test
    void approvedClaimIsPaid() {
      report();
      attach(EVIDENCE);
      decide(Decision.APPROVED);

      Claim paid = h.contract.markPaid(h.insurer(), payment("pay-7"));

      assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
      assertThat(paid.paymentRef()).contains("pay-7");
      assertThat(paid.decision()).contains(Decision.APPROVED);
      assertThat(h.eventNames())
          .containsExactly(
              ContractKeys.CLAIM_REPORTED,
              ContractKeys.EVIDENCE_ATTACHED,
              ContractKeys.CLAIM_DECIDED,
              ContractKeys.CLAIM_PAID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REJECTED", "NEEDS_INFO"})
    void onlyApprovedClaimsArePaid(Decision decision) {
      report();
      attach(EVIDENCE);
      decide(decision);

      ContractException e =
          refusedTransition(() -> h.contract.markPaid(h.insurer(), payment("pay-7")));

      assertThat(e.error()).isEqualTo(ContractError.INVALID_TRANSITION);
      assertThat(e.getMessage())
          .isEqualTo(
              "claim \"claim-1\": got status DECIDED ("
                  + decision
                  + "), want DECIDED (APPROVED) to mark it paid");
    }

    @Test
    void undecidedClaimsAreNotPaid() {
      report();

      assertThat(refusedTransition(() -> h.contract.markPaid(h.insurer(), payment("p"))).error())
          .isEqualTo(ContractError.INVALID_TRANSITION);
    }

    @Test
    void aPaidClaimIsFinal() {
      report();
      attach(EVIDENCE);
      decide(Decision.APPROVED);
      h.contract.markPaid(h.insurer(), payment("pay-7"));

      assertThat(
              refusedTransition(() -> h.contract.markPaid(h.insurer(), payment("pay-8"))).error())
          .isEqualTo(ContractError.INVALID_TRANSITION);
      assertThat(refusedTransition(() -> attach(EVIDENCE)).error())
          .isEqualTo(ContractError.INVALID_TRANSITION);
      assertThat(refusedTransition(() -> decide(Decision.REJECTED)).error())
          .isEqualTo(ContractError.INVALID_TRANSITION);
    }

    @Test
    void platformsMayNotMarkPaid() {
      report();
      attach(EVIDENCE);
      decide(Decision.APPROVED);

      assertThat(refusedTransition(() -> h.contract.markPaid(h.platform(), payment("p"))).error())
          .isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void unknownClaimsCannotBeDecidedOrPaid() {
      assertThat(refusedTransition(() -> decide(Decision.APPROVED)).error())
          .isEqualTo(ContractError.CLAIM_NOT_FOUND);
      assertThat(refusedTransition(() -> h.contract.markPaid(h.insurer(), payment("p"))).error())
          .isEqualTo(ContractError.CLAIM_NOT_FOUND);
      assertThat(h.contract.getClaim(h.insurer(), CLAIM)).isEmpty();
    }

    @Test
    void evidenceAssignsTheInsurersWhosePoliciesAreInForceAndNamesTheGaps() {
      report();

      Claim claim =
          h.contract.attachEvidence(
              h.hub(), new EvidenceAttachment(CLAIM, EVIDENCE, List.of("meituan", "didi")));

      assertThat(claim.assignment())
          .isEqualTo(
              new ClaimAssignment(List.of("didi", "meituan"), List.of("picc"), List.of("didi")));
    }

    @Test
    void aPolicyOutsideItsPeriodOrNotAcceptedAssignsNobody() {
      h.contract.registerPolicy(
          h.as("ping-an", ContractRoles.INSURER),
          new PolicyTerms(
              "pa-1", "ping-an", "eleme", INCIDENT.plusSeconds(1), INCIDENT.plusSeconds(99), 7));
      h.contract.registerPolicy(
          h.as("cpic", ContractRoles.INSURER),
          new PolicyTerms("cpic-1", "cpic", "eleme", INCIDENT, INCIDENT.plusSeconds(99), 7));
      h.contract.acceptPolicy(h.as("eleme", ContractRoles.PLATFORM), "pa-1");
      report();

      Claim claim =
          h.contract.attachEvidence(
              h.hub(), new EvidenceAttachment(CLAIM, EVIDENCE, List.of("eleme")));

      assertThat(claim.assignment().insurers()).isEmpty();
      assertThat(claim.assignment().coverageGaps()).containsExactly("eleme");
    }

    @Test
    void anInsurerThatIsNotAssignedCannotDecide() {
      report();
      attach(EVIDENCE);

      ContractException e =
          refusedTransition(
              () ->
                  h.contract.decideClaim(
                      h.as("ping-an", ContractRoles.INSURER),
                      signed(Decision.APPROVED, EVIDENCE, "ping-an")));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
      assertThat(e.getMessage()).contains("want one of the insurers assigned");
    }

    @Test
    void anInsurerCannotSubmitAnothersDecision() {
      report();
      attach(EVIDENCE);

      ContractException e =
          refusedTransition(
              () ->
                  h.contract.decideClaim(
                      h.as("ping-an", ContractRoles.INSURER),
                      signed(Decision.APPROVED, EVIDENCE, "picc")));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void aForgedSignatureIsRefused() {
      report();
      attach(EVIDENCE);
      SignedDecision genuine = signed(Decision.REJECTED, EVIDENCE, "picc");
      ClaimDecision changed =
          new ClaimDecision(
              CLAIM,
              Decision.APPROVED,
              EVIDENCE,
              "cn-pilot-2022",
              genuine.decision().reasons(),
              "picc",
              genuine.decision().signedAt());

      ContractException e =
          refusedTransition(
              () ->
                  h.contract.decideClaim(
                      h.insurer(),
                      new SignedDecision(
                          changed, genuine.signature(), genuine.signerCertificate())));

      assertThat(e.error()).isEqualTo(ContractError.SIGNATURE_INVALID);
    }

    @Test
    void aSignatureByAnotherOrganisationsKeyIsRefused() {
      report();
      attach(EVIDENCE);
      ClaimDecision decision =
          new ClaimDecision(
              CLAIM, Decision.APPROVED, EVIDENCE, "cn-pilot-2022", List.of(), "picc", INCIDENT);
      SignedDecision byPlatform =
          TestInsurers.of("picc", io.shiftproof.ledger.identity.Role.PLATFORM).sign(decision);

      ContractException e =
          refusedTransition(() -> h.contract.decideClaim(h.insurer(), byPlatform));

      assertThat(e.error()).isEqualTo(ContractError.SIGNATURE_INVALID);
      assertThat(e.getMessage()).contains("want CN=picc and OU=insurer");
    }

    @Test
    void aReplayedDecisionIsRefused() {
      report();
      attach(EVIDENCE);
      SignedDecision needsInfo = signed(Decision.NEEDS_INFO, EVIDENCE, "picc");
      h.contract.decideClaim(h.insurer(), needsInfo);
      attach(EVIDENCE);

      ContractException e = refusedTransition(() -> h.contract.decideClaim(h.insurer(), needsInfo));

      assertThat(e.error()).isEqualTo(ContractError.DECISION_REPLAYED);
    }

    @Test
    void theSignedDecisionIsKeptWithTheClaim() {
      report();
      attach(EVIDENCE);
      SignedDecision signed = signed(Decision.APPROVED, EVIDENCE, "picc");

      Claim claim = h.contract.decideClaim(h.insurer(), signed);

      assertThat(claim.signedDecision()).contains(signed);
    }

    @Test
    void onlyTheApprovingInsurerPays() {
      h.contract.registerPolicy(
          h.as("ping-an", ContractRoles.INSURER),
          new PolicyTerms(
              "pa-1", "ping-an", "meituan", INCIDENT.minusSeconds(9), INCIDENT.plusSeconds(9), 7));
      h.contract.acceptPolicy(h.platform(), "pa-1");
      report();
      attach(EVIDENCE);
      decide(Decision.APPROVED);

      ContractException e =
          refusedTransition(
              () -> h.contract.markPaid(h.as("ping-an", ContractRoles.INSURER), payment("p")));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void claimJsonRoundTrips() {
      report();
      attach(EVIDENCE);
      Claim decided = decide(Decision.APPROVED);

      assertThat(ContractJson.claimFromJson(ContractJson.claimToJson(decided))).isEqualTo(decided);
    }
  }

  @Nested
  class Policies {
    @Test
    void anInsurerRegistersAndThePlatformAccepts() {
      Policy registered = h.contract.registerPolicy(h.insurer(), PICC_COVERS_MEITUAN);
      Policy accepted = h.contract.acceptPolicy(h.platform(), PICC_COVERS_MEITUAN.policyId());

      assertThat(registered.status()).isEqualTo(PolicyStatus.REGISTERED);
      assertThat(registered.inForceAt(INCIDENT)).isFalse();
      assertThat(accepted.status()).isEqualTo(PolicyStatus.ACCEPTED);
      assertThat(accepted.acceptedBy()).contains("meituan");
      assertThat(accepted.inForceAt(INCIDENT)).isTrue();
      assertThat(accepted.inForceAt(PICC_COVERS_MEITUAN.validTo())).isFalse();
      assertThat(h.contract.getPlatformPolicies(h.hub(), "meituan")).containsExactly(accepted);
      assertThat(h.eventNames())
          .containsExactly(ContractKeys.POLICY_REGISTERED, ContractKeys.POLICY_ACCEPTED);
      assertThat(ContractJson.policyFromJson(ContractJson.policyToJson(accepted)))
          .isEqualTo(accepted);
    }

    @Test
    void anAdminMayAccept() {
      h.contract.registerPolicy(h.insurer(), PICC_COVERS_MEITUAN);

      assertThat(
              h.contract
                  .acceptPolicy(h.as("admin", ContractRoles.ADMIN), PICC_COVERS_MEITUAN.policyId())
                  .acceptedBy())
          .contains("admin");
    }

    @Test
    void anotherPlatformCannotAccept() {
      h.contract.registerPolicy(h.insurer(), PICC_COVERS_MEITUAN);

      ContractException e =
          refused(
              () ->
                  h.contract.acceptPolicy(
                      h.as("didi", ContractRoles.PLATFORM), PICC_COVERS_MEITUAN.policyId()));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void anInsurerRegistersOnlyItsOwnPolicies() {
      ContractException e =
          refused(
              () ->
                  h.contract.registerPolicy(
                      h.as("ping-an", ContractRoles.INSURER), PICC_COVERS_MEITUAN));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void platformsCannotRegister() {
      assertThat(
              refused(() -> h.contract.registerPolicy(h.platform(), PICC_COVERS_MEITUAN)).error())
          .isEqualTo(ContractError.FORBIDDEN);
    }

    @Test
    void aPolicyIdIsRegisteredOnceAndAcceptedOnce() {
      h.contract.registerPolicy(h.insurer(), PICC_COVERS_MEITUAN);
      h.contract.acceptPolicy(h.platform(), PICC_COVERS_MEITUAN.policyId());

      assertThat(refused(() -> h.contract.registerPolicy(h.insurer(), PICC_COVERS_MEITUAN)).error())
          .isEqualTo(ContractError.POLICY_EXISTS);
      assertThat(
              refused(() -> h.contract.acceptPolicy(h.platform(), PICC_COVERS_MEITUAN.policyId()))
                  .error())
          .isEqualTo(ContractError.INVALID_TRANSITION);
      assertThat(refused(() -> h.contract.acceptPolicy(h.platform(), "nope")).error())
          .isEqualTo(ContractError.POLICY_NOT_FOUND);
    }

    @Test
    void anEmptyPeriodIsRefused() {
      ContractException e =
          refused(
              () ->
                  h.contract.registerPolicy(
                      h.insurer(), new PolicyTerms("p", "picc", "meituan", INCIDENT, INCIDENT, 7)));

      assertThat(e.error()).isEqualTo(ContractError.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith("validTo: got");
    }
  }

  @Nested
  class AccessLog {
    private final AccessRecord read = new AccessRecord("picc", "w-ref", "claim-1", "day-records");

    @Test
    void hubLogsAReadOnAnInsurersBehalf() {
      TransactionContext ctx = h.hub();

      AccessLogEntry entry = h.contract.logAccess(ctx, read);

      assertThat(entry.txId()).isEqualTo(ctx.txId());
      assertThat(entry.loggedAt()).isEqualTo(ctx.txTimestamp().truncatedTo(ChronoUnit.MICROS));
      assertThat(h.state.get("access~w-ref~" + ctx.txId()))
          .map(ContractJson::string)
          .contains(ContractJson.accessToJson(entry));
      assertThat(h.events)
          .containsExactly(
              new RecordedEvent(ContractKeys.ACCESS_LOGGED, ContractJson.accessToJson(entry)));
    }

    @Test
    void anInsurerLogsItsOwnRead() {
      assertThat(h.contract.logAccess(h.insurer(), read).access()).isEqualTo(read);
    }

    @Test
    void anInsurerCannotLogAReadInAnothersName() {
      ContractException e =
          refused(
              () ->
                  h.contract.logAccess(
                      h.insurer(), new AccessRecord("other-insurer", "w-ref", "c", "r")));

      assertThat(e.error()).isEqualTo(ContractError.FORBIDDEN);
      assertThat(e.getMessage()).startsWith("accessor: got \"other-insurer\", want \"picc\"");
    }

    @Test
    void blankPurposeIsRefused() {
      ContractException e =
          refused(() -> h.contract.logAccess(h.hub(), new AccessRecord("picc", "w-ref", "", "r")));

      assertThat(e.error()).isEqualTo(ContractError.INVALID_ARGUMENT);
      assertThat(h.state.size()).isZero();
    }

    @Test
    void accessJsonRoundTrips() {
      AccessLogEntry entry = h.contract.logAccess(h.hub(), read);

      assertThat(ContractJson.accessFromJson(ContractJson.accessToJson(entry))).isEqualTo(entry);
    }
  }

  @Nested
  class Determinism {
    private String run(Consumer<ContractHarness> transactions) {
      ContractHarness harness = new ContractHarness();
      transactions.accept(harness);
      return harness.state.snapshot() + harness.events;
    }

    private void everything(ContractHarness x) {
      x.contract.anchorBatch(x.hub(), first("b1"));
      x.contract.anchorBatch(x.hub(), after("b1", "b2"));
      x.contract.reportIncident(
          x.platform(), new IncidentReport("c", "w", INCIDENT, Optional.empty()));
      x.contract.registerPolicy(x.insurer(), PICC_COVERS_MEITUAN);
      x.contract.acceptPolicy(x.platform(), PICC_COVERS_MEITUAN.policyId());
      x.contract.attachEvidence(x.hub(), new EvidenceAttachment("c", EVIDENCE, List.of("meituan")));
      x.contract.decideClaim(
          x.insurer(),
          TestInsurers.insurer("picc")
              .sign(
                  new ClaimDecision(
                      "c",
                      Decision.APPROVED,
                      EVIDENCE,
                      "cn-pilot-2022",
                      List.of(),
                      "picc",
                      INCIDENT)));
      x.contract.markPaid(x.insurer(), new ClaimPayment("c", "p", 1));
      x.contract.logAccess(x.hub(), new AccessRecord("picc", "w", "c", "r"));
    }

    @Test
    void sameTransactionsGiveTheSameStateBytesAndEvents() {
      assertThat(run(this::everything)).isEqualTo(run(this::everything));
    }

    @Test
    void theTransactionTimestampIsTheOnlyClock() {
      ContractHarness x = new ContractHarness();
      TransactionContext ctx = x.hub();

      Anchor anchor = x.contract.anchorBatch(ctx, first("b1"));

      assertThat(anchor.anchoredAt()).isEqualTo(ctx.txTimestamp().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void anchorJsonRoundTripsIncludingAbsentPrevious() {
      ContractHarness x = new ContractHarness();
      Anchor a = x.contract.anchorBatch(x.hub(), first("b1"));
      Anchor b = x.contract.anchorBatch(x.hub(), after("b1", "b2"));

      assertThat(ContractJson.anchorFromJson(ContractJson.anchorToJson(a))).isEqualTo(a);
      assertThat(ContractJson.anchorFromJson(ContractJson.anchorToJson(b))).isEqualTo(b);
    }
  }
}
