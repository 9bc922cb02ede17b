package io.shiftproof.streamjobs.records;

import io.shiftproof.records.LateEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the working-time job sends what it produces. The job's wiring takes this as a parameter, so
 * tests can collect the same streams that production stores.
 */
public interface DayRecordOutputs {

  /**
   * Attaches the sinks.
   *
   * @param live live records of days that have not settled
   * @param sealed version 1 of each settled day and every correction
   * @param tooLate events beyond the correction horizon
   */
  void attach(
      DataStream<DayRecordUpdate> live,
      DataStream<DayRecordUpdate> sealed,
      DataStream<LateEvent> tooLate);
}
