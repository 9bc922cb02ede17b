package io.shiftproof.streamjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.Test;

/** {@code WorkingTimeJob.main} opens the ledger {@code --ledger.kind} names as the hub does. */
class WorkingTimeJobLedgerArgumentTest {
  private static final String[] REQUIRED = {
    "--postgres.url", "jdbc:postgresql://db:5432/shiftproof",
    "--postgres.user", "shiftproof",
    "--postgres.password", "s3cret",
    "--ledger.signing-key", "/keys/hub-key.pem"
  };
  private static final LedgerSettings SETTINGS =
      new LedgerSettings(
          "jdbc:postgresql://db:5432/shiftproof", "shiftproof", "s3cret", "/keys/hub-key.pem");

  @Test
  void withoutLedgerKindTheJobOpensTheHubsDefaultLedger() {
    assertThat(WorkingTimeJob.ledgerEndpoint(ParameterTool.fromArgs(REQUIRED)))
        .isEqualTo(Ledgers.endpoint(LedgerKind.DEFAULT, SETTINGS))
        .isEqualTo(Ledgers.endpoint(LedgerKind.POSTGRES, SETTINGS));
  }

  @Test
  void anExplicitLedgerKindGoesThroughTheSameFactory() {
    assertThat(WorkingTimeJob.ledgerEndpoint(withArgs("--ledger.kind", "postgres")))
        .isEqualTo(Ledgers.endpoint(LedgerKind.POSTGRES, SETTINGS));
  }

  @Test
  void anUnknownLedgerKindIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> WorkingTimeJob.ledgerEndpoint(withArgs("--ledger.kind", "fabric")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ledger.kind: got \"fabric\", want postgres");
  }

  private static ParameterTool withArgs(String... extra) {
    String[] args = new String[REQUIRED.length + extra.length];
    System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
    System.arraycopy(extra, 0, args, REQUIRED.length, extra.length);
    return ParameterTool.fromArgs(args);
  }
}
