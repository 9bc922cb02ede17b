package io.shiftproof.pseudonyms;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The server side of the VOPRF (BlindEvaluate, RFC 9497 §3.3.2): multiplies a batch of blinded
 * elements by its key and proves, in one proof, that it used the key it publishes. It never sees an
 * input, only points that look random. With a split key the hub and the regulator each run one,
 * each with its own share; a client passes the first's answer on to the second.
 */
public final class Evaluator {
  private final EvaluationKey key;
  private final SecureRandom random;

  public Evaluator(EvaluationKey key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  public EvaluationPublicKey publicKey() {
    return key.publicKey();
  }

  /**
   * BlindEvaluate over a batch: every element is validated first, so a bad one refuses the batch
   * with a message naming its index.
   */
  public Evaluation evaluate(List<byte[]> blindedElements) {
    return evaluate(blindedElements, P256Group.randomScalar(random));
  }

  /** With the proof's random scalar given, for the published test vectors. */
  Evaluation evaluate(List<byte[]> blindedElements, BigInteger proofRandomScalar) {
    if (blindedElements.isEmpty()) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_INPUT,
          "blindedElements: got none, want at least one element");
    }
    List<ECPoint> c = new ArrayList<>(blindedElements.size());
    for (int i = 0; i < blindedElements.size(); i++) {
      c.add(P256Group.deserializeElement(blindedElements.get(i), "blindedElements[" + i + "]"));
    }
    ECPoint[] evaluated = new ECPoint[c.size()];
    for (int i = 0; i < evaluated.length; i++) {
      evaluated[i] = c.get(i).multiply(key.secret);
    }
    // One field inversion for the whole batch instead of one per element.
    P256Group.CURVE.normalizeAll(evaluated);
    List<ECPoint> d = List.of(evaluated);
    List<byte[]> out = new ArrayList<>(evaluated.length);
    for (ECPoint point : evaluated) {
      out.add(P256Group.serializeElement(point));
    }
    Proof proof = Dleq.generate(key.secret, key.publicKey().point, c, d, proofRandomScalar);
    return new Evaluation(out, proof.toBytes());
  }

  /**
   * Evaluate of RFC 9497 §3.3.1 on an input it is given in the clear: what the blinded protocol
   * yields. For tests and benchmarks; the hub never holds an input.
   */
  public byte[] evaluateUnblinded(byte[] input) {
    ECPoint element = VoprfClient.hashInput(input);
    return VoprfClient.finalHash(input, element.multiply(key.secret).normalize());
  }
}
