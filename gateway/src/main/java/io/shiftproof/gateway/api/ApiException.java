package io.shiftproof.gateway.api;

/**
 * A request the gateway refuses, with the HTTP status, a stable machine-readable code and a message
 * the caller can act on. The message is sent to the client; details that are only for operators go
 * to the log, never here.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
