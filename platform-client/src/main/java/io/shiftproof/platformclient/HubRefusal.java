package io.shiftproof.platformclient;

/**
 * The hub refused a request for good (a 4xx other than 429), or kept answering busy past the
 * client's retries; {@link #retriable()} says which. The code and message are the hub's.
 */
public final class HubRefusal extends RuntimeException {
  private final int status;
  private final String code;
  private final boolean retriable;

  public HubRefusal(int status, String code, String message, boolean retriable) {
    super(status + " " + code + ": " + message);
    this.status = status;
    this.code = code;
    this.retriable = retriable;
  }

  public int status() {
    return status;
  }

  /** The hub's stable error code, e.g. {@code INVALID_BLINDED_ELEMENT}. */
  public String code() {
    return code;
  }

  /** Whether the same request may succeed later (the hub was busy or unreachable). */
  public boolean retriable() {
    return retriable;
  }
}
