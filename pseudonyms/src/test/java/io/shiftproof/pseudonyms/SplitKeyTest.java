package io.shiftproof.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The split key: the hub and the regulator each multiply by their share and prove it, and the
 * client's output is that of one evaluator keyed by the product of the shares.
 */
class SplitKeyTest {

  @Property(tries = 40)
  void splitKeyEvaluationEqualsSingleKeyEvaluationWithTheProductOfTheShares(
      @ForAll @Size(min = 1, max = 3) List<@Size(max = 30) byte[]> inputs, @ForAll long seed) {
    SecureRandom random = VoprfPropertiesTest.seeded(seed);
    EvaluationKey hubShare = EvaluationKey.generate(random);
    EvaluationKey regulatorShare = EvaluationKey.generate(random);
    Evaluator hub = new Evaluator(hubShare, random);
    Evaluator regulator = new Evaluator(regulatorShare, random);
    VoprfClient client = new VoprfClient(random);

    List<BlindedInput> blinded = inputs.stream().map(client::blind).toList();
    Evaluation first = hub.evaluate(blinded.stream().map(BlindedInput::blindedElement).toList());
    Evaluation second = regulator.evaluate(first.evaluatedElements());
    List<byte[]> outputs =
        client.finalizeChain(
            blinded,
            List.of(
                new KeyedEvaluation(hub.publicKey(), first),
                new KeyedEvaluation(regulator.publicKey(), second)));

    Evaluator single = new Evaluator(hubShare.times(regulatorShare), random);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(outputs.get(i)).isEqualTo(single.evaluateUnblinded(inputs.get(i)));
      // Neither share alone gives the pseudonym.
      assertThat(outputs.get(i))
          .isNotEqualTo(hub.evaluateUnblinded(inputs.get(i)))
          .isNotEqualTo(regulator.evaluateUnblinded(inputs.get(i)));
    }
  }

  @Property(tries = 20)
  void aRegulatorAnswerProvedAgainstTheWrongShareIsCaught(
      @ForAll @Size(max = 30) byte[] input, @ForAll long seed) {
    SecureRandom random = VoprfPropertiesTest.seeded(seed);
    Evaluator hub = new Evaluator(EvaluationKey.generate(random), random);
    Evaluator regulator = new Evaluator(EvaluationKey.generate(random), random);
    Evaluator impostor = new Evaluator(EvaluationKey.generate(random), random);
    VoprfClient client = new VoprfClient(random);
    BlindedInput blinded = client.blind(input);

    Evaluation first = hub.evaluate(List.of(blinded.blindedElement()));
    Evaluation second = impostor.evaluate(first.evaluatedElements());

    assertSecondProofRefused(client, blinded, hub, first, regulator, second);
  }

  @Property(tries = 20)
  void skippingTheRegulatorIsCaught(@ForAll @Size(max = 30) byte[] input, @ForAll long seed) {
    SecureRandom random = VoprfPropertiesTest.seeded(seed);
    Evaluator hub = new Evaluator(EvaluationKey.generate(random), random);
    Evaluator regulator = new Evaluator(EvaluationKey.generate(random), random);
    VoprfClient client = new VoprfClient(random);
    BlindedInput blinded = client.blind(input);

    Evaluation first = hub.evaluate(List.of(blinded.blindedElement()));
    // The hub answers in the regulator's place with its own share again.
    Evaluation second = hub.evaluate(first.evaluatedElements());

    assertSecondProofRefused(client, blinded, hub, first, regulator, second);
  }

  /** The chain is refused at its second evaluation, whose proof is not the regulator's. */
  private static void assertSecondProofRefused(
      VoprfClient client,
      BlindedInput blinded,
      Evaluator hub,
      Evaluation first,
      Evaluator regulator,
      Evaluation second) {
    assertThatThrownBy(
            () ->
                client.finalizeChain(
                    List.of(blinded),
                    List.of(
                        new KeyedEvaluation(hub.publicKey(), first),
                        new KeyedEvaluation(regulator.publicKey(), second))))
        .isInstanceOfSatisfying(
            VoprfException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(VoprfException.Reason.PROOF_INVALID);
              assertThat(e.getMessage()).startsWith("evaluation 1:");
            });
  }
}
