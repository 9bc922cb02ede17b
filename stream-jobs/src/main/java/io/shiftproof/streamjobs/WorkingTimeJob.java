package io.shiftproof.streamjobs;

import io.shiftproof.config.ConfigException;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.streamjobs.records.DayRecordOutputs;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import io.shiftproof.streamjobs.state.WorkInputTypeInfo;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The working-time job: from the {@code work-events} topic to each worker's day records, live while
 * a day is open and sealed in versions once it settles (docs/design.md §5).
 *
 * <p>Source and outputs are parameters of {@link #build}, so tests run the same wiring on bounded
 * inputs and collecting sinks; {@link #main} only connects Kafka and PostgreSQL.
 */
public final class WorkingTimeJob {

  public static final String SOURCE_NAME = "work-events";

  private WorkingTimeJob() {}

  /**
   * Wires checkpointing, watermarks on event time, one key per worker, the {@link
   * WorkerDayFunction} and the outputs.
   */
  public static void build(
      StreamExecutionEnvironment env,
      Source<WorkInput, ?, ?> source,
      DayRecordOutputs outputs,
      WorkingTimeJobConfig config) {
    // Sealed versions are stored when a checkpoint completes: without checkpoints none would be.
    env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    // Aligned checkpoints only: the live records emitted before a checkpoint's barrier must be
    // stored before the checkpoint records the job's watermark in stream_progress, because readers
    // take a quiet worker's live record as offline up to that watermark (docs/design.md §5.8). An
    // unaligned barrier would overtake them.
    env.getCheckpointConfig().enableUnalignedCheckpoints(false);
    env.getConfig().setAutoWatermarkInterval(config.watermarkInterval().toMillis());
    WatermarkStrategy<WorkInput> watermarks =
        WorkEventWatermarks.strategy(config.outOfOrderness(), config.idleness());
    SingleOutputStreamOperator<DayRecordUpdate> live =
        // The explicit type keeps events crossing the keyBy off Kryo, whatever the source reports.
        env.fromSource(source, watermarks, SOURCE_NAME, WorkInputTypeInfo.INSTANCE)
            .uid("work-events-source")
            .keyBy(WorkInput::workerRef)
            .process(
                new WorkerDayFunction(
                    config.workingTime(),
                    config.updateInterval(),
                    config.correctionHorizon(),
                    config.silenceTimers()))
            .name("worker-days")
            .uid("worker-days");
    outputs.attach(
        live,
        live.getSideOutput(WorkerDayFunction.SEALED_VERSIONS),
        live.getSideOutput(WorkerDayFunction.TOO_LATE));
  }

  /**
   * A Kafka source reading {@code topic} from the committed offsets, or the start if none.
   *
   * @param clientSecurity the consumer's {@code security.protocol} and {@code ssl.*} settings: the
   *     job's certificate, which the broker's ACLs let read the topic in {@code groupId}
   */
  public static KafkaSource<WorkInput> kafkaSource(
      String bootstrapServers, Map<String, String> clientSecurity, String topic, String groupId) {
    KafkaSourceBuilder<WorkInput> builder = sourceBuilder(bootstrapServers, topic, groupId);
    clientSecurity.forEach(builder::setProperty);
    return builder.build();
  }

  /**
   * The same source, bounded: it reads up to the end the topic has when the job starts, then
   * finishes, as a benchmark run does.
   */
  public static KafkaSource<WorkInput> boundedKafkaSource(
      String bootstrapServers, String topic, String groupId) {
    return sourceBuilder(bootstrapServers, topic, groupId)
        .setBounded(OffsetsInitializer.latest())
        .build();
  }

  private static KafkaSourceBuilder<WorkInput> sourceBuilder(
      String bootstrapServers, String topic, String groupId) {
    return KafkaSource.<WorkInput>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setValueOnlyDeserializer(new WorkInputDeserializer());
  }

  /**
   * Runs the job against Kafka and PostgreSQL, e.g. when submitted to a Flink cluster with {@code
   * flink run}. The arguments, {@code --key value} pairs, are those of {@link JobArguments}: the
   * connections, and the settings of {@link JobKeys} under the hub's names, which {@code shiftproof
   * config --job-arguments} prints as the hub has them.
   */
  public static void main(String[] args) throws Exception {
    JobArguments arguments;
    try {
      arguments = JobArguments.parse(args);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: WorkingTimeJob " + JobArguments.usage());
      System.exit(2);
      return;
    }
    WorkingTimeJobConfig config = arguments.job();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(
        env,
        kafkaSource(
            arguments.bootstrapServers(),
            arguments.kafkaTls().clientProperties(),
            arguments.topic(),
            arguments.groupId()),
        PostgresDayRecordOutputs.anchored(
            new RecordStoreConfig(
                arguments.postgresUrl(), arguments.postgresUser(), arguments.postgresPassword()),
            config.jobName(),
            arguments.ledger()),
        config);
    env.execute(config.jobName());
  }
}
