package io.shiftproof.pseudonyms;

import java.util.List;

/**
 * One evaluator's answer to a batch: each blinded element times its key, in the batch's order, and
 * one proof for the whole batch against its published key.
 *
 * @param evaluatedElements 33-byte compressed points, one per blinded element
 * @param proof 64 bytes, {@code c ‖ s}
 */
public record Evaluation(List<byte[]> evaluatedElements, byte[] proof) {
  public Evaluation {
    evaluatedElements = List.copyOf(evaluatedElements);
    proof = proof.clone();
  }
}
