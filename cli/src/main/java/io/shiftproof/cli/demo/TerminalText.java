package io.shiftproof.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formatting shared by the demo's terminal outputs, which stay within 100 columns. */
final class TerminalText {

  static final int WIDTH = 100;

  private TerminalText() {}

  /** Hours with one decimal; the root locale keeps the decimal point a point on every machine. */
  static String hours(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 3_600_000.0);
  }

  /** Hours and minutes, rounded to the nearest minute, e.g. {@code 9 h 05 min}. */
  static String hoursMinutes(Duration duration) {
    long minutes = (duration.getSeconds() + 30) / 60;
    return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
  }

  /** {@code 1 worker}, {@code 2 workers}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }

  static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  /** Cuts {@code text} to {@code width} characters, marking the cut with {@code ~}. */
  static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }

  /**
   * Word-wraps a paragraph to {@link #WIDTH} columns, the first line starting with {@code
   * firstIndent} and the others with {@code nextIndent}.
   */
  static List<String> wrap(String text, String firstIndent, String nextIndent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(firstIndent);
    int lineStart = line.length();
    for (String word : text.split(" +")) {
      if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(nextIndent);
        lineStart = line.length();
      }
      if (line.length() > lineStart) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
