package io.shiftproof.benchmarks;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.records.DayRecords;
import io.shiftproof.streamjobs.worktime.WorkerTimeline;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sealed day records as the working-time job stores and anchors them, for the micro-benchmarks.
 *
 * <p>The job benchmarks' simulated load (a fixed seed, so the same bytes every time) goes through
 * the job's own timeline and record encoding without Flink, Kafka or PostgreSQL: each worker's
 * events into a {@link WorkerTimeline}, each of the worker's days out as the canonical bytes of its
 * first sealed version. Content and size are those of real records.
 *
 * <p>Simulating takes seconds in a fresh JVM, and JMH starts one per benchmark: the runner writes
 * the records to a file once ({@link #write}) and names it in {@link #FILE_PROPERTY}, and the forks
 * read them from there.
 */
public final class SimulatedDayRecords {
  /** The system property naming a file written by {@link #write}, read instead of simulating. */
  public static final String FILE_PROPERTY = "shiftproof.bench.day-records";

  private static final int WORKERS = 60;
  private static final int PLATFORMS = 3;
  private static final int DAYS = 1;
  private static final long SEED = 7;

  private SimulatedDayRecords() {}

  /**
   * {@code count} records: the sealed records in turn, repeated by reference when {@code count} is
   * more (hashing costs per byte, not per distinct record).
   */
  public static List<byte[]> sample(int count) {
    List<byte[]> distinct = sealed();
    List<byte[]> sample = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sample.add(distinct.get(i % distinct.size()));
    }
    return sample;
  }

  /**
   * Every sealed record of the simulated load: read from the file named by {@link #FILE_PROPERTY}
   * when it is set, simulated otherwise.
   */
  public static List<byte[]> sealed() {
    String file = System.getProperty(FILE_PROPERTY);
    return file == null ? simulate() : read(Path.of(file));
  }

  /** Writes {@code records} to {@code file} for {@link #FILE_PROPERTY}. */
  public static void write(List<byte[]> records, Path file) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(records.size());
      for (byte[] record : records) {
        out.writeInt(record.length);
        out.write(record);
      }
    }
  }

  /** The mean size of {@code records} in bytes. */
  public static double meanBytes(List<byte[]> records) {
    return records.stream().mapToInt(r -> r.length).average().orElse(0);
  }

  private static List<byte[]> read(Path file) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int count = in.readInt();
      List<byte[]> records = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] record = new byte[in.readInt()];
        in.readFully(record);
        records.add(record);
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(FILE_PROPERTY + ": cannot read " + file, e);
    }
  }

  private static List<byte[]> simulate() {
    SimulationConfig simulation = BenchJobRuns.simulation(WORKERS, PLATFORMS, DAYS, SEED);
    ZoneId zone = simulation.zone();
    WorkingTimeConfig config = WorkingTimeConfig.defaults().withZone(zone);
    Map<String, WorkerTimeline> timelines = new TreeMap<>();
    Map<String, SortedSet<LocalDate>> days = new TreeMap<>();
    for (RecordedEvent recorded : BenchJobRuns.events(simulation)) {
      String worker = recorded.event().workerRef();
      timelines.computeIfAbsent(worker, w -> new WorkerTimeline(w, config)).add(recorded);
      days.computeIfAbsent(worker, w -> new TreeSet<>())
          .add(LocalDate.ofInstant(recorded.event().occurredAt(), zone));
    }
    List<byte[]> records = new ArrayList<>();
    // A watermark past every day: each day is complete, so its record is a sealed version.
    timelines.forEach(
        (worker, timeline) ->
            timeline
                .workingDays(days.get(worker), Instant.MAX)
                .forEach(day -> records.add(DayRecords.encode(day, 1, zone))));
    if (records.isEmpty()) {
      throw new IllegalStateException("the simulated load gave no day records");
    }
    return records;
  }
}
