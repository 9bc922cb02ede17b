package io.shiftproof.gateway.api;

/**
 * Stable codes for request-level errors of the HTTP API. Event- and batch-level validation codes
 * come from {@code io.shiftproof.schemas.wire.ErrorCode}; both are part of the public contract and
 * never renamed. ({@code WORKER_NOT_FOUND} is retired: an unknown worker is answered as {@link
 * #DAY_NOT_FOUND}, so the API is not an oracle for which pseudonyms exist.)
 */
public enum HttpErrorCode {
  CERTIFICATE_REQUIRED(401),
  UNKNOWN_ROLE(403),
  UNKNOWN_ISSUER(403),
  CERTIFICATE_REVOKED(403),
  FORBIDDEN_ROLE(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  BODY_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  URI_TOO_LONG(414),
  RATE_LIMITED(429),
  HEADERS_TOO_LARGE(431),
  EMPTY_BODY(400),
  BAD_REQUEST(400),
  INVALID_WORKER_REF(400),
  INVALID_DATE(400),
  INVALID_VERSION(400),
  INVALID_INSTANT(400),
  INVALID_LIMIT(400),
  DAY_NOT_FOUND(404),
  VERSION_NOT_FOUND(404),
  STATUS_NOT_YET_KNOWN(409),
  EVIDENCE_NOT_SEALED(409),
  EVIDENCE_INCONSISTENT(409),
  INVALID_REFERENCE(400),
  INVALID_CELL(400),
  INVALID_CATEGORY(400),
  INVALID_CLAIM_ID(400),
  INVALID_EVIDENCE_HASH(400),
  INVALID_DECISION(400),
  INVALID_PAYMENT(400),
  INVALID_POLICY(400),
  SIGNATURE_INVALID(400),
  BATCH_SIGNATURE_MISSING(400),
  BATCH_SIGNATURE_INVALID(400),
  INVALID_BLINDED_ELEMENT(400),
  TOO_MANY_ELEMENTS(400),
  INVALID_TOKEN(401),
  NOT_ASSIGNED(403),
  NOT_PERMITTED(403),
  NO_CLAIM_FOR_WORKER(403),
  CLAIM_NOT_FOUND(404),
  EVIDENCE_NOT_FOUND(404),
  POLICY_NOT_FOUND(404),
  REFERENCE_REUSED(409),
  POLICY_EXISTS(409),
  INVALID_TRANSITION(409),
  DECISION_REPLAYED(409),
  STALE_EVIDENCE(409),
  INGEST_UNAVAILABLE(503),
  RECORDS_UNAVAILABLE(503),
  TIMEOUT(503),
  INTERNAL_ERROR(500);

  private final int status;

  HttpErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** An exception carrying this code, its status and the given message. */
  public ApiException exception(String message) {
    return new ApiException(status, name(), message);
  }
}
