package io.shiftproof.streamjobs;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The working-time job: from the {@code work-events} topic to each worker's {@link WorkingDay}s,
 * live while a day is open and final once it settles (DESIGN §5).
 *
 * <p>Source and sink are parameters of {@link #build}, so tests run the same wiring on bounded
 * inputs and collecting sinks; {@link #main} only connects Kafka.
 */
public final class WorkingTimeJob {

  public static final String SOURCE_NAME = "work-events";

  private WorkingTimeJob() {}

  /**
   * Wires watermarks on event time, one key per worker, the {@link WorkerDayFunction} and the sink.
   *
   * @return the working-day operator, whose side output {@link WorkerDayFunction#LATE_EVENTS} holds
   *     events too late to apply
   */
  public static SingleOutputStreamOperator<WorkingDay> build(
      StreamExecutionEnvironment env,
      Source<RecordedEvent, ?, ?> source,
      Sink<WorkingDay> sink,
      WorkingTimeJobConfig config) {
    WatermarkStrategy<RecordedEvent> watermarks =
        WatermarkStrategy.<RecordedEvent>forBoundedOutOfOrderness(config.outOfOrderness())
            .withTimestampAssigner(
                (recorded, ignored) -> recorded.event().occurredAt().toEpochMilli())
            .withIdleness(config.idleness());
    SingleOutputStreamOperator<WorkingDay> days =
        env.fromSource(source, watermarks, SOURCE_NAME)
            .uid("work-events-source")
            .keyBy(recorded -> recorded.event().workerRef())
            .process(new WorkerDayFunction(config.workingTime(), config.updateInterval()))
            .name("worker-days")
            .uid("worker-days");
    days.sinkTo(sink).name("working-days-sink").uid("working-days-sink");
    return days;
  }

  /** A Kafka source reading {@code topic} from the committed offsets, or the start if none. */
  public static KafkaSource<RecordedEvent> kafkaSource(
      String bootstrapServers, String topic, String groupId) {
    return KafkaSource.<RecordedEvent>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setValueOnlyDeserializer(new RecordedEventDeserializer())
        .build();
  }

  /**
   * Runs the job against Kafka and prints the working days; storing them comes with the day-record
   * sink.
   *
   * <p>Arguments: {@code <bootstrap-servers> [topic, default work-events] [group id, default
   * shiftproof-working-time]}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 3) {
      System.err.println(
          "usage: WorkingTimeJob <bootstrap-servers> [topic, default work-events]"
              + " [group id, default shiftproof-working-time]");
      System.exit(2);
    }
    String topic = args.length > 1 ? args[1] : "work-events";
    String groupId = args.length > 2 ? args[2] : "shiftproof-working-time";
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(
        env,
        kafkaSource(args[0], topic, groupId),
        new PrintSink<>(),
        WorkingTimeJobConfig.defaults());
    env.execute("shiftproof-working-time");
  }
}
