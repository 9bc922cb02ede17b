package io.shiftproof.embedded;

/**
 * An embedded server could not be started or stopped. {@link #code()} is stable and meant for
 * programs; the message says what to do about it.
 */
public final class EmbeddedServerException extends RuntimeException {

  /** Machine-readable reason for the failure. */
  public enum Code {
    /** Another process, or another server in this JVM, already uses the data directory. */
    DATA_DIR_IN_USE,
    /** The data directory or one of its ancestors cannot be read, written or traversed. */
    DATA_DIR_NOT_ACCESSIBLE,
    /** A requested port is taken by another process. */
    PORT_IN_USE,
    /** The platform lacks something the server needs (an OS, a tool, a binary). */
    UNSUPPORTED_PLATFORM,
    /** The server process did not come up; the message points at its log. */
    STARTUP_FAILED,
    /** The server did not stop cleanly. */
    SHUTDOWN_FAILED
  }

  private final Code code;

  EmbeddedServerException(Code code, String message) {
    super(message);
    this.code = code;
  }

  EmbeddedServerException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable reason code. */
  public Code code() {
    return code;
  }
}
