package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.pki.CredentialException.Code;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Certificate revocation lists of the organisation CA, read from a PEM file and checked before use:
 * each list must be issued and signed by one of the trusted CAs. The TLS layer that applies them
 * only matches issuer names, so a list signed by anyone else is refused here, when it is loaded.
 */
public final class RevocationLists {
  private final List<X509CRL> lists;

  private RevocationLists(List<X509CRL> lists) {
    this.lists = lists;
  }

  /**
   * Reads the lists in {@code crlPem} and checks each against {@code authorities}.
   *
   * @throws CredentialException {@code MISSING_FILE} or {@code MALFORMED_PEM} for an unreadable
   *     file; {@code INCONSISTENT_CREDENTIALS} for a list no trusted CA signed
   */
  public static RevocationLists load(Path crlPem, List<X509Certificate> authorities) {
    List<X509CRL> lists = PemFiles.readRevocationLists(crlPem);
    for (X509CRL list : lists) {
      if (issuerOf(list, authorities).isEmpty()) {
        throw new CredentialException(
            Code.INCONSISTENT_CREDENTIALS,
            crlPem
                + ": the revocation list of "
                + list.getIssuerX500Principal().getName()
                + " is not signed by a trusted CA; want a list issued by the CA in tls.ca-cert");
      }
    }
    return new RevocationLists(lists);
  }

  /** Whether a list names the certificate (same issuer, same serial number). */
  public boolean isRevoked(X509Certificate certificate) {
    for (X509CRL list : lists) {
      if (list.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
          && list.isRevoked(certificate)) {
        return true;
      }
    }
    return false;
  }

  /** How many certificates the lists revoke, for the start-up log. */
  public int revokedCount() {
    return lists.stream()
        .mapToInt(
            list ->
                list.getRevokedCertificates() == null ? 0 : list.getRevokedCertificates().size())
        .sum();
  }

  private static Optional<X509Certificate> issuerOf(
      X509CRL list, List<X509Certificate> authorities) {
    for (X509Certificate authority : authorities) {
      if (!authority.getSubjectX500Principal().equals(list.getIssuerX500Principal())) {
        continue;
      }
      try {
        list.verify(authority.getPublicKey());
        return Optional.of(authority);
      } catch (GeneralSecurityException e) {
        // Same name, other key: keep looking, a rotated CA may share its name.
      }
    }
    return Optional.empty();
  }
}
