package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.hub.Batches;
import io.shiftproof.hub.WithRunningHub;
import io.shiftproof.streamjobs.JobArguments;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands of the README, run against a real hub, with their output and exit codes. */
class CommandLineIT extends WithRunningHub {

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = ShiftproofCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String[] withHub(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir=" + dataDir);
    all.add("--url=" + hub.hub().apiUrl());
    return all.toArray(String[]::new);
  }

  @Test
  void pushPostsABatchAsThePlatformAndPrintsTheAnswer() throws Exception {
    Path batch = dataDir.resolve("batch.json");
    Files.writeString(batch, Batches.validBatch("b-cli-1", "cli1", 3));
    Run run = run(withHub("push", "--as", "platform-1", batch.toString()));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"accepted\" : 3");
  }

  @Test
  void pushOfARejectedBatchExitsWithOne() throws Exception {
    Path batch = dataDir.resolve("bad.json");
    Files.writeString(batch, "{\"batchId\":\"b\",\"events\":[");
    Run run = run(withHub("push", "--as", "platform-1", batch.toString()));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("MALFORMED_JSON");
  }

  @Test
  void pushAsAnUnknownOrganisationIsAUsageError() throws Exception {
    Run run = run(withHub("push", "--as", "platform-9", "whatever.json"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no credentials for \"platform-9\"").contains("platform-1");
  }

  @Test
  void getPrintsTheJsonAnswer() {
    Run run = run(withHub("get", "--as", "admin", "/v1/no-such-thing"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("NOT_FOUND");
  }

  @Test
  void auditAsAnInsurerIsRefused() {
    Run run = run(withHub("audit", "--as", "insurer-1"));
    assertThat(run.exitCode()).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    assertThat(run.out()).contains("FORBIDDEN_ROLE");
  }

  @Test
  void claimsListShowsTheClaimsTheOrganisationMaySee() {
    Run run = run(withHub("claims", "list", "--as", "insurer-1"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"claims\"");
  }

  @Test
  void claimsShowOfAnUnknownClaimExitsWithOne() {
    Run run = run(withHub("claims", "show", "--as", "insurer-1", "clm_unknown"));
    assertThat(run.exitCode()).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    assertThat(run.out()).contains("CLAIM_NOT_FOUND");
  }

  @Test
  void claimsReportWithABadWorkerRefIsRefused() {
    Run run =
        run(
            withHub(
                "claims",
                "report",
                "--as",
                "platform-1",
                "--reference",
                "r-1",
                "--worker",
                "13800138000",
                "--at",
                "2026-11-28T14:32:00+08:00"));
    assertThat(run.exitCode()).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    assertThat(run.out()).contains("INVALID_WORKER_REF");
  }

  @Test
  void claimsDecideWithoutEvidenceToDecideOnIsRefused() {
    Run run =
        run(
            withHub(
                "claims", "decide", "--as", "insurer-1", "clm_unknown", "--decision", "APPROVED"));
    assertThat(run.exitCode()).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    assertThat(run.err()).contains("no evidence to decide on");
  }

  @Test
  void workerTokenForAWorkerThePlatformNeverSentIsRefused() {
    Run usage = run(withHub("worker-token", "--as", "platform-1"));
    Run stranger = run(withHub("worker-token", "--as", "platform-1", "wr_" + "A".repeat(43)));
    assertThat(usage.exitCode()).isEqualTo(ShiftproofCli.EXIT_USAGE);
    assertThat(stranger.exitCode()).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    assertThat(stranger.out()).contains("NOT_PERMITTED");
  }

  @Test
  void unreachableHubExitsWithThree() {
    Run run =
        run(
            "get",
            "--as",
            "admin",
            "--data-dir=" + dataDir,
            "--url=https://127.0.0.1:1",
            "/v1/anything");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("cannot connect");
  }

  @Test
  void simulateWritesBatchFilesThatTheHubAccepts() throws Exception {
    Path out = dataDir.resolve("simulated");
    Run run = run("simulate", "--workers", "5", "--seed", "3", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path first;
    try (var files = Files.walk(out)) {
      first = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
    }
    Run push =
        run(withHub("push", "--as", first.getParent().getFileName().toString(), first.toString()));
    assertThat(push.exitCode()).as(push.out()).isZero();
    assertThat(push.out()).contains("\"rejected\" : [ ]");
  }

  @Test
  void simulatePushesToTheHubWithEveryPlatformsCertificate() {
    Run run = run(withHub("simulate", "--workers", "10", "--seed", "5", "--push"));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Pseudonymised 10 workers through the hub's evaluators")
        .contains("0 rejected")
        .contains("0 failed batches");
  }

  @Test
  void configListsEveryKeyWithItsEnvironmentVariable() {
    Run run = run("config");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("kafka.bootstrap-servers")
        .contains("SHIFTPROOF_POSTGRES_URL")
        .contains("gateway.port");
  }

  @Test
  void configPrintsTheArgumentsThatGiveAJobOnAClusterTheHubsSettings() {
    Run run = run("config", "--job-arguments", "-D", "working-time.zone=Europe/Berlin");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> arguments = new ArrayList<>(List.of(run.out().trim().split(" ")));
    assertThat(arguments)
        .containsSubsequence("--working-time.zone", "Europe/Berlin")
        .containsSubsequence("--kafka.topic", "work-events");

    arguments.addAll(
        List.of(
            "--kafka.bootstrap-servers", "kafka:9093",
            "--kafka.ca-cert", "ca.pem",
            "--kafka.job-cert", "job/cert.pem",
            "--kafka.job-key", "job/key.pem",
            "--postgres.url", "jdbc:postgresql://db:5432/shiftproof",
            "--postgres.user", "shiftproof_hub",
            "--postgres.password", "secret",
            "--ledger.signing-key", "hub-signer-key.pem"));
    assertThat(JobArguments.parse(arguments.toArray(String[]::new)).job().workingTime().zone())
        .isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void unknownConfigurationKeyIsAUsageError() {
    Run run = run("get", "--as", "admin", "-D", "gateway.prot=1", "/v1/x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("gateway.prot");
  }
}
