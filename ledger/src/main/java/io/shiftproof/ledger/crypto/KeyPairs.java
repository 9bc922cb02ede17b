package io.shiftproof.ledger.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/** Checks that a private key and a public key (usually a certificate's) belong together. */
public final class KeyPairs {
  private KeyPairs() {}

  /**
   * Whether the private key signs what the public key verifies. A trial signature works for any key
   * the JDK reads, where comparing encodings would depend on how each file was written.
   */
  public static boolean match(PrivateKey privateKey, PublicKey publicKey) {
    if (!P256.isP256(privateKey) || !P256.isP256(publicKey)) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(P256.SIGNATURE_ALGORITHM);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(P256.SIGNATURE_ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
