package io.shiftproof.ledger.pki;

import java.util.Objects;

/**
 * Key or certificate material that cannot be used. The message names the file and says what to do;
 * {@link #code()} is stable for programs that react to it.
 */
public final class CredentialException extends RuntimeException {

  /** Why the material cannot be used. */
  public enum Code {
    /** A file that should exist does not. */
    MISSING_FILE,
    /** A file is not PEM or does not hold the expected object. */
    MALFORMED_PEM,
    /** A key is of a kind this code does not use (wrong curve, encrypted, ...). */
    UNSUPPORTED_KEY,
    /** Only half of a certificate/key pair exists, so it can neither be used nor completed. */
    INCOMPLETE_CREDENTIALS,
    /** Existing files do not fit together or do not match what was asked for. */
    INCONSISTENT_CREDENTIALS,
    /** An existing certificate is no longer (or not yet) valid. */
    EXPIRED_CREDENTIALS
  }

  private final Code code;

  public CredentialException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public CredentialException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code);
  }

  /** The machine-readable reason. */
  public Code code() {
    return code;
  }
}
