package io.shiftproof.schemas.wire;

import static io.shiftproof.schemas.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid bodies must only ever yield a {@link DecodedBatch} or a {@link
 * BatchRejectedException}: bad input is a 4xx, never a crash. Seeded, so a failure reproduces.
 */
class MalformedInputPropertyTest {
  private static final int ROUNDS = 20_000;
  private final BatchDecoder decoder = new BatchDecoder();

  @Test
  void mutatedJsonOnlyDecodesOrIsRejected() {
    byte[] valid = BatchJsonWriter.toJson(sampleBatch());
    checkMutations(valid, body -> decoder.decodeJson(body, NOW), 0x5eed1L);
  }

  @Test
  void mutatedAvroOnlyDecodesOrIsRejected() {
    byte[] valid = BatchAvroWriter.toAvro(sampleBatch());
    checkMutations(valid, body -> decoder.decodeAvro(body, NOW), 0x5eed2L);
  }

  @Test
  void randomBytesOnlyDecodeOrAreRejected() {
    Random random = new Random(0x5eed3L);
    for (int round = 0; round < ROUNDS; round++) {
      byte[] body = new byte[random.nextInt(64)];
      random.nextBytes(body);
      if (round % 2 == 0 && body.length >= 10) {
        SingleObjectEncoding.writeHeader(body, BatchDecoder.currentAvroFingerprint());
      }
      checkOne(body, b -> decoder.decodeAvro(b, NOW), round);
      checkOne(body, b -> decoder.decodeJson(b, NOW), round);
    }
  }

  private void checkMutations(byte[] valid, Function<byte[], DecodedBatch> decode, long seed) {
    Random random = new Random(seed);
    int decoded = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] body = valid;
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        body = mutate(body, random);
      }
      if (checkOne(body, decode, round)) {
        decoded++;
      }
    }
    // Sanity: the mutations are not all fatal, so per-event paths are exercised too.
    assertThat(decoded).isPositive();
  }

  /** Returns whether the body decoded; fails on any exception other than a rejection. */
  private static boolean checkOne(byte[] body, Function<byte[], DecodedBatch> decode, int round) {
    try {
      DecodedBatch batch = decode.apply(body);
      assertPartitionsIndexes(batch);
      return true;
    } catch (BatchRejectedException e) {
      assertThat(e.code()).isNotNull();
      assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
      return false;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          "round " + round + " threw " + e + " for body " + Arrays.toString(body), e);
    }
  }

  private static void assertPartitionsIndexes(DecodedBatch batch) {
    List<Integer> all = new ArrayList<>();
    batch.accepted().forEach(a -> all.add(a.index()));
    batch.rejections().forEach(r -> all.add(r.index()));
    all.addAll(batch.duplicateIndexes());
    all.sort(Integer::compare);
    if (!all.equals(IntStream.range(0, batch.size()).boxed().toList())) {
      fail("indexes do not partition the batch: " + batch);
    }
  }

  private static byte[] mutate(byte[] body, Random random) {
    if (body.length == 0) {
      return new byte[] {(byte) random.nextInt()};
    }
    int at = random.nextInt(body.length);
    switch (random.nextInt(6)) {
      case 0 -> {
        byte[] out = body.clone();
        out[at] = (byte) random.nextInt();
        return out;
      }
      case 1 -> {
        byte[] out = body.clone();
        out[at] ^= (byte) (1 << random.nextInt(8));
        return out;
      }
      case 2 -> {
        int length = Math.min(body.length - at, 1 + random.nextInt(8));
        byte[] out = new byte[body.length - length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(body, at + length, out, at, body.length - at - length);
        return out;
      }
      case 3 -> {
        byte[] out = new byte[body.length + 1];
        System.arraycopy(body, 0, out, 0, at);
        out[at] = (byte) random.nextInt();
        System.arraycopy(body, at, out, at + 1, body.length - at);
        return out;
      }
      case 4 -> {
        int length = Math.min(body.length - at, 1 + random.nextInt(40));
        byte[] out = new byte[body.length + length];
        System.arraycopy(body, 0, out, 0, at + length);
        System.arraycopy(body, at, out, at + length, body.length - at);
        return out;
      }
      default -> {
        return Arrays.copyOf(body, at);
      }
    }
  }

  private static EventBatch sampleBatch() {
    return new EventBatch(
        "b-7",
        List.of(
            Fixtures.event("e-1", WorkEventType.ONLINE),
            Fixtures.event("e-2", WorkEventType.TASK_ASSIGNED),
            new WorkEvent(
                "e-3",
                Fixtures.workerRef(2),
                "会话-2",
                WorkEventType.TASK_COMPLETED,
                Optional.of("order-1"),
                java.time.Instant.parse("2026-11-28T06:05:00Z"),
                "2026-11-28T06:05:00Z",
                Optional.empty())));
  }
}
