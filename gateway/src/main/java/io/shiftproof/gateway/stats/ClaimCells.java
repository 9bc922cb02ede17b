package io.shiftproof.gateway.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Claims by platform and local day of the incident, counted by the outcome of their decision
 * support and by decision, for regulators; a cell of fewer than {@value Suppression#MIN_WORKERS}
 * workers is suppressed. A claim no platform answers for is counted under {@value #NO_PLATFORM}.
 */
public final class ClaimCells {
  /** The platform of claims the evidence makes no platform answerable for. */
  public static final String NO_PLATFORM = "none";

  private final Map<String, Cell> cells = new TreeMap<>();

  private static final class Cell {
    final Set<String> workers = new HashSet<>();
    final Map<String, Integer> outcomes = new TreeMap<>();
    final Map<String, Integer> decisions = new TreeMap<>();
    int claims;
  }

  /**
   * Adds one claim.
   *
   * @param outcome the coverage outcome of its current evidence, or {@code PENDING} before any
   * @param decision the decision, or {@code UNDECIDED}
   */
  public void add(
      Iterable<String> platforms, String day, String workerRef, String outcome, String decision) {
    boolean any = false;
    for (String platform : platforms) {
      count(platform, day, workerRef, outcome, decision);
      any = true;
    }
    if (!any) {
      count(NO_PLATFORM, day, workerRef, outcome, decision);
    }
  }

  private void count(
      String platform, String day, String workerRef, String outcome, String decision) {
    Cell cell = cells.computeIfAbsent(platform + "\u0000" + day, k -> new Cell());
    cell.workers.add(workerRef);
    cell.claims++;
    cell.outcomes.merge(outcome, 1, Integer::sum);
    cell.decisions.merge(decision, 1, Integer::sum);
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
                  .put("claims", cell.claims)
                  .put("byOutcome", new JsonObject(Map.copyOf(cell.outcomes)))
                  .put("byDecision", new JsonObject(Map.copyOf(cell.decisions))));
        });
    return array;
  }
}
