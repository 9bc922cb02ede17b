package io.shiftproof.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.gateway.config.TlsConfig;
import io.shiftproof.ledger.pki.CredentialException;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.TlsContexts;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An organisation is known by issuer and subject: which certificates name one, which do not. */
class OrganisationIssuersTest {
  @TempDir Path dir;
  private DevCredentials credentials;

  @BeforeEach
  void issue() {
    credentials = DevCredentials.ensure(dir, DevCredentials.STANDARD_ORGANISATIONS);
  }

  @Test
  void aCertificateTheCaIssuedNamesItsIssuer() {
    X509Certificate platform = certificate(credentials, "platform-1");
    assertThat(issuers().issuerOf(platform))
        .contains(TlsContexts.loadCertificate(credentials.caCertificate()));
  }

  @Test
  void theSameSubjectFromAnotherCaNamesNobody(@TempDir Path other) {
    DevCredentials foreign = DevCredentials.ensure(other, DevCredentials.STANDARD_ORGANISATIONS);
    X509Certificate rogue = certificate(foreign, "platform-1");
    assertThat(rogue.getSubjectX500Principal())
        .isEqualTo(certificate(credentials, "platform-1").getSubjectX500Principal());
    assertThat(issuers().issuerOf(rogue)).isEmpty();
  }

  @Test
  void aCaThatCopiesOurCasNameIsNotOurCa() throws Exception {
    // Same issuer name as ours, same subject as platform-1, another key: the name is not enough.
    X509Certificate ours = TlsContexts.loadCertificate(credentials.caCertificate());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair impostorCa = generator.generateKeyPair();
    KeyPair leafKey = generator.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate forged =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        X500Name.getInstance(ours.getSubjectX500Principal().getEncoded()),
                        BigInteger.TEN,
                        Date.from(now.minus(1, ChronoUnit.HOURS)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)),
                        X500Name.getInstance(
                            certificate(credentials, "platform-1")
                                .getSubjectX500Principal()
                                .getEncoded()),
                        leafKey.getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA")
                            .build(impostorCa.getPrivate())));
    assertThat(issuers().issuerOf(forged)).isEmpty();
  }

  @Test
  void aRevokedCertificateIsRevokedOnlyWhenTheListIsConfigured() {
    credentials.revoke("insurer-1");
    X509Certificate insurer = certificate(credentials, "insurer-1");
    TlsConfig withoutList =
        new TlsConfig(
            credentials.caCertificate(), credentials.serverCertificate(), credentials.serverKey());
    assertThat(OrganisationIssuers.load(withoutList).isRevoked(insurer)).isFalse();
    assertThat(issuers().isRevoked(insurer)).isTrue();
    assertThat(issuers().isRevoked(certificate(credentials, "platform-1"))).isFalse();
  }

  @Test
  void aListSignedByAnotherCaStopsTheGateway(@TempDir Path other) {
    DevCredentials foreign = DevCredentials.ensure(other, DevCredentials.STANDARD_ORGANISATIONS);
    TlsConfig tls =
        new TlsConfig(
                credentials.caCertificate(),
                credentials.serverCertificate(),
                credentials.serverKey())
            .withRevocationList(foreign.revocationList());
    assertThatThrownBy(() -> OrganisationIssuers.load(tls)).isInstanceOf(CredentialException.class);
  }

  private OrganisationIssuers issuers() {
    return OrganisationIssuers.load(
        new TlsConfig(
                credentials.caCertificate(),
                credentials.serverCertificate(),
                credentials.serverKey())
            .withRevocationList(credentials.revocationList()));
  }

  private static X509Certificate certificate(DevCredentials credentials, String organisation) {
    return TlsContexts.loadCertificate(credentials.certificate(organisation));
  }
}
