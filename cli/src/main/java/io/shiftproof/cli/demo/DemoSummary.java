package io.shiftproof.cli.demo;

import static io.shiftproof.cli.demo.TerminalText.clip;
import static io.shiftproof.cli.demo.TerminalText.count;
import static io.shiftproof.cli.demo.TerminalText.hours;
import static io.shiftproof.cli.demo.TerminalText.padLeft;
import static io.shiftproof.cli.demo.TerminalText.padRight;
import static io.shiftproof.cli.demo.TerminalText.wrap;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The demo's summary table: working time per platform, as each platform counts it on its own,
 * against the cross-platform record, over a set of worker-days. It states what siloed counting gets
 * wrong: time counted twice, and long stretches of work that no single platform sees.
 */
public final class DemoSummary {

  private static final int NUMBER_WIDTH = 11;
  private static final int MIN_LABEL_WIDTH = 26;
  private static final String INDENT = "  ";
  private static final String SILOED_LABEL = "all platforms, siloed";
  private static final String ACTUAL_LABEL = "cross-platform, actual";

  private final List<PlatformFigures> platforms;
  private final CrossPlatformFigures crossPlatform;
  private final List<String> days;
  private final List<String> zones;

  private DemoSummary(
      List<PlatformFigures> platforms,
      CrossPlatformFigures crossPlatform,
      Set<String> days,
      Set<String> zones) {
    this.platforms = List.copyOf(platforms);
    this.crossPlatform = crossPlatform;
    this.days = List.copyOf(new TreeSet<>(days));
    this.zones = List.copyOf(new TreeSet<>(zones));
  }

  /**
   * Summarises day records, one per worker-day. A worker counts once in a figure however many of
   * their days qualify.
   */
  public static DemoSummary of(List<DayRecord> records) {
    Map<String, PlatformTally> tallies = new TreeMap<>();
    CrossPlatformTally cross = new CrossPlatformTally();
    Set<String> days = new TreeSet<>();
    Set<String> zones = new TreeSet<>();
    for (DayRecord record : records) {
      days.add(record.getDay());
      zones.add(record.getZone());
      List<PlatformDay> platformDays = PlatformDay.of(record);
      for (PlatformDay platformDay : platformDays) {
        tallies
            .computeIfAbsent(platformDay.platform(), p -> new PlatformTally())
            .add(record.getWorkerRef(), platformDay);
      }
      cross.add(record, platformDays);
    }
    List<PlatformFigures> platforms = new ArrayList<>();
    for (Map.Entry<String, PlatformTally> entry : tallies.entrySet()) {
      platforms.add(entry.getValue().figures(entry.getKey()));
    }
    return new DemoSummary(platforms, cross.figures(platforms), days, zones);
  }

  /** One row per platform, in name order. */
  public List<PlatformFigures> platforms() {
    return platforms;
  }

  public CrossPlatformFigures crossPlatform() {
    return crossPlatform;
  }

  /** The table, its plain-language reading and a legend, lines separated by {@code \n}. */
  public String render() {
    List<String> lines = new ArrayList<>();
    lines.add(title());
    lines.add("");
    table(lines);
    lines.add("");
    reading(lines);
    lines.add("");
    legend(lines);
    return String.join("\n", lines) + "\n";
  }

  private String title() {
    String period =
        switch (days.size()) {
          case 0 -> "no days";
          case 1 -> days.get(0);
          default -> days.get(0) + " to " + days.get(days.size() - 1);
        };
    String zone = zones.isEmpty() ? "" : " (" + String.join(", ", zones) + ")";
    return clip(
        "Working time of "
            + count(crossPlatform.workersActive(), "worker")
            + " on "
            + count(platforms.size(), "platform")
            + ", "
            + period
            + zone,
        TerminalText.WIDTH);
  }

  private void table(List<String> lines) {
    int labelWidth = labelWidth();
    lines.add(row(labelWidth, "", "workers", "online", "engaged", "over 4 h"));
    lines.add(row(labelWidth, "", "active", "hours", "hours", "stretch"));
    for (PlatformFigures figures : platforms) {
      lines.add(
          row(
              labelWidth,
              clip(figures.platform(), labelWidth),
              Integer.toString(figures.workersActive()),
              hours(figures.online()),
              hours(figures.engaged()),
              Integer.toString(figures.workersOverLimit())));
    }
    CrossPlatformFigures c = crossPlatform;
    lines.add(INDENT + "-".repeat(labelWidth + 4 * NUMBER_WIDTH));
    lines.add(
        row(
            labelWidth,
            SILOED_LABEL,
            Integer.toString(c.platformAccounts()),
            hours(c.platformSum()),
            hours(c.platformEngagedSum()),
            Integer.toString(c.workersOverLimitOnSomePlatform())));
    lines.add(
        row(
            labelWidth,
            ACTUAL_LABEL,
            Integer.toString(c.workersActive()),
            hours(c.online()),
            hours(c.engaged()),
            Integer.toString(c.workersOverLimit())));
    lines.add(
        row(
            labelWidth,
            "siloed over-count",
            signed(c.platformAccounts() - c.workersActive()),
            "+" + hours(c.onlineOvercount()),
            "+" + hours(c.platformEngagedSum().minus(c.engaged())),
            ""));
    lines.add(
        row(
            labelWidth,
            "siloed over-count, %",
            percent(c.platformAccounts() - c.workersActive(), c.workersActive()),
            percent(c.onlineOvercount().toMillis(), c.online().toMillis()),
            percent(c.platformEngagedSum().minus(c.engaged()).toMillis(), c.engaged().toMillis()),
            ""));
    lines.add(
        row(
            labelWidth,
            "multi-app share of online",
            "",
            share(c.multiApp().toMillis(), c.online().toMillis()),
            "",
            ""));
  }

  private void reading(List<String> lines) {
    CrossPlatformFigures c = crossPlatform;
    lines.addAll(
        wrap(
            "Counted platform by platform, these "
                + count(c.workersActive(), "worker")
                + " look like "
                + c.platformAccounts()
                + " part-time workers, and online time is over-reported by "
                + hours(c.onlineOvercount())
                + " h ("
                + percent(c.onlineOvercount().toMillis(), c.online().toMillis())
                + " of the actual "
                + hours(c.online())
                + " h), because the "
                + share(c.multiApp().toMillis(), c.online().toMillis())
                + " of it spent on two or more apps at once is counted once per app.",
            "",
            ""));
    lines.addAll(wrap(fatigueReading(c), "", ""));
  }

  private static String fatigueReading(CrossPlatformFigures c) {
    if (c.workersOverLimit() == 0) {
      return "No worker had an engaged stretch of over 4 h, on one platform or across platforms.";
    }
    String over =
        count(c.workersOverLimit(), "worker")
            + " worked an engaged stretch of over 4 h across platforms; ";
    if (c.workersOverLimitOnNoPlatform() == 0) {
      return over
          + "each of them is also over 4 h on at least one single platform, so in this data every"
          + " long stretch is visible to some platform's fatigue limit.";
    }
    return over
        + c.workersOverLimitOnNoPlatform()
        + (c.workersOverLimitOnNoPlatform() == 1 ? " of them looks" : " of them look")
        + " under 4 h on every single platform, so no platform's fatigue limit stops them: they"
        + " keep going by switching apps.";
  }

  private static void legend(List<String> lines) {
    lines.add("Legend");
    term(lines, "online", "logged in to a platform: waiting for orders or executing one");
    term(
        lines,
        "engaged",
        "executing an order: en route to pick up, or on task; the time the injury pilot covers");
    term(lines, "multi-app", "online on two or more platforms at the same moment");
    term(
        lines,
        "stretch",
        "engaged time joined across breaks shorter than 20 min; the over 4 h column counts the"
            + " workers with a stretch longer than 4 h, where a platform's fatigue limit acts");
    term(
        lines,
        "siloed",
        "each platform counted on its own and added up, so multi-app time counts once per app;"
            + " its over 4 h figure counts workers some single platform sees over 4 h");
    term(lines, "actual", "the cross-platform day records: every moment counted once");
  }

  private static void term(List<String> lines, String term, String meaning) {
    lines.addAll(wrap(meaning, INDENT + padRight(term, 11), INDENT + " ".repeat(11)));
  }

  private int labelWidth() {
    int width = MIN_LABEL_WIDTH;
    for (PlatformFigures figures : platforms) {
      width = Math.max(width, figures.platform().length());
    }
    return Math.min(width, TerminalText.WIDTH - INDENT.length() - 4 * NUMBER_WIDTH);
  }

  private static String row(int labelWidth, String label, String... numbers) {
    StringBuilder row = new StringBuilder(INDENT).append(padRight(label, labelWidth));
    for (String number : numbers) {
      row.append(padLeft(number, NUMBER_WIDTH));
    }
    return row.toString().stripTrailing();
  }

  private static String signed(long n) {
    return (n > 0 ? "+" : "") + n;
  }

  /** A change relative to {@code base}; "n/a" when there is nothing to compare against. */
  private static String percent(long change, long base) {
    if (base == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%+.1f %%", 100.0 * change / base);
  }

  private static String share(long part, long whole) {
    if (whole == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }

  /** The cross-platform running figures while the records are read. */
  private static final class CrossPlatformTally {
    private final Set<String> active = new HashSet<>();
    private final Set<String> overLimit = new HashSet<>();
    private final Set<String> overLimitOnSomePlatform = new HashSet<>();
    private final Set<String> overLimitOnNoPlatform = new HashSet<>();
    private Duration online = Duration.ZERO;
    private Duration platformSum = Duration.ZERO;
    private Duration engaged = Duration.ZERO;
    private Duration platformEngagedSum = Duration.ZERO;
    private Duration multiApp = Duration.ZERO;

    void add(DayRecord record, List<PlatformDay> platformDays) {
      String worker = record.getWorkerRef();
      DayTotals totals = record.getTotals();
      online = online.plusSeconds(totals.getOnlineSeconds());
      platformSum = platformSum.plusSeconds(totals.getPlatformSumSeconds());
      engaged = engaged.plusSeconds(totals.getEngagedSeconds());
      multiApp = multiApp.plusSeconds(totals.getMultiAppSeconds());
      if (totals.getOnlineSeconds() > 0) {
        active.add(worker);
      }
      boolean seenOverLimit = false;
      for (PlatformDay platformDay : platformDays) {
        platformEngagedSum = platformEngagedSum.plus(platformDay.engagedTime());
        seenOverLimit |= FatigueStretch.exceedsLimit(platformDay.longestStretch());
      }
      boolean over =
          FatigueStretch.exceedsLimit(Duration.ofSeconds(totals.getLongestStretchSeconds()));
      if (over) {
        overLimit.add(worker);
      }
      if (seenOverLimit) {
        overLimitOnSomePlatform.add(worker);
      } else if (over) {
        overLimitOnNoPlatform.add(worker);
      }
    }

    CrossPlatformFigures figures(List<PlatformFigures> platforms) {
      int platformAccounts = 0;
      for (PlatformFigures figures : platforms) {
        platformAccounts += figures.workersActive();
      }
      return new CrossPlatformFigures(
          active.size(),
          platformAccounts,
          online,
          platformSum,
          engaged,
          platformEngagedSum,
          multiApp,
          overLimit.size(),
          overLimitOnSomePlatform.size(),
          overLimitOnNoPlatform.size());
    }
  }

  /** One platform's running figures while the records are read. */
  private static final class PlatformTally {
    private final Set<String> active = new HashSet<>();
    private final Set<String> overLimit = new HashSet<>();
    private Duration online = Duration.ZERO;
    private Duration engaged = Duration.ZERO;

    void add(String worker, PlatformDay day) {
      if (!day.onlineTime().isZero()) {
        active.add(worker);
      }
      if (FatigueStretch.exceedsLimit(day.longestStretch())) {
        overLimit.add(worker);
      }
      online = online.plus(day.onlineTime());
      engaged = engaged.plus(day.engagedTime());
    }

    PlatformFigures figures(String platform) {
      return new PlatformFigures(platform, active.size(), online, engaged, overLimit.size());
    }
  }
}
