package io.shiftproof.ledger.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * A {@link Signer} holding a P-256 private key. The per-signature nonce is derived from the key and
 * the message (RFC 6979), so signing needs no random numbers and a weak random source can never
 * leak the key; the signatures still verify with any ECDSA implementation (over the framed bytes,
 * {@link SignatureContext#frame}).
 */
public final class EcdsaP256Signer implements Signer {
  private final ECPrivateKeyParameters key;

  private EcdsaP256Signer(ECPrivateKeyParameters key) {
    this.key = key;
  }

  /** A signer for a P-256 private key. */
  public static EcdsaP256Signer of(PrivateKey privateKey) {
    if (!P256.isP256(privateKey)) {
      throw new IllegalArgumentException(
          "privateKey: got " + privateKey.getAlgorithm() + ", want an EC P-256 key");
    }
    BigInteger d = ((ECPrivateKey) privateKey).getS();
    return new EcdsaP256Signer(new ECPrivateKeyParameters(d, P256.DOMAIN));
  }

  @Override
  public byte[] sign(SignatureContext context, byte[] message) {
    return signDigest(context.digest(message));
  }

  /**
   * The signature of exactly {@code message}, with no context: for the published test vectors only,
   * which sign bare messages. Everything the hub signs goes through {@link #sign}.
   */
  byte[] signBytes(byte[] message) {
    return signDigest(P256.sha256(message));
  }

  private byte[] signDigest(byte[] digest) {
    // A fresh signer per call keeps this class safe to share between threads.
    ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    ecdsa.init(true, key);
    BigInteger[] rs = ecdsa.generateSignature(digest);
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("two integers failed to DER-encode", e);
    }
  }
}
