package io.shiftproof.pseudonyms;

import java.math.BigInteger;

/**
 * A client's input after Blind: the blinded element it sends for evaluation, and the input and
 * blind it keeps to finalize the answer. The blind is secret; it never leaves the client.
 */
public final class BlindedInput {
  private final byte[] input;
  final BigInteger blind;
  private final byte[] blindedElement;

  BlindedInput(byte[] input, BigInteger blind, byte[] blindedElement) {
    this.input = input.clone();
    this.blind = blind;
    this.blindedElement = blindedElement;
  }

  /** What is sent to the evaluator: a 33-byte point that reveals nothing of the input. */
  public byte[] blindedElement() {
    return blindedElement.clone();
  }

  byte[] input() {
    return input;
  }

  @Override
  public String toString() {
    return "BlindedInput[" + WireBytes.encode(blindedElement) + "]";
  }
}
