package io.shiftproof.pseudonyms;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The batched discrete-log-equality proof of RFC 9497 §2.2: one proof for a whole batch, over the
 * random linear combinations (composites) of the blinded and evaluated elements.
 */
final class Dleq {
  private static final byte[] CHALLENGE = "Challenge".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMPOSITE = "Composite".getBytes(StandardCharsets.US_ASCII);

  private Dleq() {}

  /** GenerateProof with A = G, B = k·G, the evaluator knowing k (ComputeCompositesFast). */
  static Proof generate(
      BigInteger k, ECPoint publicKey, List<ECPoint> c, List<ECPoint> d, BigInteger r) {
    ECPoint m = composite(publicKey, c, d, false)[0];
    ECPoint z = m.multiply(k).normalize();
    ECPoint t2 = P256Group.multiplyGenerator(r);
    ECPoint t3 = m.multiply(r).normalize();
    BigInteger challenge = challenge(publicKey, m, z, t2, t3);
    BigInteger s = r.subtract(challenge.multiply(k)).mod(P256Group.ORDER);
    return new Proof(challenge, s);
  }

  /** VerifyProof with A = G: whether D[i] = k·C[i] for the k of {@code publicKey}. */
  static boolean verify(ECPoint publicKey, List<ECPoint> c, List<ECPoint> d, Proof proof) {
    ECPoint[] mz = composite(publicKey, c, d, true);
    ECPoint m = mz[0];
    ECPoint z = mz[1];
    ECPoint t2 =
        ECAlgorithms.sumOfTwoMultiplies(P256Group.GENERATOR, proof.s, publicKey, proof.c)
            .normalize();
    ECPoint t3 = ECAlgorithms.sumOfTwoMultiplies(m, proof.s, z, proof.c).normalize();
    if (t2.isInfinity() || t3.isInfinity() || m.isInfinity() || z.isInfinity()) {
      return false;
    }
    BigInteger expected = challenge(publicKey, m, z, t2, t3);
    return MessageDigest.isEqual(
        P256Group.serializeScalar(expected), P256Group.serializeScalar(proof.c));
  }

  /**
   * ComputeComposites: M = Σ d_i·C_i and, for the verifier, Z = Σ d_i·D_i. The evaluator computes Z
   * as k·M instead, one multiplication rather than one per element.
   */
  private static ECPoint[] composite(
      ECPoint publicKey, List<ECPoint> c, List<ECPoint> d, boolean withZ) {
    byte[] bm = P256Group.serializeElement(publicKey);
    MessageDigest h = HashToCurve.sha256();
    h.update(VoprfSuite.length2(bm.length));
    h.update(bm);
    h.update(VoprfSuite.length2(VoprfSuite.SEED_DST.length));
    h.update(VoprfSuite.SEED_DST);
    byte[] seed = h.digest();
    int n = c.size();
    BigInteger[] weights = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      byte[] ci = P256Group.serializeElement(c.get(i));
      byte[] di = P256Group.serializeElement(d.get(i));
      byte[] transcript =
          HashToCurve.concat(
              VoprfSuite.length2(seed.length),
              seed,
              VoprfSuite.length2(i),
              VoprfSuite.length2(ci.length),
              ci,
              VoprfSuite.length2(di.length),
              di,
              COMPOSITE);
      weights[i] = P256Group.hashToScalar(transcript, VoprfSuite.HASH_TO_SCALAR_DST);
    }
    // One interleaved multi-scalar multiplication shares the doublings across the whole batch.
    ECPoint m = ECAlgorithms.sumOfMultiplies(c.toArray(ECPoint[]::new), weights);
    ECPoint z =
        withZ
            ? ECAlgorithms.sumOfMultiplies(d.toArray(ECPoint[]::new), weights)
            : P256Group.CURVE.getInfinity();
    return new ECPoint[] {m.normalize(), z.normalize()};
  }

  private static BigInteger challenge(
      ECPoint publicKey, ECPoint m, ECPoint z, ECPoint t2, ECPoint t3) {
    byte[][] parts = {
      P256Group.serializeElement(publicKey),
      P256Group.serializeElement(m),
      P256Group.serializeElement(z),
      P256Group.serializeElement(t2),
      P256Group.serializeElement(t3)
    };
    byte[] transcript = new byte[0];
    for (byte[] part : parts) {
      transcript = HashToCurve.concat(transcript, VoprfSuite.length2(part.length), part);
    }
    transcript = HashToCurve.concat(transcript, CHALLENGE);
    return P256Group.hashToScalar(transcript, VoprfSuite.HASH_TO_SCALAR_DST);
  }
}
