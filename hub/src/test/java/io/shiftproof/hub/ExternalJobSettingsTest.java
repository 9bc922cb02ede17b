package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.config.ConfigKey;
import io.shiftproof.config.Settings;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.streamjobs.JobArguments;
import io.shiftproof.streamjobs.JobKeys;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hub setting that shapes the working-time job reaches a job on a Flink cluster: rendered by
 * {@code shiftproof config --job-arguments}, parsed as {@code WorkingTimeJob.main} parses them, it
 * gives the job the hub's own job would run.
 */
class ExternalJobSettingsTest {
  /** A value other than the default for every key that shapes the job. */
  static final Map<String, String> NOT_DEFAULT =
      Map.of(
          JobKeys.WORKING_TIME_ZONE.name(),
          "Europe/Berlin",
          JobKeys.SILENCE_TIMEOUT.name(),
          "PT7M",
          JobKeys.CORRECTION_HORIZON.name(),
          "PT36H",
          JobKeys.CHECKPOINT_INTERVAL.name(),
          "PT3S",
          JobKeys.IDLENESS.name(),
          "PT20S",
          JobKeys.KAFKA_TOPIC.name(),
          "events-b");

  /** What the operator adds to the rendered arguments: where the hub's servers are. */
  static final List<String> CONNECTIONS =
      List.of(
          "--kafka.bootstrap-servers", "kafka:9092",
          "--kafka.ca-cert", "ca.pem",
          "--kafka.job-cert", "job-cert.pem",
          "--kafka.job-key", "job-key.pem",
          "--postgres.url", "jdbc:postgresql://db:5432/shiftproof",
          "--postgres.user", "shiftproof",
          "--postgres.password", "secret",
          "--ledger.signing-key", "hub-key.pem");

  /**
   * Keys no unit test can set to another value: {@code ledger.kind}, whose other value (fabric)
   * needs a running Fabric network to open (its settings are checked by FabricLedgerIT).
   */
  static final Set<String> ONE_VALUE_SO_FAR = Set.of(JobKeys.LEDGER_KIND.name());

  static Stream<String> jobKeys() {
    return JobKeys.ALL.stream().map(ConfigKey::name).filter(k -> !ONE_VALUE_SO_FAR.contains(k));
  }

  @Test
  void thisTestKnowsAValueForEveryKeyThatShapesTheJob() {
    // A key added to JobKeys without a value here fails this test rather than going untested.
    assertThat(NOT_DEFAULT.keySet()).isEqualTo(jobKeys().collect(Collectors.toSet()));
    assertThat(JobKeys.ALL)
        .filteredOn(key -> !ONE_VALUE_SO_FAR.contains(key.name()))
        .allSatisfy(
            key ->
                assertThat(key.defaultText())
                    .isPresent()
                    .get()
                    .isNotEqualTo(NOT_DEFAULT.get(key.name())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobKeys")
  void aHubSettingThatShapesTheJobReachesAJobOnACluster(String key) {
    Settings hub = HubSettings.load(null, Map.of(), Map.of(key, NOT_DEFAULT.get(key)));

    StreamJobConfig embedded = StreamJobConfig.from(hub);
    JobArguments external = externalJob(hub);

    assertThat(external.job()).isEqualTo(embedded.job());
    assertThat(external.topic()).isEqualTo(embedded.topic());
    assertThat(external.groupId()).isEqualTo(embedded.job().jobName());
    // The setting changed the job: it is read, not only passed along.
    StreamJobConfig defaults = StreamJobConfig.from(HubSettings.defaults());
    assertThat(List.of(embedded.job(), embedded.topic()))
        .isNotEqualTo(List.of(defaults.job(), defaults.topic()));
  }

  @Test
  void allHubSettingsThatShapeTheJobReachAJobOnAClusterTogether() {
    Settings hub = HubSettings.load(null, Map.of(), NOT_DEFAULT);

    StreamJobConfig embedded = StreamJobConfig.from(hub);
    JobArguments external = externalJob(hub);

    assertThat(external.job()).isEqualTo(embedded.job());
    assertThat(external.topic()).isEqualTo(embedded.topic()).isEqualTo("events-b");
  }

  @Test
  void theHubAndAJobOnAClusterHaveTheSameDefaults() {
    StreamJobConfig embedded = StreamJobConfig.from(HubSettings.defaults());
    JobArguments external = JobArguments.parse(CONNECTIONS.toArray(String[]::new));

    assertThat(embedded.job()).isEqualTo(WorkingTimeJobConfig.defaults());
    assertThat(external.job()).isEqualTo(embedded.job());
    assertThat(external.topic()).isEqualTo(embedded.topic());
    assertThat(external.groupId()).isEqualTo(embedded.job().jobName());
  }

  @Test
  void theRenderedArgumentsAreEveryKeyThatShapesTheJob() {
    List<String> arguments = JobArguments.render(HubSettings.defaults());

    assertThat(arguments)
        .hasSize(2 * JobKeys.ALL.size())
        .containsSubsequence("--working-time.zone", "Asia/Shanghai")
        .containsSubsequence("--stream-job.checkpoint-interval", "PT10S");
    assertThat(JobArguments.KEYS).containsAll(JobKeys.ALL);
  }

  @Test
  void aJobOnAClusterOpensTheLedgerTheHubOpens() {
    Settings hub = HubSettings.defaults();
    List<String> arguments = JobArguments.render(hub);

    assertThat(arguments).containsSubsequence("--ledger.kind", "postgres");
    assertThat(externalJob(hub).ledger())
        .isEqualTo(
            Ledgers.endpoint(
                hub.get(JobKeys.LEDGER_KIND),
                new LedgerSettings(
                    "jdbc:postgresql://db:5432/shiftproof",
                    "shiftproof",
                    "secret",
                    "hub-key.pem")));
  }

  private static JobArguments externalJob(Settings hub) {
    List<String> arguments = new ArrayList<>(CONNECTIONS);
    arguments.addAll(JobArguments.render(hub));
    return JobArguments.parse(arguments.toArray(String[]::new));
  }
}
