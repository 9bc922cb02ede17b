package io.shiftproof.ledger.endorsement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an endorsed ledger transaction says, as read from its signed bytes: where it ran, which
 * organisations endorsed it (each endorsement already checked against its organisation's root
 * certificates), and what it wrote.
 *
 * @param txId the transaction id the signed header names
 * @param channel the channel the signed header names
 * @param chaincode the chaincode the transaction invoked
 * @param validationCode the committing peer's validation code ({@code VALID} when it committed)
 * @param endorsements one per endorsement the transaction carries, in its order
 * @param writes the keys the chaincode wrote in its own namespace and the values, as endorsed
 * @param events the chaincode events of the transaction, by name, as endorsed
 */
public record EndorsedTransaction(
    String txId,
    String channel,
    String chaincode,
    String validationCode,
    List<Endorsement> endorsements,
    Map<String, byte[]> writes,
    Map<String, byte[]> events) {
  public EndorsedTransaction {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(chaincode, "chaincode");
    Objects.requireNonNull(validationCode, "validationCode");
    endorsements = List.copyOf(endorsements);
    writes = Map.copyOf(writes);
    events = Map.copyOf(events);
  }

  /**
   * One endorsement: the organisation its endorser's identity names, and why it does not count, if
   * it does not (a signature that does not verify, a certificate that does not chain to the
   * organisation's roots, an endorser that is not a peer).
   *
   * @param signatureVerified whether the signature verifies with the endorser's own certificate,
   *     whoever issued it
   */
  public record Endorsement(
      String mspId, String subject, boolean signatureVerified, java.util.Optional<String> problem) {
    public Endorsement {
      Objects.requireNonNull(mspId, "mspId");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(problem, "problem");
    }

    /** Whether the endorsement verified against its organisation's roots. */
    public boolean verified() {
      return problem.isEmpty();
    }
  }
}
