package io.shiftproof.streamjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.config.ConfigException;
import io.shiftproof.config.Settings;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.pki.KafkaTls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
  static final List<String> CONNECTIONS =
      List.of(
          "--kafka.bootstrap-servers", "kafka:9092",
          "--kafka.ca-cert", "ca.pem",
          "--kafka.job-cert", "job-cert.pem",
          "--kafka.job-key", "job-key.pem",
          "--postgres.url", "jdbc:postgresql://db:5432/shiftproof",
          "--postgres.user", "shiftproof",
          "--postgres.password", "",
          "--ledger.signing-key", "hub-key.pem");

  @Test
  void theConnectionsAloneRunTheJobWithItsDefaults() {
    JobArguments arguments = JobArguments.parse(CONNECTIONS.toArray(String[]::new));

    assertThat(arguments.job()).isEqualTo(WorkingTimeJobConfig.defaults());
    assertThat(arguments.topic()).isEqualTo("work-events");
    assertThat(arguments.groupId()).isEqualTo(WorkingTimeJobConfig.DEFAULT_JOB_NAME);
    assertThat(arguments.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(arguments.kafkaTls())
        .isEqualTo(
            new KafkaTls(Path.of("ca.pem"), Path.of("job-cert.pem"), Path.of("job-key.pem")));
    assertThat(arguments.postgresUrl()).isEqualTo("jdbc:postgresql://db:5432/shiftproof");
    assertThat(arguments.postgresUser()).isEqualTo("shiftproof");
    assertThat(arguments.postgresPassword()).isEmpty();
    // The same factory as the hub's opens the ledger, the default kind unless told otherwise.
    assertThat(arguments.ledger())
        .isEqualTo(
            Ledgers.endpoint(
                LedgerKind.POSTGRES,
                new LedgerSettings(
                    "jdbc:postgresql://db:5432/shiftproof", "shiftproof", "", "hub-key.pem")));
  }

  @Test
  void anUnknownLedgerKindIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> JobArguments.parse(with("--ledger.kind", "corda")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ledger.kind: got \"corda\", want one of postgres, fabric");
  }

  @Test
  void everySettingOfTheJobCanBeGiven() {
    JobArguments arguments =
        JobArguments.parse(
            with(
                "--working-time.zone", "Europe/Berlin",
                "--working-time.silence-timeout", "PT7M",
                "--working-time.correction-horizon", "PT36H",
                "--stream-job.checkpoint-interval", "PT3S",
                "--kafka.topic", "events-b",
                "--kafka.group-id", "job-b"));

    assertThat(arguments.job().workingTime().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(arguments.job().workingTime().silenceTimeout()).isEqualTo(Duration.ofMinutes(7));
    assertThat(arguments.job().correctionHorizon()).isEqualTo(Duration.ofHours(36));
    assertThat(arguments.job().checkpointInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(arguments.topic()).isEqualTo("events-b");
    assertThat(arguments.groupId()).isEqualTo("job-b");
  }

  @Test
  void renderedSettingsParseToTheSameJob() {
    Settings settings =
        Settings.load(
            JobKeys.ALL,
            null,
            Map.of(),
            Map.of("working-time.silence-timeout", " PT7M ", "kafka.topic", "events-b"),
            "");

    JobArguments arguments =
        JobArguments.parse(with(JobArguments.render(settings).toArray(String[]::new)));

    assertThat(arguments.job()).isEqualTo(WorkingTimeJobConfig.from(settings));
    assertThat(arguments.topic()).isEqualTo("events-b");
  }

  @Test
  void anUnknownArgumentIsRefusedByName() {
    assertThatThrownBy(() -> JobArguments.parse(with("--working-time.silence-timout", "PT7M")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown argument --working-time.silence-timout; want one of")
        .hasMessageContaining("--working-time.silence-timeout");
  }

  @Test
  void aMissingConnectionIsRefusedByName() {
    assertThatThrownBy(
            () -> JobArguments.parse("--kafka.bootstrap-servers", "kafka:9092", "--postgres.url"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--postgres.url: no value follows, want a jdbc:postgresql:// URL");
    assertThatThrownBy(() -> JobArguments.parse("--kafka.bootstrap-servers", "kafka:9092"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("missing --");
  }

  @Test
  void aBadValueNamesTheKeyAndWhatIsWanted() {
    assertThatThrownBy(() -> JobArguments.parse(with("--working-time.correction-horizon", "72h")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("working-time.correction-horizon: got \"72h\", want a positive");
    assertThatThrownBy(() -> JobArguments.parse(with("--kafka.topic", "work events")))
        .hasMessageContaining("kafka.topic: got \"work events\", want a Kafka topic name");
  }

  @Test
  void anArgumentGivenTwiceIsRefused() {
    assertThatThrownBy(() -> JobArguments.parse(with("--kafka.topic", "a", "--kafka.topic", "b")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--kafka.topic: given twice");
  }

  @Test
  void usageNamesEveryArgument() {
    assertThat(JobArguments.usage())
        .startsWith("--kafka.bootstrap-servers <")
        .contains("[--working-time.zone Asia/Shanghai]");
    assertThat(JobArguments.KEYS)
        .allSatisfy(key -> assertThat(JobArguments.usage()).contains("--" + key.name() + " "));
  }

  private static String[] with(String... more) {
    List<String> all = new ArrayList<>(CONNECTIONS);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
