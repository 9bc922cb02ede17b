package io.shiftproof.ledger.evidence;

import java.util.Objects;

/**
 * The result of applying a coverage rule set: a decision, or the typed reason none can be made.
 * Missing data is not an outcome of the rules (it is not {@code NOT_COVERED}), so it is kept apart
 * for the caller to report as an error.
 */
public sealed interface CoverageEvaluation {

  /** The rules reached a decision. */
  record Decided(CoverageDecision decision) implements CoverageEvaluation {
    public Decided {
      Objects.requireNonNull(decision, "decision");
    }
  }

  /**
   * No record describes the incident instant: there is none for its local day, or the one there is
   * ends (its {@code coveredUntil}) at or before the instant.
   *
   * @param day the incident's local day
   * @param detail what is missing, in the form {@code field: got X, want Y}
   */
  record RecordMissing(String day, String detail) implements CoverageEvaluation {
    public RecordMissing {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
