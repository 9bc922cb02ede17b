package io.shiftproof.benchmarks.pseudonyms;

import io.shiftproof.pseudonyms.BlindedInput;
import io.shiftproof.pseudonyms.Evaluation;
import io.shiftproof.pseudonyms.EvaluationKey;
import io.shiftproof.pseudonyms.Evaluator;
import io.shiftproof.pseudonyms.KeyedEvaluation;
import io.shiftproof.pseudonyms.VoprfClient;
import io.shiftproof.pseudonyms.WorkerPseudonyms;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Pseudonym evaluation as the hub runs it (one key, and the split key: the hub's share then the
 * regulator's), and the platform's side (blind, verify every proof, finalize), on batches of {@link
 * #BATCH} national identifiers; against one P-256 scalar multiplication of a point that is not the
 * generator, the unit every step is made of. Scores are elements per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PseudonymEvaluation {
  /** Blinded elements per evaluation request. */
  public static final int BATCH = 100;

  private Evaluator hub;
  private Evaluator regulator;
  private VoprfClient client;
  private List<byte[]> inputs;
  private List<BlindedInput> blinded;
  private List<byte[]> blindedElements;
  private Evaluation hubAnswer;
  private Evaluation regulatorAnswer;
  // The baseline goes to Bouncy Castle directly: the pseudonyms module hides its curve arithmetic.
  private ECPoint point;
  private BigInteger scalar;

  @Setup
  public void keysAndBatch() {
    SecureRandom random = new SecureRandom();
    hub = new Evaluator(EvaluationKey.generate(random), random);
    regulator = new Evaluator(EvaluationKey.generate(random), random);
    client = new VoprfClient(random);
    inputs = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      inputs.add(WorkerPseudonyms.input(String.format("44010619900101%04d", i)));
    }
    blinded = inputs.stream().map(client::blind).toList();
    blindedElements = blinded.stream().map(BlindedInput::blindedElement).toList();
    hubAnswer = hub.evaluate(blindedElements);
    regulatorAnswer = regulator.evaluate(hubAnswer.evaluatedElements());
    X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
    scalar = new BigInteger(255, random);
    point = p256.getG().multiply(new BigInteger(255, random)).normalize();
  }

  /** The baseline: one variable-base scalar multiplication, normalised to affine coordinates. */
  @Benchmark
  public ECPoint scalarMultiplication() {
    return point.multiply(scalar).normalize();
  }

  /** BlindEvaluate with one key: the elements times the key, and one proof for the batch. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Evaluation singleKey() {
    return hub.evaluate(blindedElements);
  }

  /** The split key: the hub's share, then the regulator's on the hub's answer, each proved. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Evaluation splitKey() {
    return regulator.evaluate(hub.evaluate(blindedElements).evaluatedElements());
  }

  /** The platform with one evaluator: blind each input, verify the proof, finalize. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void clientSingleKey(Blackhole outputs) {
    List<BlindedInput> fresh = inputs.stream().map(client::blind).toList();
    // The answer was evaluated for other blinds: verified against those, finalised for the cost.
    outputs.consume(fresh);
    outputs.consume(client.finalize(blinded, hubAnswer, hub.publicKey()));
  }

  /** The platform with the split key: blind, verify both proofs, finalize once. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void clientSplitKey(Blackhole outputs) {
    List<BlindedInput> fresh = inputs.stream().map(client::blind).toList();
    outputs.consume(fresh);
    outputs.consume(
        client.finalizeChain(
            blinded,
            List.of(
                new KeyedEvaluation(hub.publicKey(), hubAnswer),
                new KeyedEvaluation(regulator.publicKey(), regulatorAnswer))));
  }
}
