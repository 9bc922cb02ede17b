package io.shiftproof.chaincode;

import static io.shiftproof.ledger.contract.ChaincodeCalls.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.EvidenceAttachment;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.decision.TestInsurers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.junit.jupiter.api.Test;

class ShiftproofChaincodeTest {
  private static final String ROOT = "0a".repeat(32);
  private static final String EVIDENCE = "ee".repeat(32);
  private static final Instant INCIDENT = Instant.parse("2026-11-28T07:30:00Z");

  private final ShiftproofChaincode chaincode = new ShiftproofChaincode();
  private final FakeStub peer = new FakeStub();

  private Response invoke(String msp, String ou, String function, String... args) throws Exception {
    return chaincode.invoke(peer.call(msp, ou, function, args));
  }

  private static String payload(Response r) {
    return new String(r.getPayload(), StandardCharsets.UTF_8);
  }

  @Test
  void theHubAnchorsWithTheTransactionsIdAndTimeAndSetsTheEvent() throws Exception {
    Response r = invoke("hub", "client", "AnchorBatch", "", "b1", "c", "", ROOT, "2", "1", "2");

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(payload(r)).contains("\"txId\":\"tx-1\"").contains("\"sequence\":1");
    assertThat(peer.eventName).isEqualTo("AnchorCommitted");
    assertThat(peer.state).containsKeys("anchor~b1", "head~c");
    assertThat(payload(invoke("insurer-1", "client", "GetAnchor", "", "b1"))).contains("\"b1\"");
  }

  @Test
  void theRoleComesFromTheCreatorNotFromAnArgument() throws Exception {
    Response r =
        invoke("insurer-1", "admin", "AnchorBatch", "", "b1", "c", "", ROOT, "2", "1", "2");

    assertThat(r.getStatusCode()).isEqualTo(500);
    assertThat(r.getMessage()).startsWith("FORBIDDEN: invokerRole: got \"insurer\"");
    assertThat(peer.state).isEmpty();
  }

  @Test
  void aDecisionIsRecordedAsTheDecidingInsurersOrganisation() throws Exception {
    invoke(
        "insurer-2",
        "client",
        "RegisterPolicy",
        "",
        ContractJson.termsToJson(
            new PolicyTerms(
                "p-1",
                "insurer-2",
                "meituan",
                INCIDENT.minusSeconds(3600),
                INCIDENT.plusSeconds(3600),
                7)));
    invoke("hub", "admin", "AcceptPolicy", "", "p-1");
    invoke("hub", "client", "ReportIncident", "", "claim-1", "w-ref", micros(INCIDENT), "");
    invoke(
        "hub",
        "client",
        "AttachEvidence",
        "",
        ContractJson.attachmentToJson(
            new EvidenceAttachment("claim-1", EVIDENCE, List.of("meituan"))));
    SignedDecision decision =
        TestInsurers.insurer("insurer-2")
            .sign(
                new ClaimDecision(
                    "claim-1",
                    Decision.APPROVED,
                    EVIDENCE,
                    "cn-pilot-2022",
                    List.of(),
                    "insurer-2",
                    INCIDENT));

    Response decided =
        invoke(
            "insurer-2", "client", "DecideClaim", "", ContractJson.signedDecisionToJson(decision));

    assertThat(decided.getStatusCode()).isEqualTo(200);
    assertThat(payload(decided)).contains("\"decidedBy\":\"insurer-2\"");
    assertThat(peer.eventName).isEqualTo("ClaimDecided");
  }

  @Test
  void onlyTheHubsAdministratorsActAsAdmin() throws Exception {
    assertThat(invoke("hub", "admin", "AcceptPolicy", "", "p-1").getMessage())
        .startsWith("POLICY_NOT_FOUND");
    assertThat(invoke("hub", "client", "AcceptPolicy", "", "p-1").getMessage())
        .startsWith("FORBIDDEN");
  }

  @Test
  void aNamespacedCallKeepsItsKeysApartFromTheHubs() throws Exception {
    invoke("hub", "client", "AnchorBatch", "it-1", "b1", "c", "", ROOT, "2", "1", "2");

    assertThat(peer.state.keySet()).allMatch(k -> k.startsWith("\u0000"));
    assertThat(invoke("hub", "client", "GetAnchor", "", "b1").getPayload()).isEmpty();
    assertThat(payload(invoke("hub", "client", "GetAnchor", "it-1", "b1"))).contains("\"b1\"");
  }

  @Test
  void malformedCallsAreRefusedAsInvalidArguments() throws Exception {
    assertThat(invoke("hub", "client", "AnchorBatch").getMessage())
        .startsWith("INVALID_ARGUMENT: namespace");
    assertThat(invoke("hub", "client", "AnchorBatch", "", "b1").getMessage())
        .startsWith("INVALID_ARGUMENT: chain: missing");
    assertThat(invoke("hub", "client", "Mint", "").getMessage())
        .startsWith("INVALID_ARGUMENT: function: got \"Mint\"");
  }
}
