package io.shiftproof.streamjobs;

import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.streamjobs.records.DayRecordOutputs;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import io.shiftproof.streamjobs.state.WorkInputTypeInfo;
import java.time.ZoneId;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
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
                    config.workingTime(), config.updateInterval(), config.correctionHorizon()))
            .name("worker-days")
            .uid("worker-days");
    outputs.attach(
        live,
        live.getSideOutput(WorkerDayFunction.SEALED_VERSIONS),
        live.getSideOutput(WorkerDayFunction.TOO_LATE));
  }

  /** A Kafka source reading {@code topic} from the committed offsets, or the start if none. */
  public static KafkaSource<WorkInput> kafkaSource(
      String bootstrapServers, String topic, String groupId) {
    return sourceBuilder(bootstrapServers, topic, groupId).build();
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
   * flink run}. Arguments, all {@code --name value}: {@code kafka.bootstrap-servers}, {@code
   * postgres.url}, {@code postgres.user}, {@code postgres.password}, {@code ledger.signing-key}
   * (the hub's key, which signs the ledger's entries) (required); {@code kafka.topic} (default
   * {@code work-events}), {@code kafka.group-id} (default {@code shiftproof-working-time}), {@code
   * working-time.zone} (default {@code Asia/Shanghai}), {@code ledger.kind} (default {@code
   * postgres}, as on the hub).
   */
  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    String[] required = {
      "kafka.bootstrap-servers",
      "postgres.url",
      "postgres.user",
      "postgres.password",
      "ledger.signing-key"
    };
    for (String name : required) {
      if (!params.has(name)) {
        System.err.println(
            "missing --"
                + name
                + "; usage: WorkingTimeJob --kafka.bootstrap-servers HOST:PORT"
                + " --postgres.url jdbc:postgresql://HOST:PORT/DB --postgres.user USER"
                + " --postgres.password PASSWORD --ledger.signing-key HUB_KEY.pem"
                + " [--kafka.topic work-events]"
                + " [--kafka.group-id shiftproof-working-time] [--working-time.zone ZONE]"
                + " [--ledger.kind "
                + LedgerKind.wanted()
                + "]");
        System.exit(2);
      }
    }
    LedgerEndpoint ledger;
    try {
      ledger = ledgerEndpoint(params);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    WorkingTimeJobConfig defaults = WorkingTimeJobConfig.defaults();
    WorkingTimeJobConfig config =
        defaults.withWorkingTime(
            defaults
                .workingTime()
                .withZone(ZoneId.of(params.get("working-time.zone", "Asia/Shanghai"))));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(
        env,
        kafkaSource(
            params.get("kafka.bootstrap-servers"),
            params.get("kafka.topic", "work-events"),
            params.get("kafka.group-id", WorkingTimeJobConfig.DEFAULT_JOB_NAME)),
        PostgresDayRecordOutputs.anchored(
            new RecordStoreConfig(
                params.get("postgres.url"),
                params.get("postgres.user"),
                params.get("postgres.password")),
            config.jobName(),
            ledger),
        config);
    env.execute(config.jobName());
  }

  /**
   * The ledger the arguments name, opened through the same factory as the hub's.
   *
   * @throws IllegalArgumentException {@code ledger.kind: got "x", want postgres} for an unknown
   *     kind
   */
  static LedgerEndpoint ledgerEndpoint(ParameterTool params) {
    LedgerKind kind =
        LedgerKind.parse(params.get(LedgerKind.KEY, LedgerKind.DEFAULT.settingValue()));
    return Ledgers.endpoint(
        kind,
        new LedgerSettings(
            params.getRequired("postgres.url"),
            params.getRequired("postgres.user"),
            params.getRequired("postgres.password"),
            params.getRequired("ledger.signing-key")));
  }
}
