package io.shiftproof.chaincode;

import io.shiftproof.ledger.contract.ContractRoles;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * The contract role of a transaction's creator, read from its MSP ID and certificate: the hub's
 * administrators (node OU {@code admin}) act as {@code admin}, the hub's other identities as {@code
 * hub}, every identity of an {@code insurer-*} organisation as {@code insurer}. Any other
 * organisation has no role and the contract refuses its transactions.
 */
final class CallerRoles {
  /** The hub's MSP ID, which is also its organisation name on the ledger. */
  static final String HUB_MSP = "hub";

  /** The role of an organisation the contract does not know. */
  static final String NONE = "none";

  private CallerRoles() {}

  static String role(String mspId, X509Certificate certificate) {
    if (mspId.equals(HUB_MSP)) {
      return organisationalUnits(certificate).contains("admin")
          ? ContractRoles.ADMIN
          : ContractRoles.HUB;
    }
    if (mspId.startsWith("insurer-")) {
      return ContractRoles.INSURER;
    }
    return NONE;
  }

  private static java.util.List<String> organisationalUnits(X509Certificate certificate) {
    try {
      return new LdapName(certificate.getSubjectX500Principal().getName())
          .getRdns().stream()
              .filter(r -> r.getType().equalsIgnoreCase("OU"))
              .map(r -> r.getValue().toString())
              .toList();
    } catch (InvalidNameException e) {
      return java.util.List.of();
    }
  }
}
