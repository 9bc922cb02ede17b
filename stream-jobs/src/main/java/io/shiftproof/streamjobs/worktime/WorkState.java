package io.shiftproof.streamjobs.worktime;

/**
 * What a worker is doing at an instant (docs/design.md §5), in rising order: the research periods
 * P0 to P3. The declaration order is the order {@code OFFLINE < AVAILABLE < EN_ROUTE < ON_TASK}
 * that the cross-platform state takes the maximum of.
 */
public enum WorkState {
  /** P0: logged off, or no session open. */
  OFFLINE,
  /** P1: online and waiting for orders; not covered by the pilot. */
  AVAILABLE,
  /** P2: an order is assigned but not started (on the way to pick up); covered. */
  EN_ROUTE,
  /** P3: an order is being executed; covered. */
  ON_TASK;

  /** Whether this state counts as online ({@code ≥ AVAILABLE}). */
  public boolean isOnline() {
    return this != OFFLINE;
  }

  /** Whether this state counts as executing orders ({@code ≥ EN_ROUTE}), the covered time. */
  public boolean isEngaged() {
    return compareTo(EN_ROUTE) >= 0;
  }

  /** The higher of two states. */
  public static WorkState max(WorkState a, WorkState b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
