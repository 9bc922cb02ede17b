package io.shiftproof.gateway.ingest;

/**
 * The batch could not be made durable right now (database or Kafka unavailable). Nothing of it was
 * acknowledged, so the platform can safely resend the same batch.
 */
public final class IngestUnavailableException extends RuntimeException {
  public IngestUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
