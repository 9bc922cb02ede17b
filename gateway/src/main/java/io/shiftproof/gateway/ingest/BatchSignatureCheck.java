package io.shiftproof.gateway.ingest;

import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.ingest.BatchProvenance.SignatureState;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.P256;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.schemas.merkle.Rfc6962;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventSpans;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a batch's platform signature ({@link BatchSignature}) against the key of the client
 * certificate it arrived under, once the body has decoded (the decoder finds where each event lies,
 * and the signature covers the events root over them): a batch the platform did not sign is refused
 * whole, as none of its events could later be shown to be the platform's word.
 *
 * <p>In warn mode (a migration period) an unsigned or badly signed batch is taken all the same,
 * logged and counted, and stored as such, so evidence built from it can say so.
 */
public final class BatchSignatureCheck {
  private static final Logger LOG = LoggerFactory.getLogger(BatchSignatureCheck.class);

  /** Whether a batch needs a valid signature. */
  public enum Mode {
    REQUIRED,
    WARN;

    /** The mode a configuration value ({@code required} or {@code warn}) names. */
    public static Mode of(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  private final Mode mode;
  private final GatewayMetrics metrics;

  /**
   * One verifier per certificate: Bouncy Castle keeps its precomputed multiples of the public key
   * with the key's point, which makes every later check of that platform's batches several times
   * cheaper than the first. A platform presents one certificate for months, so the map stays small.
   */
  private final Map<X509Certificate, EcdsaP256Verifier> verifiers = new ConcurrentHashMap<>();

  /** Platform and state pairs already warned of: one line each, the metric counts the rest. */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public BatchSignatureCheck(Mode mode, GatewayMetrics metrics) {
    this.mode = mode;
    this.metrics = metrics;
  }

  /**
   * The batch's provenance.
   *
   * @param spans where the decoder found each element of the body's {@code events}
   * @param header the {@value BatchSignature#HEADER} header's value, or null
   * @throws io.shiftproof.gateway.api.ApiException {@code BATCH_SIGNATURE_MISSING} or {@code
   *     BATCH_SIGNATURE_INVALID} when signatures are required and this one is not valid
   */
  public BatchProvenance check(
      String platform, X509Certificate certificate, byte[] body, EventSpans spans, String header) {
    boolean missing = header == null || header.isBlank();
    Optional<byte[]> signature = missing ? Optional.empty() : decode(header.trim());
    byte[] bodySha256 = BatchSignature.sha256(body);
    byte[] leafHashes = spans.leafHashes(body);
    byte[] eventsRoot = Rfc6962.root(leafHashes);
    Optional<Refusal> refusal =
        refusal(missing, signature, certificate, BatchSignature.message(bodySha256, eventsRoot));
    SignatureState state = refusal.map(Refusal::state).orElse(SignatureState.VALID);
    metrics.batchSignature(platform, state.label());
    if (refusal.isPresent()) {
      if (mode == Mode.REQUIRED) {
        throw refusal.get().code().exception(refusal.get().message());
      }
      if (warned.add(platform + " " + state)) {
        LOG.warn(
            "batch from {} taken with signature {} (warn mode; further such batches are only"
                + " counted in shiftproof_ingest_batch_signatures_total): {}",
            platform,
            state,
            refusal.get().message());
      }
    }
    return new BatchProvenance(
        body, spans, bodySha256, leafHashes, eventsRoot, signature, state, certificate);
  }

  /** Why a batch's signature is not valid, in the words the platform is answered with. */
  private record Refusal(SignatureState state, HttpErrorCode code, String message) {}

  private Optional<Refusal> refusal(
      boolean missing, Optional<byte[]> signature, X509Certificate certificate, byte[] message) {
    if (missing) {
      return Optional.of(
          new Refusal(
              SignatureState.MISSING,
              HttpErrorCode.BATCH_SIGNATURE_MISSING,
              "header "
                  + BatchSignature.HEADER
                  + ": got nothing, want your ECDSA P-256 signature over "
                  + BatchSignature.WHAT_TO_SIGN
                  + ", DER, base64"));
    }
    if (signature.isEmpty()) {
      return invalid(
          "header " + BatchSignature.HEADER + ": not base64; want a DER signature, base64");
    }
    if (!P256.isP256(certificate.getPublicKey())) {
      return invalid(
          "your client certificate's key is "
              + certificate.getPublicKey().getAlgorithm()
              + ", not EC P-256: batch signatures need a P-256 certificate; ask the hub's"
              + " operator for one");
    }
    if (!verifiers
        .computeIfAbsent(certificate, EcdsaP256Verifier::fromCertificate)
        .verify(SignatureContext.PLATFORM_BATCH, message, signature.get())) {
      return invalid(
          "header "
              + BatchSignature.HEADER
              + ": does not verify with your client certificate's key over "
              + BatchSignature.WHAT_TO_SIGN
              + "; sign the body exactly as sent, after any re-encoding, with the key of the"
              + " certificate this request uses (signatures over \""
              + BatchSignature.V1_CONTEXT
              + "\" and the body alone are no longer taken)");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> invalid(String message) {
    return Optional.of(
        new Refusal(SignatureState.INVALID, HttpErrorCode.BATCH_SIGNATURE_INVALID, message));
  }

  private static Optional<byte[]> decode(String base64) {
    try {
      return Optional.of(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no SHA-256", e);
    }
  }
}
