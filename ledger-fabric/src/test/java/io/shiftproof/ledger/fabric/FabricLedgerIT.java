package io.shiftproof.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerContractSuite;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.EvidenceAttachment;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.decision.TestInsurers;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Fabric ledger on the project's local network: the contract suite every ledger passes, plus
 * what only Fabric shows (the organisation and role come from the invoking certificate). Each test
 * runs in its own ledger namespace, so it starts from empty state on a shared channel.
 */
class FabricLedgerIT extends LedgerContractSuite {
  private static LocalFabricNetwork network;

  private String namespace;

  @BeforeAll
  static void startNetwork() throws Exception {
    network = LocalFabricNetwork.up();
  }

  @AfterAll
  static void stopNetwork() throws Exception {
    if (network != null) {
      network.down();
    }
  }

  @Override
  protected Ledger newLedger() throws Exception {
    namespace = "it-" + UUID.randomUUID();
    return ledgerAs("hub", "admin");
  }

  /** Insurer-1 is a member of the local network; no platform is, so the admin accepts policies. */
  @Override
  protected String insurerOrganisation() {
    return "insurer-1";
  }

  @Override
  protected Optional<String> platformOrganisation() {
    return Optional.empty();
  }

  private FabricLedger ledgerAs(String organisation, String user) throws Exception {
    return FabricLedger.connect(
        FabricLedgerConfig.fromConnection(network.connection(), organisation, user, namespace));
  }

  @Test
  void anInsurerDecidesAsItselfWithTheHubEndorsing() throws Exception {
    Committed<Claim> decided;
    try (FabricLedger insurer = ledgerAs("insurer-2", "client")) {
      insurer.registerPolicy(
          new PolicyTerms(
              "insurer-2-meituan",
              "insurer-2",
              "meituan",
              INCIDENT.minusSeconds(3600),
              INCIDENT.plusSeconds(3600),
              7));
      ledger.acceptPolicy("insurer-2-meituan");
      ledger.reportIncident(new IncidentReport("claim-1", "w-ref", INCIDENT, Optional.empty()));
      ledger.attachEvidence(new EvidenceAttachment("claim-1", EVIDENCE, List.of("meituan")));
      decided =
          insurer.decideClaim(
              TestInsurers.insurer("insurer-2")
                  .sign(
                      new ClaimDecision(
                          "claim-1",
                          Decision.APPROVED,
                          EVIDENCE,
                          "cn-pilot-2022",
                          List.of(),
                          "insurer-2",
                          INCIDENT)));
    }

    assertThat(decided.value().decidedBy()).contains("insurer-2");
    assertThat(decided.ref().kind()).isEqualTo("fabric");
    assertThat(ledger.claim("claim-1")).contains(decided.value());
  }

  @Test
  void theRoleComesFromTheCertificateNotFromTheCaller() throws Exception {
    try (FabricLedger insurer = ledgerAs("insurer-1", "client")) {
      LedgerException e =
          ledgerRefusal(() -> insurer.anchorBatch(anchorRequest("b1", Optional.empty())));
      assertThat(e.code()).isEqualTo("FORBIDDEN");
      assertThat(e.getMessage()).contains("\"insurer\"");

      Committed<AccessLogEntry> own =
          insurer.logAccess(new AccessRecord("insurer-1", "w-ref", "claim-1", "claims/claim-1"));
      LedgerException other =
          ledgerRefusal(
              () -> insurer.logAccess(new AccessRecord("hub", "w-ref", "claim-1", "claims/x")));
      assertThat(own.value().access().accessor()).isEqualTo("insurer-1");
      assertThat(other.code()).isEqualTo("FORBIDDEN");
    }
  }
}
