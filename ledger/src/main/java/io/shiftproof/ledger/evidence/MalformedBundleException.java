package io.shiftproof.ledger.evidence;

/** A bundle member is missing or has the wrong type; the message names it by its path. */
final class MalformedBundleException extends RuntimeException {
  MalformedBundleException(String message) {
    super(message);
  }
}
