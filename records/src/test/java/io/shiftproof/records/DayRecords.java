package io.shiftproof.records;

import io.shiftproof.schemas.avro.AnomalyKind;
import io.shiftproof.schemas.avro.DayFlag;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.PlatformSources;
import io.shiftproof.schemas.avro.Sha256;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Day records for tests, built the way the stream job builds them: {@code
 * DayRecords.worker("w-a").segment("08:00", "09:00", AVAILABLE, on("platform-1"), on()).build()}.
 *
 * <p>A record is of {@link #DAY} in {@link #ZONE} unless told otherwise, sealed as version 1 and
 * covering its whole day. Times are a local clock of the record's day, {@code HH:mm} ({@code 24:00}
 * for its end), or an RFC 3339 instant with offset ({@code 2026-11-21T10:00:00+08:00}).
 */
public final class DayRecords {

  public static final String DAY = "2026-11-28";
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final String workerRef;
  private LocalDate day = LocalDate.parse(DAY);
  private ZoneId zone = ZONE;
  private int version = 1;
  private boolean provisional;
  private Long coveredUntilMicros;
  private DayTotals totals = new DayTotals(0L, 0L, 0L, 0L, 0L, 0L);
  private final List<DaySegments.Segment> segments = new ArrayList<>();
  private final List<DayFlag> flags = new ArrayList<>();
  private final List<PlatformSources> sources = new ArrayList<>();

  private DayRecords(String workerRef) {
    this.workerRef = workerRef;
  }

  public static DayRecords worker(String workerRef) {
    return new DayRecords(workerRef);
  }

  /** A time of {@link #DAY} in {@link #ZONE} (see the class comment), in epoch microseconds. */
  public static long micros(String time) {
    return micros(time, LocalDate.parse(DAY), ZONE);
  }

  public static List<String> on(String... platforms) {
    return List.of(platforms);
  }

  /** The local day, {@code yyyy-MM-dd}. Set it before any time written as a local clock. */
  public DayRecords day(String day) {
    return day(LocalDate.parse(day));
  }

  public DayRecords day(LocalDate day) {
    this.day = day;
    return this;
  }

  /** The zone of the local day. Set it before any time written as a local clock. */
  public DayRecords zone(String zone) {
    this.zone = ZoneId.of(zone);
    return this;
  }

  /** Sealed version {@code version}, 1 or more; not provisional. */
  public DayRecords version(int version) {
    if (version < 1) {
      throw new IllegalArgumentException("version: got " + version + ", want 1 or more");
    }
    this.version = version;
    this.provisional = false;
    return this;
  }

  /**
   * Interim version {@code version}: sealed on request before the day settled, so still
   * provisional.
   */
  public DayRecords interim(int version) {
    version(version);
    this.provisional = true;
    return this;
  }

  /** The live record (version 0, provisional) of a day processed up to {@code time}. */
  public DayRecords liveUntil(String time) {
    version = 0;
    provisional = true;
    return coveredUntil(time);
  }

  /** How far the record reaches; by default the end of its day. */
  public DayRecords coveredUntil(String time) {
    coveredUntilMicros = micros(time, day, zone);
    return this;
  }

  /** Reaching {@code past} beyond the end of its day, as a settled day's record does. */
  public DayRecords coveredPastDay(Duration past) {
    coveredUntilMicros = micros(day.plusDays(1).atStartOfDay(zone).toInstant().plus(past));
    return this;
  }

  public DayRecords segment(
      String from, String to, WorkState state, List<String> online, List<String> engaged) {
    segments.add(
        new DaySegments.Segment(
            micros(from, day, zone), micros(to, day, zone), state, online, engaged));
    return this;
  }

  /** The segments of another record, say, added after any already set. */
  public DayRecords segments(List<DaySegments.Segment> more) {
    segments.addAll(more);
    return this;
  }

  public DayRecords flag(AnomalyKind kind, String platform, String at, String taskRef) {
    flags.add(
        new DayFlag(
            kind, platform, "s-" + platform, taskRef, "e-" + flags.size(), micros(at, day, zone)));
    return this;
  }

  /** Totals in minutes, as worked out by hand from the segments. */
  public DayRecords totalsInMinutes(
      long online, long engaged, long onTask, long multiApp, long platformSum, long longest) {
    totals =
        new DayTotals(
            online * 60, engaged * 60, onTask * 60, multiApp * 60, platformSum * 60, longest * 60);
    return this;
  }

  /** The engaged total alone, for tests that look at no other total. */
  public DayRecords engagedSeconds(long engaged) {
    totals = new DayTotals(0L, engaged, 0L, 0L, 0L, 0L);
    return this;
  }

  /** A platform's events the record was computed from: how many, and a digest standing for them. */
  public DayRecords sources(String platform, int eventCount) {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) eventCount);
    sources.add(new PlatformSources(platform, eventCount, new Sha256(digest)));
    return this;
  }

  public DayRecord build() {
    return DaySegments.write(
            DayRecord.newBuilder()
                .setWorkerRef(workerRef)
                .setDay(day.toString())
                .setZone(zone.getId())
                .setVersion(version)
                .setProvisional(provisional)
                .setCoveredUntilMicros(coveredUntilMicros())
                .setTotals(totals),
            List.copyOf(segments))
        .setFlags(List.copyOf(flags))
        .setSourceBatches(List.of())
        .setSources(List.copyOf(sources))
        .build();
  }

  /** The canonical bytes of {@link #build()}, as stored and hashed. */
  public byte[] encode() {
    return DayRecordCodec.encode(build());
  }

  /**
   * The record as the job seals it, at a watermark as far as the record reaches: an interim version
   * on request, else version 1 settles the day and later ones correct it.
   */
  public SealedVersion sealedVersion() {
    SealedVersion.Reason reason =
        provisional
            ? SealedVersion.Reason.INTERIM
            : version == 1 ? SealedVersion.Reason.SETTLED : SealedVersion.Reason.CORRECTION;
    return sealedVersion(reason, DayRecordCodec.instantOfMicros(coveredUntilMicros()));
  }

  public SealedVersion sealedVersion(SealedVersion.Reason reason, Instant watermark) {
    if (version == 0) {
      throw new IllegalStateException("a live record is not sealed; set a version instead");
    }
    return new SealedVersion(
        workerRef,
        day,
        version,
        reason,
        watermark.toEpochMilli(),
        coveredUntilMicros() / 1_000,
        encode());
  }

  /**
   * The record as the job stores a day that has not settled, with a session still open where it
   * ends: made at a watermark a millisecond before its end, it claims nothing past it.
   */
  public LiveRecord liveRecord() {
    return liveRecord(false);
  }

  /**
   * The record as the job stores a day that has not settled and a worker with no session open where
   * it ends: readers take the worker as offline past it up to the job's committed watermark.
   */
  public LiveRecord quietLiveRecord() {
    return liveRecord(true);
  }

  private LiveRecord liveRecord(boolean quiet) {
    if (version != 0) {
      throw new IllegalStateException("a sealed version is not live; use liveUntil instead");
    }
    long coveredUntil = coveredUntilMicros() / 1_000;
    return new LiveRecord(workerRef, day, coveredUntil - 1, coveredUntil, quiet, encode());
  }

  private long coveredUntilMicros() {
    return coveredUntilMicros != null ? coveredUntilMicros : micros("24:00", day, zone);
  }

  private static long micros(String time, LocalDate day, ZoneId zone) {
    if (time.contains("T")) {
      return micros(OffsetDateTime.parse(time).toInstant());
    }
    LocalDate date = day;
    if (time.equals("24:00")) {
      date = day.plusDays(1);
      time = "00:00";
    }
    return micros(date.atTime(LocalTime.parse(time)).atZone(zone).toInstant());
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }
}
