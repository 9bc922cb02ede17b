package io.shiftproof.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashTest {
  private static final String HEX =
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";

  @Test
  void equalsByContentAndPrintsAsHex() {
    Hash hash = Hash.fromHex(HEX.toUpperCase());
    assertThat(hash).isEqualTo(Hash.of(hash.bytes())).hasSameHashCodeAs(Hash.fromHex(HEX));
    assertThat(hash).hasToString(HEX);
  }

  @Test
  void sharesNoArrayWithCallers() {
    byte[] bytes = Hash.fromHex(HEX).bytes();
    Hash hash = Hash.of(bytes);
    bytes[0] ^= 1;
    hash.bytes()[1] ^= 1;
    assertThat(hash.toHex()).isEqualTo(HEX);
  }

  @Test
  void rejectsAnythingButThirtyTwoBytes() {
    assertThatThrownBy(() -> Hash.of(new byte[31]))
        .hasMessage("hash: got 31 bytes, want 32 (SHA-256)");
    assertThatThrownBy(() -> Hash.fromHex(HEX + "00"))
        .hasMessage("hash: got 33 bytes, want 32 (SHA-256)");
  }
}
