package io.shiftproof.ledger.pki;

import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.P256;
import io.shiftproof.ledger.pki.CredentialException.Code;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Signing and verification keys read from the PEM files of the credential layout: the hub's key
 * signs, an organisation's certificate verifies.
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
    PrivateKey privateKey = PemFiles.readPrivateKey(privateKeyPem);
    if (!P256.isP256(privateKey)) {
      throw new CredentialException(
          Code.UNSUPPORTED_KEY,
          privateKeyPem + ": got a " + privateKey.getAlgorithm() + " key, want an EC P-256 key");
    }
    return EcdsaP256Signer.of(privateKey);
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
