package io.shiftproof.cli.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Short labels for a chart's platform lanes, which have three columns for a name: {@code p2} for
 * {@code platform-2}, the first letters of names without a shared prefix, and {@code p1..pN} in
 * order when neither gives distinct labels. A label that echoes the name reads better than a
 * position, which changes with the set of platforms a worker happens to use.
 */
final class LaneLabels {

  static final int WIDTH = 3;

  private LaneLabels() {}

  /** Labels the chart's other lanes use, which a platform lane must not repeat. */
  private static final List<String> RESERVED =
      List.of(DayTimelineChart.COMBINED_LABEL, DayTimelineChart.MULTI_APP_LABEL);

  static List<String> of(List<String> platforms) {
    List<String> labels = afterSharedPrefix(platforms);
    if (usable(labels, platforms.size())) {
      return labels;
    }
    labels = new ArrayList<>();
    for (String platform : platforms) {
      labels.add(platform.substring(0, Math.min(WIDTH, platform.length())));
    }
    if (usable(labels, platforms.size())) {
      return List.copyOf(labels);
    }
    labels = new ArrayList<>();
    for (int i = 0; i < platforms.size(); i++) {
      labels.add("p" + (i + 1));
    }
    return List.copyOf(labels);
  }

  /**
   * What follows the part of the names up to their last shared separator, prefixed with the names'
   * first letter when short: {@code platform-1, platform-2} give {@code p1, p2}.
   */
  private static List<String> afterSharedPrefix(List<String> platforms) {
    if (platforms.isEmpty()) {
      return List.of();
    }
    String first = platforms.get(0);
    int shared = first.length();
    for (String platform : platforms) {
      int i = 0;
      while (i < Math.min(shared, platform.length()) && platform.charAt(i) == first.charAt(i)) {
        i++;
      }
      shared = i;
    }
    int cut = 0;
    for (int i = 0; i < shared; i++) {
      if ("-_.".indexOf(first.charAt(i)) >= 0) {
        cut = i + 1;
      }
    }
    if (cut == 0) {
      return List.of();
    }
    List<String> labels = new ArrayList<>();
    for (String platform : platforms) {
      String rest = platform.substring(cut);
      labels.add(rest.length() < WIDTH ? first.charAt(0) + rest : rest);
    }
    return List.copyOf(labels);
  }

  private static boolean usable(List<String> labels, int count) {
    if (labels.size() != count) {
      return false;
    }
    for (String label : labels) {
      if (label.isBlank() || label.length() > WIDTH || RESERVED.contains(label)) {
        return false;
      }
    }
    return new HashSet<>(labels).size() == count;
  }
}
