package io.shiftproof.gateway.claims;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One platform's lineage over an evidence bundle's window: per day, the digest of the events the
 * day's record was computed from, and how many there were in all. Two bundles of one claim differ
 * for a platform exactly on the days whose digests differ, which is what a claims handler is told
 * changed after the report.
 */
record WindowSources(Map<String, String> digestByDay, long eventCount) {
  static final WindowSources NONE = new WindowSources(Map.of(), 0);

  /** Per platform, from the readable records of a bundle ({@code records[].record.sources}). */
  static Map<String, WindowSources> of(JsonObject bundle) {
    Map<String, Map<String, String>> digests = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    JsonArray records = bundle.getJsonArray("records", new JsonArray());
    for (Object item : records) {
      JsonObject entry = (JsonObject) item;
      String day = entry.getString("day");
      JsonArray sources = entry.getJsonObject("record").getJsonArray("sources", new JsonArray());
      for (Object s : sources) {
        JsonObject source = (JsonObject) s;
        String platform = source.getString("platform");
        digests
            .computeIfAbsent(platform, p -> new TreeMap<>())
            .put(day, source.getString("eventsDigest"));
        counts.merge(platform, source.getLong("eventCount"), Long::sum);
      }
    }
    Map<String, WindowSources> byPlatform = new HashMap<>();
    digests.forEach(
        (platform, byDay) ->
            byPlatform.put(platform, new WindowSources(byDay, counts.get(platform))));
    return byPlatform;
  }

  /** The days on which this lineage differs from {@code earlier}'s, in order. */
  SortedSet<String> daysDifferingFrom(WindowSources earlier) {
    SortedSet<String> days = new TreeSet<>();
    digestByDay.forEach(
        (day, digest) -> {
          if (!digest.equals(earlier.digestByDay.get(day))) {
            days.add(day);
          }
        });
    earlier.digestByDay.keySet().stream()
        .filter(day -> !digestByDay.containsKey(day))
        .forEach(days::add);
    return days;
  }
}
