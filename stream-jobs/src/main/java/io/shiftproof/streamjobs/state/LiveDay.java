package io.shiftproof.streamjobs.state;

/**
 * What the live record last emitted for an open day says about the time after its {@code
 * coveredUntil}, which decides how soon the worker's next event must reach it (docs/design.md
 * §5.8).
 */
public enum LiveDay {
  /** No live record emitted yet: readers find none, so nothing is claimed about the day. */
  NOT_EMITTED,

  /**
   * Emitted with no session open where it ends, before the day's end: readers take the worker as
   * offline past it, up to the job's committed watermark. The worker's next event must therefore be
   * in the day's live record as soon as the watermark passes it.
   */
  QUIET,

  /**
   * Emitted with a session still open where it ends, or reaching the day's end: it claims nothing
   * past its {@code coveredUntil}, so its next update may wait for the update interval.
   */
  BOUNDED;

  /**
   * The stored byte. Before this type the state held a boolean (emitted or not), stored as 0 or 1;
   * 1 reads as {@link #QUIET}, the reading that never lets an update wait.
   */
  byte code() {
    return switch (this) {
      case NOT_EMITTED -> 0;
      case QUIET -> 1;
      case BOUNDED -> 2;
    };
  }

  static LiveDay ofCode(byte code) {
    return switch (code) {
      case 0 -> NOT_EMITTED;
      case 1 -> QUIET;
      case 2 -> BOUNDED;
      default ->
          throw new IllegalArgumentException("live day: got code " + code + ", want 0, 1 or 2");
    };
  }
}
