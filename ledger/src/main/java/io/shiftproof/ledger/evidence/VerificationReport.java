package io.shiftproof.ledger.evidence;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking an evidence bundle: every check that ran, in order. The bundle holds when
 * every check passed; otherwise the first failed check says which part is wrong.
 *
 * @param readable false when the bytes are not a JSON document at all, so no check could run on the
 *     content (a command line reports that as an unreadable input, not a refused bundle)
 */
public record VerificationReport(List<Check> checks, boolean readable) {

  /**
   * One named check.
   *
   * @param name what was checked, e.g. {@code records[0].inclusion}
   * @param detail what was found; for a failure in the form {@code field: got X, want Y}
   */
  public record Check(String name, boolean passed, String detail) {
    public Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(detail, "detail");
    }
  }

  public VerificationReport {
    checks = List.copyOf(checks);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return readable && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  /** The first check that failed. */
  public Optional<Check> firstFailure() {
    return checks.stream().filter(c -> !c.passed()).findFirst();
  }
}
