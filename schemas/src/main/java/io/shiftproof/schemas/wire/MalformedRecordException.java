package io.shiftproof.schemas.wire;

import java.util.Objects;

/**
 * Thrown when a stored record (e.g. a work-events topic value) cannot be decoded: corrupt bytes
 * ({@link ErrorCode#MALFORMED_AVRO}) or a schema version this build does not know ({@link
 * ErrorCode#UNSUPPORTED_SCHEMA}, usually a reader older than the writer).
 */
public final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public MalformedRecordException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
