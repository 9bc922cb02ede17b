package io.shiftproof.ledger.crypto;

import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.merkle.VerificationResult;
import io.shiftproof.schemas.wire.BatchSignature;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that a platform signed one event ({@link SignedEvent}): the event's bytes lead by its
 * inclusion path to the batch's events root, and the platform's signature over {@code
 * "shiftproof/platform-batch/v2" || 0x00 || bodySha256 || eventsRoot} verifies with the key of the
 * batch's certificate. Pure: no clock, no store, no network.
 *
 * <p>Every check runs, so a changed root is named both as the event not leading to it and as the
 * signature not covering it: the verifier's reader sees each thing that does not hold.
 */
public final class SignedEventVerifier {
  /** What can fail, each named in a report. */
  public enum Failure {
    /** The event's bytes, its leaf index or a node of its path do not lead to the events root. */
    EVENT_NOT_IN_ROOT,
    /** The batch was stored under a context other than the current platform-batch one. */
    UNSUPPORTED_CONTEXT,
    /** The batch carries no signature (taken by a gateway in warn mode). */
    SIGNATURE_MISSING,
    /** The certificate does not parse as X.509, or its key is not EC P-256. */
    CERTIFICATE_UNUSABLE,
    /** The signature does not verify over the body hash and events root with that key. */
    SIGNATURE_INVALID
  }

  /** One thing that does not hold, with what was found. */
  public record Finding(Failure failure, String detail) {
    public Finding {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private SignedEventVerifier() {}

  /** Everything that fails for {@code event}; empty when the platform's signature covers it. */
  public static List<Finding> verify(SignedEvent event) {
    Objects.requireNonNull(event, "event");
    List<Finding> findings = new ArrayList<>();
    inclusion(event).ifPresent(findings::add);
    signature(event.batch()).ifPresent(findings::add);
    return findings;
  }

  /** Why the event's bytes and inclusion path do not lead to its batch's events root, if so. */
  public static Optional<Finding> inclusion(SignedEvent event) {
    SignedBatch batch = event.batch();
    VerificationResult inclusion =
        MerkleVerifier.verifyInclusion(
            TreeHasher.leafHash(event.eventBytes()), event.proof(), batch.eventsRoot());
    if (inclusion.isVerified()) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            Failure.EVENT_NOT_IN_ROOT,
            "event "
                + event.proof().leafIndex()
                + " of "
                + where(batch)
                + ": its bytes and inclusion path do not lead to events root "
                + batch.eventsRoot().toHex()
                + " ("
                + inclusion.failure().orElse("")
                + ")"));
  }

  /**
   * Why the batch's signature does not cover its body hash and events root under the key of its
   * certificate, if so. Which platform the certificate names, and whether it chains to a CA, is for
   * the caller to judge.
   */
  public static Optional<Finding> signature(SignedBatch batch) {
    String where = where(batch);
    if (!SignatureContext.PLATFORM_BATCH.context().equals(batch.signatureContext())) {
      return Optional.of(
          new Finding(
              Failure.UNSUPPORTED_CONTEXT,
              where
                  + ": signed under \""
                  + batch.signatureContext()
                  + "\", want \""
                  + SignatureContext.PLATFORM_BATCH.context()
                  + "\", the only context that signs events one by one"));
    }
    if (batch.signature().isEmpty()) {
      return Optional.of(
          new Finding(
              Failure.SIGNATURE_MISSING,
              where
                  + ": the platform sent no signature (stored "
                  + batch.signatureState()
                  + " by a gateway in warn mode), so only its TLS connection vouches for it"));
    }
    X509Certificate certificate;
    try {
      certificate = certificate(batch);
    } catch (CertificateException | RuntimeException e) {
      return Optional.of(
          new Finding(
              Failure.CERTIFICATE_UNUSABLE,
              where + ": the platform's certificate does not parse (" + e.getMessage() + ")"));
    }
    if (!P256.isP256(certificate.getPublicKey())) {
      return Optional.of(
          new Finding(
              Failure.CERTIFICATE_UNUSABLE,
              where
                  + ": the platform's certificate key is "
                  + certificate.getPublicKey().getAlgorithm()
                  + ", want EC P-256"));
    }
    byte[] message = BatchSignature.message(batch.bodySha256().bytes(), batch.eventsRoot().bytes());
    if (EcdsaP256Verifier.fromCertificate(certificate)
        .verify(SignatureContext.PLATFORM_BATCH, message, batch.signature().get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            Failure.SIGNATURE_INVALID,
            where
                + ": the signature does not verify with the certificate of "
                + certificate.getSubjectX500Principal().getName()
                + " over body SHA-256 "
                + batch.bodySha256().toHex()
                + " and events root "
                + batch.eventsRoot().toHex()));
  }

  /** The batch's certificate, decoded. */
  public static X509Certificate certificate(SignedBatch batch) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(batch.certificateDer()));
  }

  private static String where(SignedBatch batch) {
    return batch.platform() + "'s batch " + batch.batchId();
  }
}
