package io.shiftproof.ledger.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

  @Test
  void membersAreSortedByUtf16CodeUnitsAsInRfc8785Section3233() {
    // RFC 8785 §3.2.3: the emoji (a surrogate pair, D83D...) sorts before U+FB33.
    String input =
        "{\n"
            + "  \"\\u20ac\": \"Euro Sign\",\n"
            + "  \"\\r\": \"Carriage Return\",\n"
            + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
            + "  \"1\": \"One\",\n"
            + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
            + "  \"\\u0080\": \"Control\",\n"
            + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
            + "}";

    assertThat(text(CanonicalJson.canonicalize(input)))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void stringsAreEscapedAsInRfc8785Section3222() {
    // RFC 8785 §3.2.2.2: only '"', '\' and control characters are escaped, the latter in the
    // short form where JSON has one and as lower-case \\u00xx otherwise; '/' is not escaped.
    String input = "[\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"]";

    assertThat(text(CanonicalJson.canonicalize(input)))
        .isEqualTo("[\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"]");
  }

  @Test
  void literalsAndIntegersKeepTheirShortestForm() {
    assertThat(text(CanonicalJson.canonicalize("[ null , true , false , -0 , 12 ]")))
        .isEqualTo("[null,true,false,0,12]");
  }

  @Test
  void nestedObjectsAreSortedAndWhitespaceDropped() {
    String input = "{ \"b\" : [ { \"z\" : 1, \"a\" : \"x\" } ], \"a\" : { } }";

    assertThat(text(CanonicalJson.canonicalize(input)))
        .isEqualTo("{\"a\":{},\"b\":[{\"a\":\"x\",\"z\":1}]}");
  }

  @Test
  void canonicalFormIsAFixedPoint() {
    byte[] once =
        CanonicalJson.canonicalize(
            "{\"workerRef\":\"wr_1\",\"segments\":[{\"to\":2,\"from\":1}],\"zone\":\"Asia/Shanghai\"}");

    assertThat(CanonicalJson.canonicalize(once)).isEqualTo(once);
  }

  @Test
  void duplicateMemberIsRefused() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a\" appears twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "[1e3]", "{\"x\":-0.0}"})
  void nonIntegerNumbersAreRefused(String json) {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("want only integers");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"9007199254740992", "[-9007199254740992]", "{\"x\":18446744073709551616}"})
  void integersNotExactAsDoublesAreRefused(String json) {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("want at most 2^53 - 1");
  }

  @Test
  void largestExactIntegersAreKept() {
    assertThat(text(CanonicalJson.canonicalize("[9007199254740991,-9007199254740991]")))
        .isEqualTo("[9007199254740991,-9007199254740991]");
  }

  @Test
  void textAfterTheValueIsRefused() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{} {}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
