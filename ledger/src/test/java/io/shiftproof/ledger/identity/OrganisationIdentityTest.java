package io.shiftproof.ledger.identity;

import static io.shiftproof.ledger.pki.TestCertificates.selfSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrganisationIdentityTest {

  @Test
  void readsOrganisationFromCnAndRoleFromOu() throws Exception {
    assertThat(
            OrganisationIdentity.fromCertificate(
                selfSigned("CN=platform-1, OU=platform, O=Shiftproof Dev")))
        .contains(new OrganisationIdentity("platform-1", Role.PLATFORM));
  }

  @Test
  void readsSubjectsInEitherRdnOrder() throws Exception {
    assertThat(
            OrganisationIdentity.fromCertificate(
                selfSigned("O=Shiftproof Dev, OU=regulator, CN=regulator")))
        .contains(new OrganisationIdentity("regulator", Role.REGULATOR));
  }

  @Test
  void ignoresOusThatNameNoRoleAsFabricCaCertificatesCarry() throws Exception {
    assertThat(
            OrganisationIdentity.fromCertificate(
                selfSigned("CN=insurer-1, OU=client, OU=insurer, OU=department1, O=Org1")))
        .contains(new OrganisationIdentity("insurer-1", Role.INSURER));
  }

  @Test
  void readsMultiValuedRdns() throws Exception {
    assertThat(OrganisationIdentity.fromCertificate(selfSigned("CN=admin+OU=admin, O=Org")))
        .contains(new OrganisationIdentity("admin", Role.ADMIN));
  }

  @Test
  void keepsEscapedCharactersOfTheCommonName() throws Exception {
    assertThat(OrganisationIdentity.fromCertificate(selfSigned("CN=Acme\\, Inc., OU=insurer")))
        .contains(new OrganisationIdentity("Acme, Inc.", Role.INSURER));
  }

  @Test
  void rejectsCertificateWithoutRoleOu() throws Exception {
    assertThat(OrganisationIdentity.fromCertificate(selfSigned("CN=platform-1, O=Shiftproof Dev")))
        .isEmpty();
    assertThat(OrganisationIdentity.fromCertificate(selfSigned("CN=platform-1, OU=client")))
        .isEmpty();
  }

  @Test
  void rejectsRoleOuSpelledDifferently() throws Exception {
    assertThat(OrganisationIdentity.fromCertificate(selfSigned("CN=platform-1, OU=Platform")))
        .isEmpty();
  }

  @Test
  void rejectsCertificateWithTwoRoleOus() throws Exception {
    assertThat(
            OrganisationIdentity.fromCertificate(
                selfSigned("CN=platform-1, OU=platform, OU=admin")))
        .isEmpty();
    assertThat(
            OrganisationIdentity.fromCertificate(
                selfSigned("CN=platform-1, OU=platform, OU=platform")))
        .isEmpty();
  }

  @Test
  void rejectsCertificateWithoutExactlyOneCommonName() throws Exception {
    assertThat(OrganisationIdentity.fromCertificate(selfSigned("OU=platform, O=Shiftproof Dev")))
        .isEmpty();
    assertThat(OrganisationIdentity.fromCertificate(selfSigned("CN=a, CN=b, OU=platform")))
        .isEmpty();
  }

  @Test
  void refusesBlankOrganisation() {
    assertThatThrownBy(() -> new OrganisationIdentity(" ", Role.PLATFORM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("organisation");
  }
}
