package io.shiftproof.platformclient;

import java.util.List;

/**
 * The hub's answer to one batch of events: how many it accepted (durable), how many it already had,
 * and each rejected event with its index in the batch and a stable code.
 *
 * @param status {@code 200} when some events were kept, {@code 422} when every one was rejected
 */
public record IngestAnswer(
    int status, String batchId, int accepted, int duplicates, List<Rejection> rejected) {

  /** One rejected event: its index in the batch, the stable code and the hub's message. */
  public record Rejection(int index, String code, String message) {}

  public IngestAnswer {
    rejected = List.copyOf(rejected);
  }
}
