package io.shiftproof.schemas.wire;

/** The kinds of work-session event a platform reports (docs/design.md §4). */
public enum WorkEventType {
  ONLINE,
  OFFLINE,
  TASK_ASSIGNED,
  TASK_STARTED,
  TASK_COMPLETED,
  TASK_CANCELLED,
  HEARTBEAT;

  /** Whether events of this type concern one task and so must carry a {@code taskRef}. */
  public boolean isTaskEvent() {
    return name().startsWith("TASK_");
  }
}
