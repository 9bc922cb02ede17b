package io.shiftproof.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignedLedgerHeadTest {
  private static final KeyPair HUB = p256();
  private static final Hash HASH = Hash.fromHex("0f".repeat(32));
  private static final Instant AT = Instant.parse("2026-11-28T06:30:00.123456789Z");

  @Test
  void theSignedBytesAreTheCanonicalHeadSignedInTheHeadContext() {
    SignedLedgerHead head =
        SignedLedgerHead.sign(7, HASH, AT, EcdsaP256Signer.of(HUB.getPrivate()));

    assertThat(new String(head.signedBytes(), StandardCharsets.US_ASCII))
        .isEqualTo(
            "{\"hash\":\"" + "0f".repeat(32) + "\",\"sequence\":7,\"txTime\":1795847400123456}");
    assertThat(head.txTime()).isEqualTo(Instant.parse("2026-11-28T06:30:00.123456Z"));
    assertThat(head.verifiedBy(EcdsaP256Verifier.of(HUB.getPublic()))).isTrue();
    assertThat(head.verifiedBy(EcdsaP256Verifier.of(p256().getPublic()))).isFalse();
    assertThat(
            EcdsaP256Verifier.of(HUB.getPublic())
                .verify(SignatureContext.LEDGER_ENTRY, head.signedBytes(), head.signature()))
        .as("a head signature is no ledger-entry signature")
        .isFalse();
  }

  @Test
  void aChangedHeadNoLongerVerifies() {
    SignedLedgerHead head =
        SignedLedgerHead.sign(7, HASH, AT, EcdsaP256Signer.of(HUB.getPrivate()));
    SignedLedgerHead moved = new SignedLedgerHead(8, HASH, head.txTime(), head.signature());

    assertThat(moved.verifiedBy(EcdsaP256Verifier.of(HUB.getPublic()))).isFalse();
  }

  @Test
  void theJsonFormRoundTrips() {
    SignedLedgerHead head =
        SignedLedgerHead.sign(7, HASH, AT, EcdsaP256Signer.of(HUB.getPrivate()));

    assertThat(SignedLedgerHead.fromJson(head.toJson())).isEqualTo(head);
  }

  @Test
  void malformedHeadsAreRefusedNamingTheMember() {
    assertThatThrownBy(() -> SignedLedgerHead.fromJson(bytes("[]")))
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> SignedLedgerHead.fromJson(bytes("{\"format\":\"x\"}")))
        .hasMessageStartingWith("format:");
    assertThatThrownBy(
            () ->
                SignedLedgerHead.fromJson(
                    bytes(
                        "{\"format\":\"shiftproof-ledger-head/1\",\"sequence\":1,\"hash\":\"ab\","
                            + "\"txTime\":0,\"signature\":\"AA==\"}")))
        .hasMessageStartingWith("hash:");
    assertThatThrownBy(
            () ->
                SignedLedgerHead.fromJson(
                    bytes(
                        "{\"format\":\"shiftproof-ledger-head/1\",\"sequence\":1,\"hash\":\""
                            + "0f".repeat(32)
                            + "\",\"txTime\":0,\"signature\":\"AA==\",\"extra\":1}")))
        .hasMessageContaining("unknown member extra");
    assertThatThrownBy(
            () ->
                SignedLedgerHead.fromJson(
                    bytes(
                        "{\"format\":\"shiftproof-ledger-head/1\",\"sequence\":-1,\"hash\":\""
                            + "0f".repeat(32)
                            + "\",\"txTime\":0,\"signature\":\"AA==\"}")))
        .hasMessageStartingWith("sequence:");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has EC P-256", e);
    }
  }
}
