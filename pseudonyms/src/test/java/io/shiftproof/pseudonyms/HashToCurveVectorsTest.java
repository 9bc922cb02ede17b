package io.shiftproof.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every test vector RFC 9380 publishes for {@code P256_XMD:SHA-256_SSWU_RO_} (Appendix J.1.1) and
 * for {@code expand_message_xmd} with SHA-256 (Appendix K.1, both tags), as the CFRG draft's
 * repository ships them ({@code poc/vectors}).
 */
class HashToCurveVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  static JsonNode load(String name) {
    try (InputStream in = HashToCurveVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(name, e);
    }
  }

  static Stream<JsonNode> hashToCurveVectors() {
    JsonNode suite = load("P256_XMD_SHA-256_SSWU_RO_.json");
    List<JsonNode> vectors = new ArrayList<>();
    suite.get("vectors").forEach(vectors::add);
    return vectors.stream();
  }

  static Stream<JsonNode> expandVectors() {
    List<JsonNode> all = new ArrayList<>();
    for (String file :
        List.of("expand_message_xmd_SHA256_38.json", "expand_message_xmd_SHA256_256.json")) {
      JsonNode suite = load(file);
      // Each test carries its file's tag, so one parameterised test covers both files.
      for (JsonNode test : suite.get("tests")) {
        ObjectNode withTag = test.deepCopy();
        all.add(withTag.put("DST", suite.get("DST").asText()));
      }
    }
    return all.stream();
  }

  @Test
  void theSuiteFileIsTheRfcsSuite() {
    JsonNode suite = load("P256_XMD_SHA-256_SSWU_RO_.json");
    assertThat(suite.get("ciphersuite").asText()).isEqualTo(HashToCurve.SUITE);
    assertThat(suite.get("vectors")).hasSize(5);
    assertThat(expandVectors()).hasSize(20);
  }

  @ParameterizedTest
  @MethodSource("hashToCurveVectors")
  void hashToCurveMatchesTheRfc(JsonNode v) {
    byte[] dst =
        load("P256_XMD_SHA-256_SSWU_RO_.json")
            .get("dst")
            .asText()
            .getBytes(StandardCharsets.US_ASCII);
    byte[] msg = v.get("msg").asText().getBytes(StandardCharsets.US_ASCII);

    BigInteger[] u =
        HashToCurve.hashToField(msg, dst, 2, P256Group.CURVE.getField().getCharacteristic());
    assertThat(u[0]).isEqualTo(hex(v.get("u").get(0)));
    assertThat(u[1]).isEqualTo(hex(v.get("u").get(1)));
    assertPoint(HashToCurve.mapToCurve(u[0]).normalize(), v.get("Q0"));
    assertPoint(HashToCurve.mapToCurve(u[1]).normalize(), v.get("Q1"));
    assertPoint(HashToCurve.hashToCurve(msg, dst), v.get("P"));
  }

  @ParameterizedTest
  @MethodSource("expandVectors")
  void expandMessageXmdMatchesTheRfc(JsonNode v) {
    byte[] dst = v.get("DST").asText().getBytes(StandardCharsets.US_ASCII);
    byte[] msg = v.get("msg").asText().getBytes(StandardCharsets.US_ASCII);
    int len = Integer.decode(v.get("len_in_bytes").asText());
    assertThat(HEX.formatHex(HashToCurve.expandMessageXmd(msg, dst, len)))
        .isEqualTo(v.get("uniform_bytes").asText());
  }

  private static void assertPoint(ECPoint point, JsonNode expected) {
    assertThat(point.getAffineXCoord().toBigInteger()).isEqualTo(hex(expected.get("x")));
    assertThat(point.getAffineYCoord().toBigInteger()).isEqualTo(hex(expected.get("y")));
  }

  private static BigInteger hex(JsonNode n) {
    return new BigInteger(n.asText().substring(2), 16);
  }
}
