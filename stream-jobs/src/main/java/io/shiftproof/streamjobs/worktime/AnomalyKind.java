package io.shiftproof.streamjobs.worktime;

/**
 * Ways a platform's event stream departed from a clean session, each resolved by a rule of
 * docs/design.md §5.
 */
public enum AnomalyKind {
  /** The session fell silent for the silence timeout and was closed at its last event. */
  TIMEOUT,
  /** An event other than {@code ONLINE} opened a closed or never-opened session. */
  IMPLIED_ONLINE,
  /** A {@code TASK_STARTED} arrived for a task that was not open, so it counts as assigned then. */
  IMPLIED_ASSIGNMENT
}
