package io.shiftproof.schemas.wire;

import java.util.EnumMap;
import java.util.Map;

/**
 * Converts between the public wire records and the classes generated from the Avro schemas, which
 * stay inside this module.
 */
final class AvroMapping {
  private static final Map<WorkEventType, io.shiftproof.schemas.avro.WorkEventType> TO_AVRO =
      new EnumMap<>(WorkEventType.class);

  static {
    for (WorkEventType type : WorkEventType.values()) {
      TO_AVRO.put(type, io.shiftproof.schemas.avro.WorkEventType.valueOf(type.name()));
    }
  }

  private AvroMapping() {}

  static io.shiftproof.schemas.avro.WorkEvent toAvro(WorkEvent e) {
    return new io.shiftproof.schemas.avro.WorkEvent(
        e.eventId(),
        e.workerRef(),
        e.sessionId(),
        TO_AVRO.get(e.type()),
        e.taskRef().orElse(null),
        e.occurredAtText(),
        e.cell().orElse(null));
  }

  static io.shiftproof.schemas.avro.EventBatch toAvro(EventBatch batch) {
    var events =
        new java.util.ArrayList<io.shiftproof.schemas.avro.WorkEvent>(batch.events().size());
    for (WorkEvent e : batch.events()) {
      events.add(toAvro(e));
    }
    return new io.shiftproof.schemas.avro.EventBatch(batch.batchId(), events);
  }

  /** Copies an Avro event's values into {@code f} for validation. */
  static void fill(io.shiftproof.schemas.avro.WorkEvent e, EventFields f) {
    f.clear();
    f.eventId = e.getEventId();
    f.workerRef = e.getWorkerRef();
    f.sessionId = e.getSessionId();
    f.type = e.getType() == null ? null : e.getType().name();
    f.taskRef = e.getTaskRef();
    f.occurredAt = e.getOccurredAt();
    f.cell = e.getCell();
  }
}
