package io.shiftproof.records;

import io.shiftproof.schemas.avro.DayRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link DayRecordReader} over records held in memory, for tests of what answers from day records
 * without a database. A record of version 0 is the day's live record, holding up to its
 * coveredUntil unless added as quiet; every other is a sealed version, sealed as SETTLED.
 */
public final class InMemoryDayRecordReader implements DayRecordReader {
  private final List<DayRecord> records = new ArrayList<>();
  private final Set<DayRecord> quiet = new HashSet<>();
  private Optional<Instant> committedWatermark = Optional.empty();

  public InMemoryDayRecordReader add(DayRecord record) {
    records.add(record);
    return this;
  }

  /**
   * Adds a live record with no session open where it ends, which holds up to the job's committed
   * watermark ({@link RecordReach}).
   */
  public InMemoryDayRecordReader addQuiet(DayRecord live) {
    quiet.add(live);
    return add(live);
  }

  /** The job's committed watermark, as {@code stream_progress} would hold it. */
  public InMemoryDayRecordReader committedWatermark(Instant watermark) {
    committedWatermark = Optional.of(watermark);
    return this;
  }

  @Override
  public Optional<StoredDayRecord> latest(String workerRef, LocalDate day) {
    List<DayRecord> ofDay = ofDay(workerRef, day);
    Optional<DayRecord> sealed =
        ofDay.stream()
            .filter(r -> r.getVersion() > 0)
            .max(Comparator.comparing(r -> r.getVersion()));
    if (sealed.isPresent()) {
      return Optional.of(stored(sealed.get(), sealed.get().getVersion()));
    }
    return ofDay.stream().findFirst().map(r -> stored(r, 0));
  }

  @Override
  public Optional<StoredDayRecord> sealed(String workerRef, LocalDate day, int version) {
    int latest = latest(workerRef, day).map(StoredDayRecord::latestVersion).orElse(0);
    return ofDay(workerRef, day).stream()
        .filter(r -> r.getVersion() == version)
        .findFirst()
        .map(r -> stored(r, latest));
  }

  @Override
  public boolean knowsWorker(String workerRef) {
    return records.stream().anyMatch(r -> r.getWorkerRef().equals(workerRef));
  }

  private List<DayRecord> ofDay(String workerRef, LocalDate day) {
    return records.stream()
        .filter(r -> r.getWorkerRef().equals(workerRef) && r.getDay().equals(day.toString()))
        .toList();
  }

  private StoredDayRecord stored(DayRecord record, int latestVersion) {
    if (record.getVersion() == 0) {
      return new StoredDayRecord(
          record,
          Optional.empty(),
          Optional.empty(),
          latestVersion,
          RecordReach.ofLive(record, quiet.contains(record), committedWatermark));
    }
    return new StoredDayRecord(
        record,
        Optional.of(new Seal("SETTLED", Instant.ofEpochSecond(0))),
        Optional.empty(),
        latestVersion,
        RecordReach.ofSealed(record));
  }
}
