package io.shiftproof.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every test vector of RFC 9497 Appendix A.3 for {@code P256-SHA256} in VOPRF mode (key derivation,
 * Blind, BlindEvaluate with its proof, Finalize, batches of one and two), as the CFRG draft's
 * repository ships them ({@code poc/vectors/allVectors.json}).
 */
class VoprfVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static JsonNode suite() {
    for (JsonNode s : HashToCurveVectorsTest.load("rfc9497-P256-SHA256.json")) {
      if (s.get("identifier").asText().equals(VoprfSuite.IDENTIFIER)
          && s.get("mode").asInt() == VoprfSuite.MODE) {
        return s;
      }
    }
    throw new IllegalStateException("no P256-SHA256 VOPRF vectors");
  }

  static Stream<JsonNode> vectors() {
    List<JsonNode> all = new ArrayList<>();
    suite().get("vectors").forEach(all::add);
    return all.stream();
  }

  @Test
  void theSuiteHasTheContextStringOfTheRfc() {
    assertThat(HEX.formatHex(VoprfSuite.HASH_TO_GROUP_DST))
        .isEqualTo(suite().get("groupDST").asText());
    assertThat(vectors()).hasSize(3);
  }

  @Test
  void keyDerivationMatchesTheRfc() {
    JsonNode s = suite();
    EvaluationKey key = EvaluationKey.derive(bytes(s.get("seed")), bytes(s.get("keyInfo")));
    assertThat(HEX.formatHex(key.toBytes())).isEqualTo(s.get("skSm").asText());
    assertThat(HEX.formatHex(key.publicKey().toBytes())).isEqualTo(s.get("pkSm").asText());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void blindEvaluateFinalizeMatchTheRfc(JsonNode v) {
    EvaluationKey key = EvaluationKey.fromBytes(bytes(suite().get("skSm")));
    List<byte[]> inputs = list(v.get("Input"));
    List<byte[]> blinds = list(v.get("Blind"));
    int batch = v.get("Batch").asInt();
    assertThat(inputs).hasSize(batch);

    List<BlindedInput> blinded = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      blinded.add(VoprfClient.blind(inputs.get(i), new BigInteger(1, blinds.get(i))));
    }
    assertThat(hex(blinded.stream().map(BlindedInput::blindedElement).toList()))
        .isEqualTo(v.get("BlindedElement").asText());

    Evaluation evaluation =
        new Evaluator(key, null)
            .evaluate(
                blinded.stream().map(BlindedInput::blindedElement).toList(),
                new BigInteger(1, bytes(v.get("Proof").get("r"))));
    assertThat(hex(evaluation.evaluatedElements())).isEqualTo(v.get("EvaluationElement").asText());
    assertThat(HEX.formatHex(evaluation.proof())).isEqualTo(v.get("Proof").get("proof").asText());

    List<byte[]> outputs = new VoprfClient(null).finalize(blinded, evaluation, key.publicKey());
    assertThat(hex(outputs)).isEqualTo(v.get("Output").asText());
    for (int i = 0; i < batch; i++) {
      assertThat(new Evaluator(key, null).evaluateUnblinded(inputs.get(i)))
          .isEqualTo(outputs.get(i));
    }
  }

  private static byte[] bytes(JsonNode n) {
    return HEX.parseHex(n.asText());
  }

  private static List<byte[]> list(JsonNode n) {
    return Arrays.stream(n.asText().split(",")).map(HEX::parseHex).toList();
  }

  private static String hex(List<byte[]> parts) {
    return String.join(",", parts.stream().map(HEX::formatHex).toList());
  }
}
