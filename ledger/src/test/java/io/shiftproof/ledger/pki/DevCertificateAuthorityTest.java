package io.shiftproof.ledger.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.crypto.KeyPairs;
import io.shiftproof.ledger.crypto.P256;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCertificateAuthorityTest {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;

  @TempDir Path dir;

  @Test
  void caCertificateIsSelfSignedCaWithPathLengthZero() throws Exception {
    X509Certificate ca = DevCertificateAuthority.loadOrCreate(dir).certificate();

    assertThat(ca.getBasicConstraints()).isZero();
    assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
    assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThat(P256.isP256(ca.getPublicKey())).isTrue();
    ca.verify(ca.getPublicKey());
    assertThat(dir.resolve("ca.pem")).exists();
    assertThat(dir.resolve("ca-key.pem")).exists();
  }

  @Test
  void issuesClientCertificateWithRoleInOu() throws Exception {
    DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);
    OrganisationIdentity platform = new OrganisationIdentity("platform-1", Role.PLATFORM);

    X509Certificate certificate = ca.issueClientCertificate(platform).certificate();

    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=platform-1,OU=platform,O=Shiftproof Dev");
    assertThat(OrganisationIdentity.fromCertificate(certificate)).contains(platform);
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(certificate.getKeyUsage())
        .startsWith(true, false, false, false, false, false, false);
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    certificate.verify(ca.certificate().getPublicKey());
  }

  @Test
  void issuedKeyMatchesItsCertificate() {
    DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);
    IssuedCredential issued =
        ca.issueClientCertificate(new OrganisationIdentity("insurer-1", Role.INSURER));

    assertThat(KeyPairs.match(issued.privateKey(), issued.certificate().getPublicKey())).isTrue();
  }

  @Test
  void issuesServerCertificateForLoopbackAndExtraNames() throws Exception {
    DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);

    X509Certificate server =
        ca.issueServerCertificate(List.of("hub.example.org", "10.0.0.5")).certificate();

    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(2, "hub.example.org"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"),
            List.of(7, "10.0.0.5"));
    assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(server.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
    assertThat(OrganisationIdentity.fromCertificate(server)).isEmpty();
    server.verify(ca.certificate().getPublicKey());
  }

  @Test
  void refusesServerNameThatIsNeitherHostNameNorAddress() {
    DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);

    assertThatThrownBy(() -> ca.issueServerCertificate(List.of("not a host")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 'not a host'");
  }

  @Test
  void certificatesAreValidForTwoYearsFromIssue() {
    Instant issuedAt = Instant.parse("2026-03-01T08:00:00Z");
    DevCertificateAuthority ca =
        DevCertificateAuthority.loadOrCreate(dir, Clock.fixed(issuedAt, ZoneOffset.UTC));

    X509Certificate certificate =
        ca.issueClientCertificate(new OrganisationIdentity("admin", Role.ADMIN)).certificate();

    assertThat(certificate.getNotAfter().toInstant())
        .isEqualTo(issuedAt.plus(Duration.ofDays(730)));
    assertThat(certificate.getNotBefore().toInstant()).isBefore(issuedAt);
    assertThat(ca.certificate().getNotAfter().toInstant())
        .isAfter(certificate.getNotAfter().toInstant());
  }

  @Test
  void serialNumbersAreRandomPositiveAndAtMostTwentyOctets() {
    DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);
    Set<BigInteger> serials = new HashSet<>();

    for (int i = 0; i < 20; i++) {
      BigInteger serial =
          ca.issueClientCertificate(new OrganisationIdentity("platform-1", Role.PLATFORM))
              .certificate()
              .getSerialNumber();
      assertThat(serial.signum()).isPositive();
      assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
      serials.add(serial);
    }

    assertThat(serials).hasSize(20);
    assertThat(serials).anyMatch(serial -> serial.bitLength() > 128);
  }

  @Test
  void loadOrCreateReusesTheExistingCa() throws Exception {
    X509Certificate first = DevCertificateAuthority.loadOrCreate(dir).certificate();
    byte[] key = Files.readAllBytes(dir.resolve("ca-key.pem"));

    DevCertificateAuthority again = DevCertificateAuthority.loadOrCreate(dir);

    assertThat(again.certificate()).isEqualTo(first);
    assertThat(Files.readAllBytes(dir.resolve("ca-key.pem"))).isEqualTo(key);
    X509Certificate issued =
        again
            .issueClientCertificate(new OrganisationIdentity("platform-1", Role.PLATFORM))
            .certificate();
    issued.verify(first.getPublicKey());
  }

  @Test
  void refusesCaDirectoryWithOnlyOneOfItsFiles() throws Exception {
    DevCertificateAuthority.loadOrCreate(dir);
    Files.delete(dir.resolve("ca.pem"));

    assertThatThrownBy(() -> DevCertificateAuthority.loadOrCreate(dir))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.INCOMPLETE_CREDENTIALS))
        .hasMessageContaining("ca-key.pem but not ca.pem");
    assertThat(dir.resolve("ca.pem")).doesNotExist();
  }

  @Test
  void refusesCaKeyThatDoesNotBelongToTheCertificate(@TempDir Path other) throws Exception {
    DevCertificateAuthority.loadOrCreate(dir);
    DevCertificateAuthority.loadOrCreate(other);
    Files.delete(dir.resolve("ca-key.pem"));
    Files.copy(other.resolve("ca-key.pem"), dir.resolve("ca-key.pem"));

    assertThatThrownBy(() -> DevCertificateAuthority.loadOrCreate(dir))
        .isInstanceOfSatisfying(
            CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.Code.INCONSISTENT_CREDENTIALS));
  }
}
