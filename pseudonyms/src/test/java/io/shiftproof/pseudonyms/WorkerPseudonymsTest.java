package io.shiftproof.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerPseudonymsTest {

  @Test
  void spellingsOfTheSameIdentifierHaveOneNormalForm() {
    assertThat(WorkerPseudonyms.normalForm("11010519491231002x"))
        .isEqualTo(WorkerPseudonyms.normalForm(" 110105 19491231 002X "))
        .isEqualTo(WorkerPseudonyms.normalForm("110105-19491231-002X"))
        // full-width digits, as some input methods type them
        .isEqualTo(WorkerPseudonyms.normalForm("１１０１０５１９４９１２３１００２Ｘ"))
        .isEqualTo("11010519491231002X");
    assertThat(new String(WorkerPseudonyms.input("11010519491231002x"), StandardCharsets.UTF_8))
        .isEqualTo("shiftproof-worker-v1:11010519491231002X");
  }

  @Test
  void anIdentifierWithOtherCharactersIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> WorkerPseudonyms.normalForm("1101/0519*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "nationalId: got 8 letters and digits and 2 other characters, want 1 to 64 letters"
                + " and digits (spaces and hyphens are ignored)")
        .message()
        .doesNotContain("1101");
    assertThatThrownBy(() -> WorkerPseudonyms.normalForm("  "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVoprfOutputIsAValidWorkerRef() {
    SecureRandom random = new SecureRandom();
    Evaluator evaluator = new Evaluator(EvaluationKey.generate(random), random);
    VoprfClient client = new VoprfClient(random);
    for (int i = 0; i < 50; i++) {
      BlindedInput blinded = client.blind(WorkerPseudonyms.input("4401" + i));
      byte[] output =
          client
              .finalize(
                  List.of(blinded),
                  evaluator.evaluate(List.of(blinded.blindedElement())),
                  evaluator.publicKey())
              .get(0);
      String ref = WorkerPseudonyms.workerRef(output);
      assertThat(ref).hasSize(46).startsWith("wr_");
      assertThat(io.shiftproof.schemas.wire.WorkerRefs.isWorkerRef(ref)).isTrue();
    }
  }
}
