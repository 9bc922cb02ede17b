package io.shiftproof.cli.demo;

/** A half-open interval {@code [fromMicros, toMicros)} of microseconds since the epoch. */
record MicrosInterval(long fromMicros, long toMicros) {

  long lengthMicros() {
    return toMicros - fromMicros;
  }
}
