package io.shiftproof.ledger.identity;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Who is calling: an organisation and its role, as carried by the subject of its client certificate
 * ({@code CN=platform-1, OU=platform, O=Shiftproof Dev}).
 *
 * @param organisation the organisation's name, the certificate's common name
 * @param role what the organisation may do
 */
public record OrganisationIdentity(String organisation, Role role) {

  public OrganisationIdentity {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(role, "role");
    if (organisation.isBlank()) {
      throw new IllegalArgumentException("organisation: got a blank name, want a non-blank name");
    }
  }

  /**
   * Reads the identity from a certificate subject: exactly one CN names the organisation and
   * exactly one OU names a known {@link Role}. OUs that name no role are ignored so that Fabric CA
   * certificates, which add OUs such as {@code client}, still parse; two role OUs are ambiguous and
   * rejected.
   *
   * <p>This only reads the subject. Whether the certificate is trusted, current and meant for
   * client authentication is the TLS layer's decision.
   *
   * @return the identity, or empty when the subject does not have that shape
   */
  public static Optional<OrganisationIdentity> fromCertificate(X509Certificate certificate) {
    return fromSubject(certificate.getSubjectX500Principal());
  }

  /** Like {@link #fromCertificate}, for a subject that is already at hand. */
  public static Optional<OrganisationIdentity> fromSubject(X500Principal subject) {
    List<String> commonNames = new ArrayList<>();
    List<Role> roles = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
        // An RDN can be multi-valued (CN=a+OU=b); each value counts.
        NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
        while (attributes.hasMore()) {
          Attribute attribute = attributes.next();
          for (int i = 0; i < attribute.size(); i++) {
            Object value = attribute.get(i);
            if (!(value instanceof String text)) {
              // Non-string values (hex-encoded in RFC 2253) cannot be a name or a role.
              continue;
            }
            if (attribute.getID().equalsIgnoreCase("CN")) {
              commonNames.add(text);
            } else if (attribute.getID().equalsIgnoreCase("OU")) {
              Role.fromOu(text).ifPresent(roles::add);
            }
          }
        }
      }
    } catch (NamingException e) {
      // RFC 2253 output of the JDK always parses; a failure means a subject we cannot trust.
      return Optional.empty();
    }
    if (commonNames.size() != 1 || roles.size() != 1 || commonNames.get(0).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new OrganisationIdentity(commonNames.get(0), roles.get(0)));
  }
}
