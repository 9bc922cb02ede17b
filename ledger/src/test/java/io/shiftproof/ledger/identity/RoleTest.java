package io.shiftproof.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void eachRoleHasTheOuTheCaWrites() {
    assertThat(Role.PLATFORM.ou()).isEqualTo("platform");
    assertThat(Role.INSURER.ou()).isEqualTo("insurer");
    assertThat(Role.REGULATOR.ou()).isEqualTo("regulator");
    assertThat(Role.ADMIN.ou()).isEqualTo("admin");
  }

  @Test
  void fromOuFindsEveryRoleByItsOu() {
    for (Role role : Role.values()) {
      assertThat(Role.fromOu(role.ou())).contains(role);
    }
  }

  @Test
  void fromOuKnowsNoOtherSpelling() {
    assertThat(Role.fromOu("Platform")).isEmpty();
    assertThat(Role.fromOu("client")).isEmpty();
    assertThat(Role.fromOu("")).isEmpty();
    assertThat(Role.fromOu(null)).isEmpty();
  }
}
