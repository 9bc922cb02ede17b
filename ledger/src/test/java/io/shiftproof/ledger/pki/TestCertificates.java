package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.crypto.P256;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates with arbitrary subjects, for tests of subject parsing. */
public final class TestCertificates {
  private TestCertificates() {}

  /** A self-signed P-256 certificate whose subject is {@code subject}, written as in RFC 4514. */
  public static X509Certificate selfSigned(String subject) throws Exception {
    KeyPair keyPair = P256.generateKeyPair(new SecureRandom());
    X500Name name = new X500Name(BCStyle.INSTANCE, subject);
    Instant now = Instant.now();
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            Date.from(now),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            keyPair.getPublic());
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
