package io.shiftproof.pseudonyms;

/**
 * A VOPRF step that cannot go on: an input that hashes to no usable element, bytes that are no
 * element or scalar of the group, or a proof that does not verify. The message names the field and
 * what was wanted; it never carries a worker's identifier.
 */
public final class VoprfException extends RuntimeException {
  /** Why the step failed, for callers that map it onto a stable error code. */
  public enum Reason {
    /** The input hashes to the identity, or a key is zero (RFC 9497 InvalidInputError). */
    INVALID_INPUT,
    /** Bytes that are no valid, non-identity element (DeserializeError). */
    INVALID_ELEMENT,
    /** Bytes that are no scalar modulo the group order (DeserializeError). */
    INVALID_SCALAR,
    /** A proof that does not show the evaluation used the published key (VerifyError). */
    PROOF_INVALID
  }

  private final Reason reason;

  public VoprfException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
