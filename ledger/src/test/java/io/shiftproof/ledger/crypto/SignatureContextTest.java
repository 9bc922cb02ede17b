package io.shiftproof.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A signature is bound to its kind: it verifies under its own context and under no other. */
class SignatureContextTest {
  @Test
  void theDigestSignedIsTheSha256OfTheFramedBytes() throws Exception {
    byte[] message = "a batch of work-session events".getBytes(StandardCharsets.UTF_8);
    for (SignatureContext context : SignatureContext.values()) {
      assertThat(context.digest(message))
          .as(context.name())
          .isEqualTo(
              java.security.MessageDigest.getInstance("SHA-256").digest(context.frame(message)));
    }
  }

  private static final KeyPair KEYS = P256.generateKeyPair(new SecureRandom());
  private static final byte[] MESSAGE = "{\"sequence\":1}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignatureOfOneKindVerifiesAsNoOtherKind() {
    Signer signer = EcdsaP256Signer.of(KEYS.getPrivate());
    Verifier verifier = EcdsaP256Verifier.of(KEYS.getPublic());

    for (SignatureContext signedAs : SignatureContext.values()) {
      byte[] signature = signer.sign(signedAs, MESSAGE);
      for (SignatureContext checkedAs : SignatureContext.values()) {
        assertThat(verifier.verify(checkedAs, MESSAGE, signature))
            .as("signed as %s, checked as %s", signedAs, checkedAs)
            .isEqualTo(signedAs == checkedAs);
      }
    }
  }

  @Test
  void aSignatureOverTheBareBytesVerifiesAsNoKind() throws Exception {
    // What every signature was before contexts: ECDSA over the bytes alone.
    Signature bare = Signature.getInstance(P256.SIGNATURE_ALGORITHM);
    bare.initSign(KEYS.getPrivate());
    bare.update(MESSAGE);
    byte[] signature = bare.sign();
    Verifier verifier = EcdsaP256Verifier.of(KEYS.getPublic());

    for (SignatureContext context : SignatureContext.values()) {
      assertThat(verifier.verify(context, MESSAGE, signature)).as(context.name()).isFalse();
    }
  }

  @Test
  void theFramedBytesAreContextZeroByteMessage() {
    byte[] framed = SignatureContext.LEDGER_ENTRY.frame(MESSAGE);

    byte[] prefix = "shiftproof/ledger-entry/v1".getBytes(StandardCharsets.US_ASCII);
    assertThat(Arrays.copyOfRange(framed, 0, prefix.length)).isEqualTo(prefix);
    assertThat(framed[prefix.length]).isZero();
    assertThat(Arrays.copyOfRange(framed, prefix.length + 1, framed.length)).isEqualTo(MESSAGE);
  }

  @Test
  void contextsAreDistinctAsciiWithoutZeroBytesAndNoneIsAPrefixOfAnother() {
    Set<String> seen = new HashSet<>();
    for (SignatureContext context : SignatureContext.values()) {
      String text = context.context();
      assertThat(seen.add(text)).as(text).isTrue();
      assertThat(text).matches("[\\x21-\\x7e]+");
      for (SignatureContext other : SignatureContext.values()) {
        if (other != context) {
          assertThat(other.context()).as(other + " vs " + context).doesNotStartWith(text);
        }
      }
    }
  }
}
