package io.shiftproof.ledger.evidence;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's signing certificate chain as a bundle carries it: PEM, leaf first. Whether the leaf is
 * the hub's signing certificate at all is {@link io.shiftproof.ledger.pki.HubSigningIdentity}'s
 * check; this one is the chain's.
 */
final class HubCertificates {
  private HubCertificates() {}

  /**
   * The certificates of {@code pem}, leaf first.
   *
   * @throws IllegalArgumentException if the text holds no certificate or one that does not decode
   */
  static List<X509Certificate> parse(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        chain.add((X509Certificate) certificate);
      }
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(
            "hub.certificateChain: got no certificate, want PEM, leaf first");
      }
      return List.copyOf(chain);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "hub.certificateChain: got PEM that does not decode (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Why {@code certificate} cannot be trusted under {@code crl}: the CRL is not the CA's, or lists
   * the certificate. Empty when the CA's CRL does not list it.
   */
  static Optional<String> revoked(X509Certificate certificate, X509CRL crl, X509Certificate ca) {
    try {
      if (!crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
        return Optional.of(
            "crl: issued by "
                + crl.getIssuerX500Principal().getName()
                + ", want the CA "
                + ca.getSubjectX500Principal().getName());
      }
      crl.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return Optional.of("crl: not signed by the CA (" + e.getMessage() + ")");
    }
    X509CRLEntry entry = crl.getRevokedCertificate(certificate);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(
        "hub certificate "
            + certificate.getSubjectX500Principal().getName()
            + " (serial "
            + certificate.getSerialNumber().toString(16)
            + "): revoked on "
            + entry.getRevocationDate().toInstant()
            + Optional.ofNullable(entry.getRevocationReason())
                .map(reason -> " (" + reason + ")")
                .orElse("")
            + " per the CRL of "
            + crl.getThisUpdate().toInstant());
  }

  /**
   * Why {@code chain} does not lead to {@code ca}, or empty when it does. Validity is judged at
   * {@code at}, the ledger's time of the request the bundle answers (its {@code generatedAt}, which
   * the verifier ties to the signed access-log entry): evidence signed while the certificate was
   * valid stays checkable after the certificate expires, and a key that expired cannot sign a
   * bundle for a request made later. Revocation is not checked, as the verifier is offline.
   */
  static Optional<String> validate(List<X509Certificate> chain, X509Certificate ca, Instant at) {
    // A chain that repeats the CA itself would make PKIX treat it as an ordinary certificate.
    List<X509Certificate> path = chain.stream().filter(c -> !c.equals(ca)).toList();
    if (path.isEmpty()) {
      return Optional.of("hub.certificateChain: got only the CA certificate, want the hub's");
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.of(
          "hub certificate "
              + path.get(0).getSubjectX500Principal().getName()
              + ": does not verify to CA "
              + ca.getSubjectX500Principal().getName()
              + " ("
              + e.getMessage()
              + ")");
    }
  }
}
