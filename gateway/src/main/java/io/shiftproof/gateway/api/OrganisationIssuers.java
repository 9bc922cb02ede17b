package io.shiftproof.gateway.api;

import io.shiftproof.gateway.config.TlsConfig;
import io.shiftproof.ledger.pki.RevocationLists;
import io.shiftproof.ledger.pki.TlsContexts;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The CAs whose certificates name organisations (those of {@code tls.ca-cert}) and what they have
 * revoked ({@code tls.crl}). A client certificate names an organisation only when one of these CAs
 * issued it directly: its issuer name is the CA's subject and the CA's key signed it. So an
 * organisation is known by issuer and subject together; the same subject from any other issuer
 * (another CA, an intermediate below ours) names nobody.
 */
public final class OrganisationIssuers {
  private final List<X509Certificate> authorities;
  private final Optional<RevocationLists> revoked;

  private OrganisationIssuers(
      List<X509Certificate> authorities, Optional<RevocationLists> revoked) {
    this.authorities = List.copyOf(authorities);
    this.revoked = revoked;
  }

  /**
   * Reads the CAs and revocation lists the TLS configuration names.
   *
   * @throws io.shiftproof.ledger.pki.CredentialException when a file is missing or unusable, or a
   *     revocation list is not signed by one of the CAs
   */
  public static OrganisationIssuers load(TlsConfig tls) {
    List<X509Certificate> authorities = TlsContexts.loadCertificates(tls.caCertificate());
    return new OrganisationIssuers(
        authorities, tls.revocationList().map(crl -> RevocationLists.load(crl, authorities)));
  }

  /** The CA of {@code tls.ca-cert} that issued {@code leaf} directly, if one did. */
  public Optional<X509Certificate> issuerOf(X509Certificate leaf) {
    for (X509Certificate authority : authorities) {
      if (!authority.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        continue;
      }
      try {
        leaf.verify(authority.getPublicKey());
        return Optional.of(authority);
      } catch (GeneralSecurityException e) {
        // The same name with another key is another CA.
      }
    }
    return Optional.empty();
  }

  /** Whether a revocation list of the issuer names the certificate. */
  public boolean isRevoked(X509Certificate leaf) {
    return revoked.map(lists -> lists.isRevoked(leaf)).orElse(false);
  }
}
