package io.shiftproof.ledger.endorsement;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Reads one ledger's endorsed transaction format and checks each endorsement's signature and
 * certificate. Implementations are found with {@link java.util.ServiceLoader} (the Fabric one lives
 * in {@code ledger-fabric}), keyed by the {@link #type()} an evidence bundle names.
 */
public interface EndorsedTransactionReader {
  /** The attestation type this reader understands, as written in a bundle. */
  String type();

  /**
   * Reads {@code transaction} and checks every endorsement in it.
   *
   * @param mspRoots the root certificates of each organisation, by MSP ID, that the reader trusts;
   *     an endorsement of an organisation not in it does not verify
   * @throws IllegalArgumentException when the bytes are not a transaction of this type, naming the
   *     part that is not
   */
  EndorsedTransaction read(byte[] transaction, Map<String, List<X509Certificate>> mspRoots);
}
