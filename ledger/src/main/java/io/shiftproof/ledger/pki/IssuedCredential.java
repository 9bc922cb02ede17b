package io.shiftproof.ledger.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate freshly issued by the {@link DevCertificateAuthority} together with the private key
 * for it. Nothing is written to disk until {@link DevCredentials} decides to.
 *
 * @param certificate the issued certificate
 * @param privateKey the private key matching the certificate's public key
 */
public record IssuedCredential(X509Certificate certificate, PrivateKey privateKey) {
  public IssuedCredential {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }
}
