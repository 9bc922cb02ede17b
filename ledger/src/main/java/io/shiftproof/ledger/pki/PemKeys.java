package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.KeyPairs;
import io.shiftproof.ledger.crypto.P256;
import io.shiftproof.ledger.pki.CredentialException.Code;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Signing and verification keys read from the PEM files of the credential layout: the hub's signing
 * key signs, a certificate verifies.
 */
public final class PemKeys {
  private PemKeys() {}

  /**
   * A signer for a private key file: PKCS#8 ({@code BEGIN PRIVATE KEY}) or SEC 1 ({@code BEGIN EC
   * PRIVATE KEY}), unencrypted, on P-256.
   *
   * @throws CredentialException naming the file when it is missing, malformed or not a P-256 key
   */
  public static EcdsaP256Signer signer(Path privateKeyPem) {
    return EcdsaP256Signer.of(privateKey(privateKeyPem));
  }

  /**
   * The P-256 private key of a key file, as {@link #signer} reads it: for a platform's service,
   * which signs its batches with its certificate's key through the JDK.
   *
   * @throws CredentialException naming the file when it is missing, malformed or not a P-256 key
   */
  public static PrivateKey privateKey(Path privateKeyPem) {
    PrivateKey privateKey = PemFiles.readPrivateKey(privateKeyPem);
    if (!P256.isP256(privateKey)) {
      throw new CredentialException(
          Code.UNSUPPORTED_KEY,
          privateKeyPem + ": got a " + privateKey.getAlgorithm() + " key, want an EC P-256 key");
    }
    return privateKey;
  }

  /**
   * The hub's signer: the key of a PEM file, checked to belong to the hub's signing certificate
   * ({@link HubSigningIdentity}), so the hub never signs with a key that verifiers refuse, such as
   * its TLS key.
   *
   * @throws CredentialException naming the file when the key is unusable ({@code UNSUPPORTED_KEY}),
   *     or when the certificate is not a hub signing certificate or not the key's ({@code
   *     INCONSISTENT_CREDENTIALS})
   */
  public static EcdsaP256Signer hubSigner(Path privateKeyPem, Path signingCertificatePem) {
    EcdsaP256Signer signer = signer(privateKeyPem);
    X509Certificate certificate = PemFiles.readCertificates(signingCertificatePem).get(0);
    Optional<String> problem = HubSigningIdentity.problem(certificate);
    if (problem.isPresent()) {
      throw new CredentialException(
          Code.INCONSISTENT_CREDENTIALS,
          signingCertificatePem
              + ": not a hub signing certificate ("
              + problem.get()
              + "); point signing.cert at the hub-signer certificate, not the TLS one");
    }
    if (!KeyPairs.match(PemFiles.readPrivateKey(privateKeyPem), certificate.getPublicKey())) {
      throw new CredentialException(
          Code.INCONSISTENT_CREDENTIALS,
          privateKeyPem + ": does not belong to " + signingCertificatePem);
    }
    return signer;
  }

  /**
   * A verifier for the key of the first certificate in a PEM file.
   *
   * @throws CredentialException naming the file when it is missing, malformed or not a P-256 key
   */
  public static EcdsaP256Verifier verifier(Path certificatePem) {
    X509Certificate certificate = PemFiles.readCertificates(certificatePem).get(0);
    if (!P256.isP256(certificate.getPublicKey())) {
      throw new CredentialException(
          Code.UNSUPPORTED_KEY,
          certificatePem
              + ": got a "
              + certificate.getPublicKey().getAlgorithm()
              + " key, want an EC P-256 key");
    }
    return EcdsaP256Verifier.fromCertificate(certificate);
  }
}
