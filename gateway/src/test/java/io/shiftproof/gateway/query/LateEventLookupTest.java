package io.shiftproof.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.LateEventFilter;
import io.shiftproof.records.LateEventReader;
import io.shiftproof.records.StoredLateEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LateEventLookupTest {
  private static final LateEventFilter ALL =
      new LateEventFilter(Optional.empty(), Optional.empty());

  @Test
  void pageEndsBeforeEventsStoredTogether() {
    LateEventLookup lookup = lookup(stored("a", 30), stored("b", 20), stored("c", 20));
    LateEventPage page = lookup.page(new LateEventQuery(ALL, Optional.empty(), 2));
    assertThat(ids(page)).containsExactly("a");
    assertThat(page.next()).contains(Instant.ofEpochSecond(30));
  }

  @Test
  void groupLargerThanTheLimitComesWhole() {
    LateEventLookup lookup =
        lookup(stored("a", 20), stored("b", 20), stored("c", 20), stored("d", 10));
    LateEventPage page = lookup.page(new LateEventQuery(ALL, Optional.empty(), 2));
    assertThat(ids(page)).containsExactly("a", "b", "c");
    assertThat(page.next()).contains(Instant.ofEpochSecond(20));
  }

  @Test
  void lastPageHasNoNext() {
    LateEventLookup lookup = lookup(stored("a", 30), stored("b", 20), stored("c", 10));
    LateEventPage page =
        lookup.page(new LateEventQuery(ALL, Optional.of(Instant.ofEpochSecond(30)), 2));
    assertThat(ids(page)).containsExactly("b", "c");
    assertThat(page.next()).isEmpty();
  }

  @Test
  void pagingVisitsEveryEventOnce() {
    List<StoredLateEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(stored("e%02d".formatted(i), 100 - (i / 3) * 3));
    }
    LateEventLookup lookup = lookup(events.toArray(StoredLateEvent[]::new));
    for (int limit = 1; limit <= 7; limit++) {
      List<String> seen = new ArrayList<>();
      Optional<Instant> before = Optional.empty();
      while (true) {
        LateEventPage page = lookup.page(new LateEventQuery(ALL, before, limit));
        seen.addAll(ids(page));
        if (page.next().isEmpty()) {
          break;
        }
        before = page.next();
      }
      assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(ids(events));
    }
  }

  private static LateEventLookup lookup(StoredLateEvent... events) {
    List<StoredLateEvent> newestFirst =
        List.of(events).stream()
            .sorted(
                Comparator.comparing(StoredLateEvent::storedAt)
                    .reversed()
                    .thenComparing(StoredLateEvent::eventId))
            .toList();
    return new LateEventLookup(
        new LateEventReader() {
          @Override
          public List<StoredLateEvent> newestFirst(
              LateEventFilter filter, Optional<Instant> before, int count) {
            return newestFirst.stream()
                .filter(e -> before.map(b -> e.storedAt().isBefore(b)).orElse(true))
                .limit(count)
                .toList();
          }

          @Override
          public List<StoredLateEvent> storedAt(LateEventFilter filter, Instant storedAt) {
            return newestFirst.stream().filter(e -> e.storedAt().equals(storedAt)).toList();
          }
        });
  }

  private static StoredLateEvent stored(String eventId, long storedAtSecond) {
    Instant at = Instant.ofEpochSecond(storedAtSecond);
    return new StoredLateEvent(
        "platform-1", eventId, "wr_x", "batch-1", at, at, "TOO_LATE", at, at, Optional.empty());
  }

  private static List<String> ids(LateEventPage page) {
    return ids(page.events());
  }

  private static List<String> ids(List<StoredLateEvent> events) {
    return events.stream().map(StoredLateEvent::eventId).toList();
  }
}
