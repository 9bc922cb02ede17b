package io.shiftproof.cli;

/** A command failed in a way the user can fix; the message says how, the code says what kind. */
final class CliFailure extends RuntimeException {
  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
