package io.shiftproof.ledger.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventSpans;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wire format signs platform batches with the JDK alone ({@link BatchSignature}); the hub
 * checks them as {@link SignatureContext#PLATFORM_BATCH} messages. Both must mean the same bytes.
 */
class BatchSignatureTest {
  private static final KeyPair PLATFORM = P256.generateKeyPair(new SecureRandom());
  private static final byte[] BODY =
      "{\"batchId\":\"b-1\",\"events\":[{\"eventId\":\"e-1\"}, 7]}".getBytes(UTF_8);

  /** What the hub frames under the platform-batch context: the body's hash and events root. */
  private static byte[] message(byte[] body) {
    return BatchSignature.message(
        BatchSignature.sha256(body), BatchSignature.eventsRoot(body, EventSpans.of(body)));
  }

  @Test
  void theWireFormatFramesABatchAsTheHubsPlatformBatchContext() {
    assertThat(BatchSignature.CONTEXT).isEqualTo(SignatureContext.PLATFORM_BATCH.context());
    assertThat(BatchSignature.signedBytes(BODY))
        .isEqualTo(SignatureContext.PLATFORM_BATCH.frame(message(BODY)));
  }

  @Test
  void aPlatformsSignatureVerifiesAsAPlatformBatchAndAsNothingElse() {
    byte[] signature = Base64.getDecoder().decode(BatchSignature.sign(PLATFORM.getPrivate(), BODY));
    EcdsaP256Verifier verifier = EcdsaP256Verifier.of(PLATFORM.getPublic());

    assertThat(verifier.verify(SignatureContext.PLATFORM_BATCH, message(BODY), signature)).isTrue();
    for (SignatureContext other : SignatureContext.values()) {
      if (other != SignatureContext.PLATFORM_BATCH) {
        assertThat(verifier.verify(other, message(BODY), signature)).as(other.name()).isFalse();
      }
    }
    byte[] changed = BODY.clone();
    changed[12] ^= 1;
    assertThat(verifier.verify(SignatureContext.PLATFORM_BATCH, message(changed), signature))
        .isFalse();
  }

  @Test
  void theEventsRootIsTheLedgersMerkleRootOverEachElementsExactBytes() {
    EventSpans spans = EventSpans.of(BODY);
    Hash root =
        MerkleTree.fromLeaves(List.of(spans.element(BODY, 0), spans.element(BODY, 1))).rootHash();

    assertThat(BatchSignature.eventsRoot(BODY, spans)).isEqualTo(root.bytes());
    assertThat(new String(spans.element(BODY, 0), UTF_8)).isEqualTo("{\"eventId\":\"e-1\"}");
    assertThat(new String(spans.element(BODY, 1), UTF_8)).isEqualTo("7");
  }

  @Test
  void aVersionOneSignatureOverTheBodyDoesNotVerifyAsAPlatformBatch() throws Exception {
    java.security.Signature v1 = java.security.Signature.getInstance("SHA256withECDSA");
    v1.initSign(PLATFORM.getPrivate());
    v1.update(BatchSignature.V1_CONTEXT.getBytes(UTF_8));
    v1.update((byte) 0);
    v1.update(BODY);
    byte[] signature = v1.sign();

    assertThat(
            EcdsaP256Verifier.of(PLATFORM.getPublic())
                .verify(SignatureContext.PLATFORM_BATCH, message(BODY), signature))
        .isFalse();
  }
}
