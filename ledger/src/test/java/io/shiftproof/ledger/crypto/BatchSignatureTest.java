package io.shiftproof.ledger.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.BatchSignature;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The wire format signs platform batches with the JDK alone ({@link BatchSignature}); the hub
 * checks them as {@link SignatureContext#PLATFORM_BATCH} messages. Both must mean the same bytes.
 */
class BatchSignatureTest {
  private static final KeyPair PLATFORM = P256.generateKeyPair(new SecureRandom());
  private static final byte[] BODY = "{\"batchId\":\"b-1\",\"events\":[]}".getBytes(UTF_8);

  @Test
  void theWireFormatFramesABatchAsTheHubsPlatformBatchContext() {
    assertThat(BatchSignature.CONTEXT).isEqualTo(SignatureContext.PLATFORM_BATCH.context());
    assertThat(BatchSignature.signedBytes(BODY))
        .isEqualTo(SignatureContext.PLATFORM_BATCH.frame(BODY));
  }

  @Test
  void aPlatformsSignatureVerifiesAsAPlatformBatchAndAsNothingElse() {
    byte[] signature = Base64.getDecoder().decode(BatchSignature.sign(PLATFORM.getPrivate(), BODY));
    EcdsaP256Verifier verifier = EcdsaP256Verifier.of(PLATFORM.getPublic());

    assertThat(verifier.verify(SignatureContext.PLATFORM_BATCH, BODY, signature)).isTrue();
    for (SignatureContext other : SignatureContext.values()) {
      if (other != SignatureContext.PLATFORM_BATCH) {
        assertThat(verifier.verify(other, BODY, signature)).as(other.name()).isFalse();
      }
    }
    byte[] changed = BODY.clone();
    changed[12] ^= 1;
    assertThat(verifier.verify(SignatureContext.PLATFORM_BATCH, changed, signature)).isFalse();
  }
}
