package io.shiftproof.cli.demo;

import static io.shiftproof.cli.demo.TerminalText.clip;
import static io.shiftproof.cli.demo.TerminalText.hoursMinutes;
import static io.shiftproof.cli.demo.TerminalText.padLeft;
import static io.shiftproof.cli.demo.TerminalText.padRight;
import static io.shiftproof.cli.demo.TerminalText.wrap;

import io.shiftproof.schemas.avro.AnomalyKind;
import io.shiftproof.schemas.avro.DayFlag;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.DaySegments;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One worker's day drawn for a terminal: a lane per platform with that platform's own state, a lane
 * with the state across platforms, and a lane marking multi-app time, over the local day in
 * 15-minute columns; then the day's totals and anomaly flags. Lines stay within 100 columns.
 */
public final class DayTimelineChart {

  private static final int COLUMNS = 96;
  private static final int LABEL_WIDTH = 4;
  private static final int HOURS_PER_LABEL = 3;
  private static final String INDENT = "  ";
  static final String COMBINED_LABEL = "all";
  static final String MULTI_APP_LABEL = "2+";
  private static final char NOT_COVERED = ' ';
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ChartGlyphs glyphs;

  /**
   * @param ascii draw with {@code . - * = #} instead of block shades, for terminals and fonts that
   *     do not show the shades one column wide
   */
  public DayTimelineChart(boolean ascii) {
    this.glyphs = ascii ? ChartGlyphs.ASCII : ChartGlyphs.UNICODE;
  }

  /**
   * A worker-day worth showing, chosen the same way whatever the order of {@code records}: a day
   * over the 4-hour stretch across platforms that no single platform sees over 4 hours if there is
   * one, then the most multi-app time, then the longest stretch, then the smallest worker reference
   * and day. Days without engaged time come last.
   *
   * @throws IllegalArgumentException if {@code records} is empty
   */
  public static DayRecord pickInteresting(List<DayRecord> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("day records: got none, want at least one");
    }
    Comparator<DayRecord> interest =
        Comparator.comparing((DayRecord r) -> r.getTotals().getEngagedSeconds() > 0)
            .thenComparing(DayTimelineChart::fatigueHiddenFromEveryPlatform)
            .thenComparingLong(r -> r.getTotals().getMultiAppSeconds())
            .thenComparingLong(r -> r.getTotals().getLongestStretchSeconds())
            .reversed()
            .thenComparing(DayRecord::getWorkerRef)
            .thenComparing(DayRecord::getDay);
    return records.stream().min(interest).orElseThrow();
  }

  /** The chart, its legend, totals and flags, lines separated by {@code \n}. */
  public String render(DayRecord record) {
    ZoneId zone = ZoneId.of(record.getZone());
    DayColumns columns = DayColumns.of(LocalDate.parse(record.getDay()), zone, COLUMNS);
    List<PlatformDay> platforms = PlatformDay.of(record);
    List<String> labels = LaneLabels.of(platforms.stream().map(PlatformDay::platform).toList());
    List<DaySegments.Segment> segments = PlatformDay.segmentsInTimeOrder(record);
    List<String> lines = new ArrayList<>();
    lines.addAll(title(record, columns));
    lines.add("");
    lines.add(hourLabels(columns));
    lines.add(hourTicks(columns));
    for (int i = 0; i < platforms.size(); i++) {
      lines.add(
          lane(
              labels.get(i), platformLane(platforms.get(i).platform(), segments, columns, record)));
    }
    lines.add(lane(COMBINED_LABEL, combinedLane(segments, columns, record)));
    lines.add(lane(MULTI_APP_LABEL, multiAppLane(segments, columns, record)));
    lines.add("");
    legend(lines, platforms, labels, columns, record);
    lines.add("");
    totals(lines, record.getTotals(), platforms);
    lines.add("");
    flags(lines, record.getFlags(), columns);
    return String.join("\n", lines) + "\n";
  }

  /** Two lines: whose day it is, then which version of its record the chart shows. */
  private static List<String> title(DayRecord record, DayColumns columns) {
    String version =
        record.getProvisional()
            ? "Live record (provisional), covering the day up to "
                + columns.local(record.getCoveredUntilMicros()).format(CLOCK)
            : "Sealed version " + record.getVersion() + " of the day record";
    return List.of(
        clip(
            "Worker "
                + record.getWorkerRef()
                + ", "
                + record.getDay()
                + " ("
                + record.getZone()
                + ")",
            TerminalText.WIDTH),
        version);
  }

  private static String lane(String label, String bar) {
    return (padRight(label, LABEL_WIDTH) + bar).stripTrailing();
  }

  /** Hour numbers every three hours, written from the column where the hour starts. */
  private static String hourLabels(DayColumns columns) {
    StringBuilder line = new StringBuilder(" ".repeat(LABEL_WIDTH + columns.count()));
    int free = 0;
    for (long at = columns.startMicros(); at < columns.endMicros(); at += 3_600_000_000L) {
      int hour = columns.local(at).getHour();
      int column = LABEL_WIDTH + columns.columnOf(at);
      String label = Integer.toString(hour);
      if (hour % HOURS_PER_LABEL == 0
          && column >= free
          && column + label.length() <= line.length()) {
        line.replace(column, column + label.length(), label);
        free = column + label.length() + 1;
      }
    }
    return line.toString().stripTrailing();
  }

  private String hourTicks(DayColumns columns) {
    StringBuilder line = new StringBuilder(" ".repeat(LABEL_WIDTH + columns.count()));
    for (long at = columns.startMicros(); at < columns.endMicros(); at += 3_600_000_000L) {
      line.setCharAt(LABEL_WIDTH + columns.columnOf(at), glyphs.hourTick());
    }
    return line.toString().stripTrailing();
  }

  /**
   * A platform's lane: offline, available, or engaged. When two platforms are engaged at once the
   * segments say only that one of them at least is on task, so the lane does not claim which.
   */
  private String platformLane(
      String platform, List<DaySegments.Segment> segments, DayColumns columns, DayRecord record) {
    StringBuilder bar = new StringBuilder();
    for (int c = 0; c < columns.count(); c++) {
      int highest = 0;
      for (DaySegments.Segment segment : overlapping(segments, columns, c)) {
        if (segment.engagedPlatforms().contains(platform)) {
          highest = 2;
        } else if (segment.onlinePlatforms().contains(platform)) {
          highest = Math.max(highest, 1);
        }
      }
      char glyph =
          switch (highest) {
            case 2 -> glyphs.engaged();
            case 1 -> glyphs.available();
            default -> glyphs.offline();
          };
      bar.append(covered(columns, c, record) ? glyph : NOT_COVERED);
    }
    return bar.toString();
  }

  private String combinedLane(
      List<DaySegments.Segment> segments, DayColumns columns, DayRecord record) {
    StringBuilder bar = new StringBuilder();
    for (int c = 0; c < columns.count(); c++) {
      WorkState highest = WorkState.OFFLINE;
      for (DaySegments.Segment segment : overlapping(segments, columns, c)) {
        if (segment.state().compareTo(highest) > 0) {
          highest = segment.state();
        }
      }
      char glyph =
          switch (highest) {
            case ON_TASK -> glyphs.onTask();
            case EN_ROUTE -> glyphs.enRoute();
            case AVAILABLE -> glyphs.available();
            case OFFLINE -> glyphs.offline();
          };
      bar.append(covered(columns, c, record) ? glyph : NOT_COVERED);
    }
    return bar.toString();
  }

  /** The most platforms online at once within the column, where two or more. */
  private String multiAppLane(
      List<DaySegments.Segment> segments, DayColumns columns, DayRecord record) {
    StringBuilder bar = new StringBuilder();
    for (int c = 0; c < columns.count(); c++) {
      int most = 0;
      for (DaySegments.Segment segment : overlapping(segments, columns, c)) {
        most = Math.max(most, segment.onlinePlatforms().size());
      }
      char glyph = most < 2 ? glyphs.offline() : most > 9 ? '+' : Character.forDigit(most, 10);
      bar.append(covered(columns, c, record) ? glyph : NOT_COVERED);
    }
    return bar.toString();
  }

  /** Segments sharing time with column {@code c}; the highest state among them shows. */
  private static List<DaySegments.Segment> overlapping(
      List<DaySegments.Segment> segments, DayColumns columns, int c) {
    long from = columns.from(c);
    long to = columns.to(c);
    List<DaySegments.Segment> overlapping = new ArrayList<>();
    for (DaySegments.Segment segment : segments) {
      if (segment.fromMicros() < to && segment.toMicros() > from) {
        overlapping.add(segment);
      }
    }
    return overlapping;
  }

  /** A live record says nothing yet about time after its watermark: such columns stay blank. */
  private static boolean covered(DayColumns columns, int c, DayRecord record) {
    return columns.from(c) < record.getCoveredUntilMicros();
  }

  private void legend(
      List<String> lines,
      List<PlatformDay> platforms,
      List<String> labels,
      DayColumns columns,
      DayRecord record) {
    lines.addAll(
        wrap(
            "Each column is "
                + columns.minutesPerColumn()
                + " min of the local day and shows the highest state present in it, however"
                + " briefly, so short orders stay visible.",
            "",
            ""));
    platformLegend(lines, platforms, labels);
    lines.addAll(
        wrap(
            "across platforms: "
                + glyphs.offline()
                + " offline, "
                + glyphs.available()
                + " available (online, waiting for orders), "
                + glyphs.enRoute()
                + " en route to a pickup, "
                + glyphs.onTask()
                + " on task (picking up, carrying, handing over)",
            INDENT + padRight(COMBINED_LABEL, 9),
            INDENT + " ".repeat(9)));
    lines.addAll(
        wrap(
            "multi-app: how many platforms have the worker online at once, where two or more",
            INDENT + padRight(MULTI_APP_LABEL, 9),
            INDENT + " ".repeat(9)));
    if (record.getCoveredUntilMicros() < columns.endMicros()) {
      lines.addAll(
          wrap(
              "not yet covered: this record describes the day up to "
                  + columns.local(record.getCoveredUntilMicros()).format(CLOCK),
              INDENT + padRight("blank", 9),
              INDENT + " ".repeat(9)));
    }
  }

  private void platformLegend(
      List<String> lines, List<PlatformDay> platforms, List<String> labels) {
    if (platforms.isEmpty()) {
      return;
    }
    for (int i = 0; i < platforms.size(); i++) {
      lines.add(
          INDENT
              + padRight(labels.get(i), 9)
              + clip(platforms.get(i).platform(), TerminalText.WIDTH - 11));
    }
    lines.addAll(
        wrap(
            "the lanes above: one per platform, as that platform sees the worker: "
                + glyphs.offline()
                + " offline, "
                + glyphs.available()
                + " available, "
                + glyphs.engaged()
                + " engaged. Platform lanes do not split engaged into en route and on task: when"
                + " several platforms are engaged at once, the record does not say which of them"
                + " is on task.",
            INDENT + " ".repeat(9),
            INDENT + " ".repeat(9)));
  }

  private static void totals(List<String> lines, DayTotals totals, List<PlatformDay> platforms) {
    lines.add("Totals");
    total(
        lines,
        "online",
        totals.getOnlineSeconds(),
        "online on at least one platform, each moment once");
    total(
        lines,
        "engaged",
        totals.getEngagedSeconds(),
        "en route or on task: the time the injury pilot covers");
    total(lines, "on task", totals.getOnTaskSeconds(), "executing an order on some platform");
    total(
        lines, "multi-app", totals.getMultiAppSeconds(), "online on two or more platforms at once");
    total(
        lines,
        "platform sum",
        totals.getPlatformSumSeconds(),
        "each platform's online time added up, as siloed counting has it");
    total(
        lines,
        "longest stretch",
        totals.getLongestStretchSeconds(),
        "engaged time joined across breaks under 20 min");
    PlatformDay longest = null;
    for (PlatformDay platform : platforms) {
      if (longest == null || platform.longestStretch().compareTo(longest.longestStretch()) > 0) {
        longest = platform;
      }
    }
    if (longest != null) {
      lines.addAll(
          wrap(
              "The longest stretch any single platform sees is "
                  + hoursMinutes(longest.longestStretch())
                  + " ("
                  + longest.platform()
                  + "); a platform's fatigue limit acts at 4 h.",
              INDENT,
              INDENT));
    }
  }

  private static void total(List<String> lines, String name, long seconds, String meaning) {
    lines.add(
        INDENT
            + padRight(name, 16)
            + padLeft(hoursMinutes(Duration.ofSeconds(seconds)), 13)
            + "   "
            + meaning);
  }

  private static void flags(List<String> lines, List<DayFlag> flags, DayColumns columns) {
    if (flags.isEmpty()) {
      lines.add("Flags: none");
      return;
    }
    lines.add("Flags");
    List<DayFlag> sorted = new ArrayList<>(flags);
    sorted.sort(
        Comparator.comparingLong(DayFlag::getAtMicros)
            .thenComparing(DayFlag::getKind)
            .thenComparing(DayFlag::getPlatform)
            .thenComparing(DayFlag::getEventId));
    Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
    for (DayFlag flag : sorted) {
      kinds.add(flag.getKind());
      String line =
          INDENT
              + columns.local(flag.getAtMicros()).format(CLOCK_SECONDS)
              + "  "
              + padRight(flag.getKind().name(), 19)
              + padRight(flag.getPlatform(), 12)
              + "session "
              + flag.getSessionId()
              + (flag.getTaskRef() == null ? "" : "  task " + flag.getTaskRef());
      lines.add(clip(line, TerminalText.WIDTH));
    }
    for (AnomalyKind kind : kinds) {
      lines.addAll(
          wrap(meaning(kind), INDENT + padRight(kind.name(), 20), INDENT + " ".repeat(20)));
    }
  }

  private static String meaning(AnomalyKind kind) {
    return switch (kind) {
      case TIMEOUT -> "the session fell silent and was closed at its last event";
      case IMPLIED_ONLINE -> "an event came outside an open session, which was opened there";
      case IMPLIED_ASSIGNMENT -> "a task started without having been assigned";
    };
  }

  private static boolean fatigueHiddenFromEveryPlatform(DayRecord record) {
    if (!FatigueStretch.exceedsLimit(
        Duration.ofSeconds(record.getTotals().getLongestStretchSeconds()))) {
      return false;
    }
    for (PlatformDay platform : PlatformDay.of(record)) {
      if (FatigueStretch.exceedsLimit(platform.longestStretch())) {
        return false;
      }
    }
    return true;
  }
}
