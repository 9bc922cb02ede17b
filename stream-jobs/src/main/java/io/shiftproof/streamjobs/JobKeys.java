package io.shiftproof.streamjobs;

import io.shiftproof.config.ConfigKey;
import io.shiftproof.config.Parsers;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The keys that shape the working-time job. The hub reads them for the job it runs itself, and a
 * job on a Flink cluster takes them as arguments under the same names ({@link JobArguments}), so
 * both run the same way; the defaults are those of {@link WorkingTimeConfig} and {@link
 * WorkingTimeJobConfig}.
 */
public final class JobKeys {
  private JobKeys() {}

  public static final ConfigKey<ZoneId> WORKING_TIME_ZONE =
      ConfigKey.define(
          "working-time.zone",
          WorkingTimeConfig.DEFAULT_ZONE.getId(),
          "a time-zone id such as Europe/Berlin",
          Parsers::zone,
          "Zone whose local days the day records cover; decides the day a status query reads.");
  public static final ConfigKey<Duration> SILENCE_TIMEOUT =
      ConfigKey.define(
          "working-time.silence-timeout",
          WorkingTimeConfig.DEFAULT_SILENCE_TIMEOUT.toString(),
          "a positive ISO-8601 duration such as PT15M",
          Parsers::positiveDuration,
          "A session with no event for this long is closed at its last event (TIMEOUT).");
  public static final ConfigKey<Duration> CORRECTION_HORIZON =
      ConfigKey.define(
          "working-time.correction-horizon",
          WorkingTimeJobConfig.DEFAULT_CORRECTION_HORIZON.toString(),
          "a positive ISO-8601 duration such as PT48H",
          Parsers::positiveDuration,
          "How long after a day settles a late event still seals a new version; later: TOO_LATE.");
  public static final ConfigKey<Duration> CHECKPOINT_INTERVAL =
      ConfigKey.define(
          "stream-job.checkpoint-interval",
          WorkingTimeJobConfig.DEFAULT_CHECKPOINT_INTERVAL.toString(),
          "an ISO-8601 duration of at least " + WorkingTimeJobConfig.MIN_CHECKPOINT_INTERVAL,
          Parsers.durationAtLeast(WorkingTimeJobConfig.MIN_CHECKPOINT_INTERVAL),
          "How often the job checkpoints; sealed versions are anchored and stored at each"
              + " checkpoint.");
  public static final ConfigKey<Duration> IDLENESS =
      ConfigKey.define(
          "stream-job.idleness",
          WorkingTimeJobConfig.DEFAULT_IDLENESS.toString(),
          "a positive ISO-8601 duration such as PT1M",
          Parsers::positiveDuration,
          "How long a Kafka partition may go without events before it stops holding the"
              + " watermark back. Shorter settles quiet hours' days sooner; events that then"
              + " arrive on that partition behind the watermark count as late and seal new"
              + " versions.");
  public static final ConfigKey<String> KAFKA_TOPIC =
      ConfigKey.define(
          "kafka.topic",
          "work-events",
          "a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-'",
          JobKeys::topicName,
          "Topic that accepted events are written to, keyed by workerRef, and the job reads.");

  public static final ConfigKey<LedgerKind> LEDGER_KIND =
      ConfigKey.define(
          LedgerKind.KEY,
          LedgerKind.DEFAULT.settingValue(),
          LedgerKind.wanted(),
          text ->
              LedgerKind.find(text)
                  .orElseThrow(() -> new IllegalArgumentException("no such ledger backend")),
          "Ledger backend the job anchors sealed versions on and the hub logs evidence requests"
              + " on. postgres: the hub's own append-only, hash-chained log in its PostgreSQL"
              + " database, signed with the hub's signing key (signing.key). fabric: a Hyperledger"
              + " Fabric network (ledger-fabric module), found through the connection settings"
              + " named by SHIFTPROOF_FABRIC_CONNECTION.");

  /** Every key that shapes the job. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          WORKING_TIME_ZONE,
          SILENCE_TIMEOUT,
          CORRECTION_HORIZON,
          CHECKPOINT_INTERVAL,
          IDLENESS,
          KAFKA_TOPIC,
          LEDGER_KIND);

  // Kafka's own rule for topic names; it also keeps a rendered argument one shell word.
  private static String topicName(String text) {
    if (!text.matches("[a-zA-Z0-9._-]{1,249}") || text.equals(".") || text.equals("..")) {
      throw new IllegalArgumentException("not a legal topic name");
    }
    return text;
  }
}
