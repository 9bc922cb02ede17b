package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.crypto.SignedBatch;
import io.shiftproof.ledger.crypto.SignedEvent;
import io.shiftproof.ledger.crypto.SignedEventVerifier;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.schemas.wire.Rfc3339;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ties an event to its platform's word (docs/evidence-format.md §1.3), checked the same way by
 * the builder, which refuses to sign what would not verify, and by the verifier, which names what
 * failed. The cryptography is {@link SignedEventVerifier}'s; this adds whose certificate it is, and
 * whether the event is the bundle's worker's. Each method answers why the part is not sound, or
 * empty when it is.
 */
final class PlatformEvidenceChecks {
  private PlatformEvidenceChecks() {}

  /**
   * The batch's signature: made, under the batch context, with the key of a platform certificate of
   * that platform, chaining to the CA (when given) at the time the hub received the batch.
   */
  static Optional<String> signature(SignedBatch batch, Optional<X509Certificate> trustedCa) {
    X509Certificate certificate;
    try {
      certificate = SignedEventVerifier.certificate(batch);
    } catch (CertificateException | RuntimeException e) {
      return Optional.of("certificate: does not decode (" + e.getMessage() + ")");
    }
    Optional<OrganisationIdentity> identity = OrganisationIdentity.fromCertificate(certificate);
    if (identity.isEmpty()
        || identity.get().role() != Role.PLATFORM
        || !identity.get().organisation().equals(batch.platform())) {
      return Optional.of(
          "certificate: "
              + certificate.getSubjectX500Principal().getName()
              + " is not a platform certificate of "
              + batch.platform()
              + " (want CN="
              + batch.platform()
              + ", OU=platform)");
    }
    if (trustedCa.isPresent()) {
      Optional<String> chain =
          HubCertificates.validate(List.of(certificate), trustedCa.get(), batch.receivedAt());
      if (chain.isPresent()) {
        return Optional.of("certificate: " + chain.get());
      }
    }
    return SignedEventVerifier.signature(batch).map(SignedEventVerifier.Finding::detail);
  }

  /** The event's leaf, walked up its inclusion path, is its batch's events root. */
  static Optional<String> inclusion(SignedEvent event) {
    return SignedEventVerifier.inclusion(event).map(SignedEventVerifier.Finding::detail);
  }

  /**
   * Whether the event, read from its bytes, occurred in the window. Bytes that do not read as an
   * event count as in it, so that {@link #content} names them.
   */
  static boolean inWindow(SignedEvent event, Instant windowFrom, Instant windowTo) {
    Map<?, ?> fields;
    try {
      fields = ReadableEvent.of(event.encoding(), event.eventBytes());
    } catch (IllegalArgumentException e) {
      return true;
    }
    Instant at = occurredAt(fields);
    return at == null || (!at.isBefore(windowFrom) && !at.isAfter(windowTo));
  }

  /**
   * The event's bytes read as an event of the bundle's worker within the window, and {@code
   * readable} (when given) is what they read as.
   */
  static Optional<String> content(
      SignedEvent event,
      Optional<Object> readable,
      String workerRef,
      Instant windowFrom,
      Instant windowTo) {
    Map<?, ?> fields;
    try {
      fields = ReadableEvent.of(event.encoding(), event.eventBytes());
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "eventBase64: not one "
              + event.encoding().mediaType()
              + " event ("
              + e.getMessage()
              + ")");
    }
    if (readable.isPresent()) {
      Optional<String> difference = JsonDifference.first("event", readable.get(), fields);
      if (difference.isPresent()) {
        return Optional.of(difference.get() + " (the readable event differs from its bytes)");
      }
    }
    if (!workerRef.equals(fields.get("workerRef"))) {
      return Optional.of(
          "event.workerRef: got " + fields.get("workerRef") + ", want the bundle's " + workerRef);
    }
    Instant at = occurredAt(fields);
    if (at == null || at.isBefore(windowFrom) || at.isAfter(windowTo)) {
      return Optional.of(
          "event.occurredAt: got " + fields.get("occurredAt") + ", want an instant in the window");
    }
    return Optional.empty();
  }

  /** The event's {@code occurredAt} as an instant, or null when it is missing or not RFC 3339. */
  private static Instant occurredAt(Map<?, ?> fields) {
    return fields.get("occurredAt") instanceof String text ? Rfc3339.parseOrNull(text) : null;
  }
}
