package io.shiftproof.pseudonyms;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The client side of the VOPRF (RFC 9497 §3.3.2): Blind an input, then verify every evaluator's
 * proof and Finalize. With one evaluator this is the RFC's protocol; with a split key the blinded
 * elements pass through each evaluator in turn (each multiplying by its share and proving it
 * against its own public key), the client checks every proof in the chain and unblinds once, and
 * the output is that of a single evaluator keyed by the product of the shares.
 */
public final class VoprfClient {
  private static final byte[] FINALIZE = "Finalize".getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom random;

  public VoprfClient(SecureRandom random) {
    this.random = random;
  }

  /** Blind: a fresh random blind times the input's point. */
  public BlindedInput blind(byte[] input) {
    return blind(input, P256Group.randomScalar(random));
  }

  /** Blind with a given blind, for the published test vectors. */
  static BlindedInput blind(byte[] input, BigInteger blind) {
    if (input.length > 0xffff) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_INPUT,
          "input: got " + input.length + " bytes, want at most 65535");
    }
    ECPoint blinded = hashInput(input).multiply(blind).normalize();
    return new BlindedInput(input, blind, P256Group.serializeElement(blinded));
  }

  /** Verifies the evaluator's proof and finalizes each input, in the batch's order. */
  public List<byte[]> finalize(
      List<BlindedInput> inputs, Evaluation evaluation, EvaluationPublicKey publicKey) {
    return finalizeChain(inputs, List.of(new KeyedEvaluation(publicKey, evaluation)));
  }

  /**
   * Verifies each evaluator's proof over the elements it was given (the blinded elements for the
   * first, the previous evaluator's answer for each next one) and finalizes with the last answer.
   *
   * @throws VoprfException {@code PROOF_INVALID} naming the evaluator whose proof failed
   */
  public List<byte[]> finalizeChain(List<BlindedInput> inputs, List<KeyedEvaluation> chain) {
    if (chain.isEmpty() || inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "chain: got " + chain.size() + " evaluations of " + inputs.size() + " inputs, want both");
    }
    List<ECPoint> given = new ArrayList<>(inputs.size());
    for (BlindedInput input : inputs) {
      given.add(P256Group.deserializeElement(input.blindedElement(), "blindedElement"));
    }
    for (int step = 0; step < chain.size(); step++) {
      KeyedEvaluation link = chain.get(step);
      List<byte[]> answered = link.evaluation().evaluatedElements();
      if (answered.size() != given.size()) {
        throw new VoprfException(
            VoprfException.Reason.INVALID_INPUT,
            "evaluation "
                + step
                + ": got "
                + answered.size()
                + " evaluated elements, want "
                + given.size());
      }
      List<ECPoint> evaluated = new ArrayList<>(answered.size());
      for (int i = 0; i < answered.size(); i++) {
        evaluated.add(
            P256Group.deserializeElement(
                answered.get(i), "evaluation " + step + " evaluatedElements[" + i + "]"));
      }
      Proof proof = Proof.fromBytes(link.evaluation().proof());
      if (!Dleq.verify(link.publicKey().point, given, evaluated, proof)) {
        throw new VoprfException(
            VoprfException.Reason.PROOF_INVALID,
            "evaluation "
                + step
                + ": the proof does not verify against public key "
                + link.publicKey()
                + "; the evaluator did not use its published key (or the answer was altered)");
      }
      given = evaluated;
    }
    ECPoint[] unblinded = new ECPoint[inputs.size()];
    for (int i = 0; i < unblinded.length; i++) {
      unblinded[i] = given.get(i).multiply(inputs.get(i).blind.modInverse(P256Group.ORDER));
    }
    P256Group.CURVE.normalizeAll(unblinded);
    List<byte[]> outputs = new ArrayList<>(inputs.size());
    for (int i = 0; i < unblinded.length; i++) {
      outputs.add(finalHash(inputs.get(i).input(), unblinded[i]));
    }
    return outputs;
  }

  /** HashToGroup of the input; an input that hashes to the identity is refused. */
  static ECPoint hashInput(byte[] input) {
    ECPoint element = P256Group.hashToGroup(input, VoprfSuite.HASH_TO_GROUP_DST);
    if (element.isInfinity()) {
      throw new VoprfException(
          VoprfException.Reason.INVALID_INPUT, "input: hashes to the identity, want another input");
    }
    return element;
  }

  /** The Finalize hash over the input and the unblinded element. */
  static byte[] finalHash(byte[] input, ECPoint unblinded) {
    byte[] element = P256Group.serializeElement(unblinded);
    MessageDigest h = HashToCurve.sha256();
    h.update(VoprfSuite.length2(input.length));
    h.update(input);
    h.update(VoprfSuite.length2(element.length));
    h.update(element);
    h.update(FINALIZE);
    return h.digest();
  }
}
