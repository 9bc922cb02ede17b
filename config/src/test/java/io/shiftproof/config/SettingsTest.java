package io.shiftproof.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  static final ConfigKey<Integer> PORT =
      ConfigKey.define("demo.port", "8443", "a port 0..65535", Parsers::port, "A port.");
  static final ConfigKey<Duration> TIMEOUT =
      ConfigKey.define(
          "demo.timeout", "PT30S", "an ISO-8601 duration", Parsers::positiveDuration, "A wait.");
  static final ConfigKey<String> SERVER =
      ConfigKey.required("demo.server", "host:port", Parsers::nonEmpty, "A server.");
  static final List<ConfigKey<?>> KEYS = List.of(PORT, TIMEOUT);

  @TempDir Path dir;

  @Test
  void defaultsThenFileThenEnvironmentThenOverrides() throws Exception {
    Path file = dir.resolve("demo.properties");
    Files.writeString(file, "demo.port=9000\ndemo.timeout=PT1S\n");

    Settings s =
        Settings.load(
            KEYS,
            file,
            Map.of("SHIFTPROOF_DEMO_PORT", "9001", "SHIFTPROOF_DEMO_TIMEOUT", "PT2S"),
            Map.of("demo.timeout", "PT3S"),
            "");

    assertThat(s.get(PORT)).isEqualTo(9001);
    assertThat(s.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
    assertThat(Settings.defaults(KEYS).get(PORT)).isEqualTo(8443);
  }

  @Test
  void anUnknownKeyIsRefusedByNameWithWhereToLookThemUp() throws Exception {
    Path file = dir.resolve("demo.properties");
    Files.writeString(file, "demo.prot=9000\n");

    assertThatThrownBy(() -> Settings.load(KEYS, file, Map.of(), Map.of(), "see the manual"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": unknown key \"demo.prot\"; see the manual");
    assertThatThrownBy(() -> Settings.load(KEYS, null, Map.of(), Map.of("demo.prot", "1"), ""))
        .hasMessage("override: unknown key \"demo.prot\"");
  }

  @Test
  void aBadValueIsRefusedWhenTheSettingsAreMade() {
    assertThatThrownBy(() -> Settings.load(KEYS, null, Map.of(), Map.of("demo.port", "70000"), ""))
        .isInstanceOf(ConfigException.class)
        .hasMessage("demo.port: got \"70000\", want a port 0..65535 (out of range)");
  }

  @Test
  void aRequiredKeyMustBeSet() {
    assertThatThrownBy(() -> Settings.defaults(List.of(SERVER)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("demo.server: not set, want host:port");
    assertThat(
            Settings.load(
                    List.of(SERVER), null, Map.of("SHIFTPROOF_DEMO_SERVER", "a:1"), Map.of(), "")
                .get(SERVER))
        .isEqualTo("a:1");
  }

  @Test
  void argumentsRoundTrip() {
    Settings s =
        Settings.load(
            KEYS, null, Map.of(), Map.of("demo.port", " 9001 ", "demo.timeout", "pt5s"), "");

    List<String> arguments = s.arguments(KEYS);
    Settings parsed = Settings.fromArguments(KEYS, arguments);

    assertThat(arguments).containsExactly("--demo.port", "9001", "--demo.timeout", "pt5s");
    assertThat(parsed.get(PORT)).isEqualTo(9001);
    assertThat(parsed.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void argumentsLeftOutTakeTheirDefaults() {
    Settings s =
        Settings.fromArguments(List.of(PORT, TIMEOUT, SERVER), List.of("--demo.server", "a:1"));

    assertThat(s.get(PORT)).isEqualTo(8443);
    assertThat(s.get(SERVER)).isEqualTo("a:1");
  }

  @Test
  void badArgumentsAreRefusedByName() {
    List<ConfigKey<?>> keys = List.of(PORT, TIMEOUT, SERVER);
    assertThatThrownBy(() -> Settings.fromArguments(keys, List.of("--demo.prot", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown argument --demo.prot; want one of --demo.port, --demo.server, --demo.timeout");
    assertThatThrownBy(() -> Settings.fromArguments(keys, List.of("demo.server", "a:1")))
        .hasMessageContaining("got \"demo.server\" where --key was expected");
    assertThatThrownBy(() -> Settings.fromArguments(keys, List.of("--demo.server")))
        .hasMessage("--demo.server: no value follows, want host:port");
    assertThatThrownBy(() -> Settings.fromArguments(keys, List.of()))
        .hasMessage("missing --demo.server, want host:port");
    assertThatThrownBy(
            () ->
                Settings.fromArguments(
                    keys, List.of("--demo.server", "a:1", "--demo.server", "b:1")))
        .hasMessage("--demo.server: given twice");
  }

  @Test
  void keysAreOneEachAndOnlyTheirOwnSettingsAnswerForThem() {
    ConfigKey<Integer> samePort =
        ConfigKey.define("demo.port", "1", "a port", Parsers::port, "Another port.");

    assertThatThrownBy(() -> Settings.defaults(List.of(PORT, samePort)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two keys are named demo.port");
    assertThatThrownBy(() -> Settings.defaults(List.of(samePort)).get(PORT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysNameTheirEnvironmentVariable() {
    assertThat(
            ConfigKey.define("kafka.bootstrap-servers", "", "any", Parsers::text, "Servers.")
                .environmentVariable())
        .isEqualTo("SHIFTPROOF_KAFKA_BOOTSTRAP_SERVERS");
  }
}
