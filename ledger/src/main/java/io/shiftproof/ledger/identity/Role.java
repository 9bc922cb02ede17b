package io.shiftproof.ledger.identity;

import java.util.Optional;

/**
 * What an organisation may do at the hub. The role travels in the organisational unit (OU) of the
 * organisation's X.509 certificate, as in Fabric MSP identities, so authorisation needs nothing
 * beyond the verified certificate.
 */
public enum Role {
  /** A gig platform that reports work sessions and asks for pseudonyms. */
  PLATFORM("platform"),
  /** An insurer or the social-insurance agency that decides claims. */
  INSURER("insurer"),
  /** A regulator that reads aggregates only. */
  REGULATOR("regulator"),
  /** The hub's operator. */
  ADMIN("admin");

  private final String ou;

  Role(String ou) {
    this.ou = ou;
  }

  /** The OU value that carries this role in a certificate subject. */
  public String ou() {
    return ou;
  }

  /**
   * The role an OU value names, matched exactly: the hub's CA writes these values itself, so a
   * differently spelled OU was not issued by it for this purpose.
   */
  public static Optional<Role> fromOu(String ou) {
    for (Role role : values()) {
      if (role.ou.equals(ou)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
