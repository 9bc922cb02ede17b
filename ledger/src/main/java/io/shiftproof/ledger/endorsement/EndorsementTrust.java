package io.shiftproof.ledger.endorsement;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reader trusts to check a Fabric-endorsed transaction: the MSP root certificates of the
 * channel's organisations, which it takes from the network's operators (never from the bundle,
 * which the hub makes), and which of them is the hub.
 *
 * @param mspRoots root certificates by MSP ID
 * @param hubMspId the hub's MSP ID, which the endorsement policy requires
 */
public record EndorsementTrust(Map<String, List<X509Certificate>> mspRoots, String hubMspId) {
  public EndorsementTrust {
    Objects.requireNonNull(hubMspId, "hubMspId");
    mspRoots = Map.copyOf(mspRoots);
    if (!mspRoots.containsKey(hubMspId)) {
      throw new IllegalArgumentException(
          "mspRoots: got "
              + mspRoots.keySet()
              + ", want the hub's MSP "
              + hubMspId
              + " among them");
    }
  }

  /** The policy anchors and access-log entries are endorsed under. */
  public EndorsementPolicy policy() {
    return EndorsementPolicy.hubAndOneOf(hubMspId, mspRoots.keySet());
  }
}
