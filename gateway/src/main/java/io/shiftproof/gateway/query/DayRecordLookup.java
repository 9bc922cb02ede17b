package io.shiftproof.gateway.query;

import io.shiftproof.gateway.api.ApiException;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.records.DayRecordReader;
import io.shiftproof.records.StoredDayRecord;
import io.shiftproof.schemas.wire.Rfc3339;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Answers the query routes from a {@link DayRecordReader}. An unknown worker and a day without a
 * record get the same answer ({@link #noRecord}), so the API does not tell a caller which
 * pseudonyms exist; a missing version of an existing day is its own error. Blocking.
 */
public final class DayRecordLookup {
  private final DayRecordReader reader;
  private final ZoneId zone;

  /**
   * @param zone the hub's working-time zone, which decides the local day an instant belongs to
   */
  public DayRecordLookup(DayRecordReader reader, ZoneId zone) {
    this.reader = reader;
    this.zone = zone;
  }

  /** The requested version of the day, or its latest record. */
  public StoredDayRecord day(DayQuery query) {
    if (query.version().isPresent()) {
      // One read when the version exists; the latest is read only to say what does.
      return reader
          .sealed(query.workerRef(), query.day(), query.version().getAsInt())
          .orElseThrow(() -> versionNotFound(query, latest(query.workerRef(), query.day())));
    }
    return latest(query.workerRef(), query.day());
  }

  private StoredDayRecord latest(String workerRef, LocalDate day) {
    return reader.latest(workerRef, day).orElseThrow(() -> noRecord(day, zone));
  }

  /** The worker's status at the instant, from the latest record of the local day containing it. */
  public WorkerStatus status(StatusQuery query) {
    LocalDate day = query.at().atZone(zone).toLocalDate();
    StoredDayRecord latest = latest(query.workerRef(), day);
    return WorkerStatus.at(latest, query.at())
        .orElseThrow(
            () ->
                HttpErrorCode.STATUS_NOT_YET_KNOWN.exception(
                    "at: got "
                        + Rfc3339.format(query.at(), zone)
                        + ", but the worker's time is known only up to "
                        + Rfc3339.format(latest.knownUntil(), zone)
                        + ": events have been processed only that far, or a session was still"
                        + " open there and may yet turn out to have ended at its last event; ask"
                        + " for an earlier instant or again later"));
  }

  /**
   * The one answer for "nothing to show for this worker on this day", whether the pseudonym is
   * unknown or only the day is empty: telling the two apart would let a caller probe which
   * pseudonyms exist. The message names neither the pseudonym nor which case it was.
   */
  public static ApiException noRecord(LocalDate day, ZoneId zone) {
    return HttpErrorCode.DAY_NOT_FOUND.exception(
        "no record of this workerRef on "
            + day
            + " (local days in "
            + zone
            + "): check the pseudonym and the day; the worker may have had no events that day, or"
            + " they are not processed yet");
  }

  private static ApiException versionNotFound(DayQuery query, StoredDayRecord latestRecord) {
    int latestVersion = latestRecord.latestVersion();
    String latest =
        latestVersion == 0
            ? "no version is sealed yet; omit version to get the live record"
            : "the latest version is " + latestVersion + "; ask for 1.." + latestVersion;
    return HttpErrorCode.VERSION_NOT_FOUND.exception(
        "version: got " + query.version().getAsInt() + " for " + query.day() + ", but " + latest);
  }
}
