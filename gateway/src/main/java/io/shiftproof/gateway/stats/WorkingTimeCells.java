package io.shiftproof.gateway.stats;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DaySegments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Working-time aggregates by platform and local day for regulators (docs/design.md §8.5): how many
 * workers, their online and engaged hours on the platform, the share of that online time spent
 * online on another platform too, and how many worked a stretch of {@value #LONG_STRETCH_HOURS}
 * hours or more. A cell of fewer than {@value Suppression#MIN_WORKERS} workers is suppressed.
 */
public final class WorkingTimeCells {
  /** A stretch at least this long counts as a long one: where platforms already force a break. */
  public static final int LONG_STRETCH_HOURS = 4;

  private final Map<String, Cell> cells = new TreeMap<>();

  private static final class Cell {
    final Set<String> workers = new HashSet<>();
    long onlineMicros;
    long engagedMicros;
    long multiAppMicros;
    final Set<String> longStretchWorkers = new HashSet<>();
  }

  /** Adds one worker's day (the latest record of it). */
  public void add(DayRecord record) {
    boolean longStretch =
        record.getTotals().getLongestStretchSeconds() >= LONG_STRETCH_HOURS * 3600L;
    for (DaySegments.Segment segment : DaySegments.of(record)) {
      long micros = segment.toMicros() - segment.fromMicros();
      boolean multiApp = segment.onlinePlatforms().size() >= 2;
      for (String platform : segment.onlinePlatforms()) {
        Cell cell = cells.computeIfAbsent(platform + "\u0000" + record.getDay(), k -> new Cell());
        cell.workers.add(record.getWorkerRef());
        cell.onlineMicros += micros;
        if (segment.engagedPlatforms().contains(platform)) {
          cell.engagedMicros += micros;
        }
        if (multiApp) {
          cell.multiAppMicros += micros;
        }
        if (longStretch) {
          cell.longStretchWorkers.add(record.getWorkerRef());
        }
      }
    }
  }

  /** The cells, by platform then day, small ones suppressed. */
  public JsonArray toJson() {
    JsonArray array = new JsonArray();
    cells.forEach(
        (key, cell) -> {
          String[] parts = key.split("\u0000", 2);
          JsonObject json = new JsonObject().put("platform", parts[0]).put("day", parts[1]);
          if (Suppression.suppressed(cell.workers.size())) {
            array.add(json.put("suppressed", true));
            return;
          }
          array.add(
              json.put("suppressed", false)
                  .put("workers", cell.workers.size())
                  .put("onlineHours", hours(cell.onlineMicros))
                  .put("engagedHours", hours(cell.engagedMicros))
                  .put(
                      "multiAppShare",
                      cell.onlineMicros == 0
                          ? 0.0
                          : Math.round(1000.0 * cell.multiAppMicros / cell.onlineMicros) / 1000.0)
                  .put("longStretchWorkers", cell.longStretchWorkers.size()));
        });
    return array;
  }

  private static double hours(long micros) {
    return Math.round(micros / 3_600_000_000.0 * 100) / 100.0;
  }
}
