package io.shiftproof.ledger.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.LedgerRef;
import org.junit.jupiter.api.Test;

class LedgerKindTest {
  @Test
  void postgresIsTheDefaultAndParsesFromItsSettingValue() {
    assertThat(LedgerKind.DEFAULT).isEqualTo(LedgerKind.POSTGRES);
    assertThat(LedgerKind.POSTGRES.settingValue()).isEqualTo("postgres");
    assertThat(LedgerKind.parse("postgres")).isEqualTo(LedgerKind.POSTGRES);
    assertThat(LedgerKind.KEY).isEqualTo("ledger.kind");
  }

  @Test
  void anUnknownKindIsRefusedNamingTheKeyAndWhatIsWanted() {
    assertThatThrownBy(() -> LedgerKind.parse("corda"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ledger.kind: got \"corda\", want one of postgres, fabric");
    assertThat(LedgerKind.parse("fabric")).isEqualTo(LedgerKind.FABRIC);
    assertThat(LedgerKind.FABRIC.refKind()).isEqualTo(LedgerRef.FABRIC);
    assertThat(LedgerKind.find("Postgres")).isEmpty();
    assertThat(LedgerKind.find("")).isEmpty();
  }

  @Test
  void thePostgresLedgerKeepsItsPublishedRefKind() {
    // Anchors and evidence bundles carry "embedded": renaming the backend must not change them.
    assertThat(LedgerKind.POSTGRES.refKind()).isEqualTo(LedgerRef.EMBEDDED).isEqualTo("embedded");
  }
}
