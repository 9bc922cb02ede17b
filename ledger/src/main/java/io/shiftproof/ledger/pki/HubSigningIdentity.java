package io.shiftproof.ledger.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * What makes a certificate the hub's signing certificate (docs/design.md §8.3): its subject's only
 * OU is {@value #ROLE}, its key usage is digitalSignature and nothing else, it is not a CA, and it
 * may not authenticate a TLS server or client. The organisations' client certificates and the hub's
 * TLS server certificate, although issued by the same CA, fail both the role and the TLS-purpose
 * check, so evidence or a ledger entry signed with their keys never passes as the hub's.
 *
 * <p>A verifier checks this on top of the chain to the CA; the hub checks it at start-up, so it
 * never signs with a key a verifier would refuse.
 */
public final class HubSigningIdentity {
  /** The OU of the hub's signing certificate, a role no organisation can hold. */
  public static final String ROLE = "hub-signer";

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_PURPOSE = "2.5.29.37.0";
  private static final int DIGITAL_SIGNATURE = 0;

  private HubSigningIdentity() {}

  /**
   * Why {@code certificate} is not the hub's signing certificate, or empty when it is. Only the
   * certificate itself is read; whether it chains to the CA is the caller's check.
   */
  public static Optional<String> problem(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    List<String> units = organisationalUnits(certificate.getSubjectX500Principal());
    if (!units.equals(List.of(ROLE))) {
      return Optional.of(
          subject + ": role (OU) got " + units + ", want [" + ROLE + "] (the hub's signing role)");
    }
    if (certificate.getBasicConstraints() >= 0) {
      return Optional.of(subject + ": is a CA certificate, want an end-entity signing certificate");
    }
    boolean[] usage = certificate.getKeyUsage();
    if (usage == null || usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE]) {
      return Optional.of(subject + ": keyUsage lacks digitalSignature, want digitalSignature only");
    }
    for (int bit = 0; bit < usage.length; bit++) {
      if (bit != DIGITAL_SIGNATURE && usage[bit]) {
        return Optional.of(
            subject + ": keyUsage has bit " + bit + " set, want digitalSignature only");
      }
    }
    List<String> purposes;
    try {
      purposes = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return Optional.of(subject + ": extendedKeyUsage does not parse (" + e.getMessage() + ")");
    }
    if (purposes != null) {
      for (String purpose : purposes) {
        if (purpose.equals(SERVER_AUTH)
            || purpose.equals(CLIENT_AUTH)
            || purpose.equals(ANY_PURPOSE)) {
          return Optional.of(
              subject
                  + ": extendedKeyUsage got "
                  + purposes
                  + ", want no TLS purpose (a TLS key signs nothing the hub vouches for)");
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> organisationalUnits(X500Principal subject) {
    List<String> units = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
        NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
        while (attributes.hasMore()) {
          Attribute attribute = attributes.next();
          if (attribute.getID().equalsIgnoreCase("OU")) {
            for (int i = 0; i < attribute.size(); i++) {
              units.add(String.valueOf(attribute.get(i)));
            }
          }
        }
      }
    } catch (NamingException e) {
      // The JDK's own RFC 2253 output always parses; a subject that does not is nobody's role.
      units.add("<unreadable subject>");
    }
    return units;
  }
}
