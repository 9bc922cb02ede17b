package io.shiftproof.streamjobs.worktime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * A day's lineage for one platform (docs/design.md §6): how many of its events the day was computed
 * from, and a digest of their ids. It replaces the list of source batches a record used to carry,
 * which grew with every batch (hundreds a worker-day); this stays a few dozen bytes per platform.
 * Anyone holding the platform's events of the day (the platform itself, or the hub's store of
 * signed events) can recompute both.
 *
 * @param eventsDigest SHA-256 over the events' ids in ascending order, each followed by a 0x00 byte
 */
public record PlatformSources(String platform, int eventCount, byte[] eventsDigest) {
  public PlatformSources {
    Objects.requireNonNull(platform, "platform");
    if (eventsDigest.length != 32) {
      throw new IllegalArgumentException("eventsDigest: want 32 bytes of SHA-256");
    }
    eventsDigest = eventsDigest.clone();
  }

  @Override
  public byte[] eventsDigest() {
    return eventsDigest.clone();
  }

  /** One entry per platform, in platform order, from the events in lineage order. */
  public static List<PlatformSources> of(SortedSet<SourceEvent> events) {
    List<PlatformSources> sources = new ArrayList<>();
    String platform = null;
    int count = 0;
    MessageDigest digest = sha256();
    for (SourceEvent event : events) {
      if (!event.platform().equals(platform)) {
        if (platform != null) {
          sources.add(new PlatformSources(platform, count, digest.digest()));
        }
        platform = event.platform();
        count = 0;
      }
      digest.update(event.eventId().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      count++;
    }
    if (platform != null) {
      sources.add(new PlatformSources(platform, count, digest.digest()));
    }
    return List.copyOf(sources);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlatformSources other
        && platform.equals(other.platform)
        && eventCount == other.eventCount
        && Arrays.equals(eventsDigest, other.eventsDigest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, eventCount, Arrays.hashCode(eventsDigest));
  }

  @Override
  public String toString() {
    return platform + ":" + eventCount + ":" + HexFormat.of().formatHex(eventsDigest);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no SHA-256", e);
    }
  }
}
