package io.shiftproof.streamjobs.worktime;

import java.util.List;
import java.util.TreeSet;

/**
 * A day's lineage, computed only when asked: the session episodes that shaped the day, whose events
 * {@link #sources()} counts and digests per platform. Every live update builds a day, but only a
 * sealed version carries its lineage, and gathering, sorting and hashing every event of the day on
 * each update would cost more than the update itself.
 */
public final class DayLineage {
  private final List<EventSpan> spans;
  private List<PlatformSources> sources;

  DayLineage(List<EventSpan> spans) {
    this.spans = List.copyOf(spans);
  }

  /** A lineage of the given sources, already computed. */
  public static DayLineage of(List<PlatformSources> sources) {
    DayLineage lineage = new DayLineage(List.of());
    lineage.sources = List.copyOf(sources);
    return lineage;
  }

  /** Whether no event shaped the day; answered without computing the sources. */
  public boolean isEmpty() {
    if (sources != null) {
      return sources.isEmpty();
    }
    return spans.stream().allMatch(span -> span.events().isEmpty());
  }

  /** Per platform, the events that shaped the day, in platform order; computed once. */
  public List<PlatformSources> sources() {
    if (sources == null) {
      TreeSet<SourceEvent> events = new TreeSet<>();
      spans.forEach(span -> events.addAll(span.events()));
      sources = PlatformSources.of(events);
    }
    return sources;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DayLineage other && sources().equals(other.sources());
  }

  @Override
  public int hashCode() {
    return sources().hashCode();
  }

  @Override
  public String toString() {
    return sources == null ? "DayLineage(" + spans.size() + " spans)" : sources.toString();
  }
}
