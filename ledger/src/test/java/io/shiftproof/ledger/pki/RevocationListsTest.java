package io.shiftproof.ledger.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationListsTest {
  @TempDir Path dir;

  @Test
  void theDevelopmentListStartsEmpty() {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    RevocationLists lists = RevocationLists.load(credentials.revocationList(), authorities());
    assertThat(lists.revokedCount()).isZero();
    assertThat(lists.isRevoked(certificate(credentials, "platform-1"))).isFalse();
  }

  @Test
  void revokingAddsToTheListAndKeepsWhatItRevokedBefore() {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    credentials.revoke("platform-1");
    credentials.revoke("insurer-1");

    RevocationLists lists = RevocationLists.load(credentials.revocationList(), authorities());
    assertThat(lists.revokedCount()).isEqualTo(2);
    assertThat(lists.isRevoked(certificate(credentials, "platform-1"))).isTrue();
    assertThat(lists.isRevoked(certificate(credentials, "insurer-1"))).isTrue();
    assertThat(lists.isRevoked(certificate(credentials, "platform-2"))).isFalse();
  }

  @Test
  void aListFromAnotherCaIsRefused(@TempDir Path other) {
    DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    DevCredentials foreign = DevCredentials.ensure(other, DevCredentials.STANDARD_ORGANISATIONS);
    foreign.revoke("platform-1");
    assertThatThrownBy(() -> RevocationLists.load(foreign.revocationList(), authorities()))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("not signed by a trusted CA");
  }

  @Test
  void aListRevokesOnlyCertificatesOfItsOwnIssuer(@TempDir Path other) {
    DevCredentials credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
    credentials.revoke("platform-1");
    DevCredentials foreign = DevCredentials.ensure(other, DevCredentials.STANDARD_ORGANISATIONS);
    RevocationLists lists = RevocationLists.load(credentials.revocationList(), authorities());
    assertThat(lists.isRevoked(certificate(foreign, "platform-1"))).isFalse();
  }

  private List<X509Certificate> authorities() {
    return TlsContexts.loadCertificates(dir.resolve("ca.pem"));
  }

  private static X509Certificate certificate(DevCredentials credentials, String organisation) {
    return TlsContexts.loadCertificate(credentials.certificate(organisation));
  }
}
