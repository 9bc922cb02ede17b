package io.shiftproof.cli;

import io.shiftproof.hub.Hub;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What a new user needs on screen once the hub is up: where it is and how to talk to it. */
final class Banner {
  private Banner() {}

  static void print(PrintWriter out, Hub hub, Path dataDir) {
    Path cwd = Path.of("").toAbsolutePath();
    Path creds = hub.credentialsDir();
    String c =
        cwd.equals(dataDir.getParent()) ? cwd.relativize(creds).toString() : creds.toString();
    out.println();
    out.println("Shiftproof hub is up.");
    out.println("  API (mutual TLS):  " + hub.apiUrl());
    out.println("  Health & metrics:  " + hub.managementUrl() + "/health  /ready  /metrics");
    out.println("  Embedded:          " + hub.embeddedSummary());
    out.println("  Credentials:       " + creds + "  (ca.pem, <org>/cert.pem, <org>/key.pem)");
    out.println(
        "    organisations:   platform-1 platform-2 platform-3 (platform),"
            + " insurer-1 (insurer), regulator, admin");
    out.println();
    out.println("Post a batch as platform-1 with curl:");
    out.println(
        "  curl --cacert "
            + c
            + "/ca.pem --cert "
            + c
            + "/platform-1/cert.pem --key "
            + c
            + "/platform-1/key.pem \\");
    out.println(
        "       -H 'content-type: application/json' --data-binary @batch.json "
            + hub.apiUrl()
            + "/v1/events");
    out.println("or with the CLI:");
    out.println("  ./shiftproof push --as platform-1 batch.json");
    out.println(
        "  ./shiftproof simulate --workers 50 --push     # realistic traffic from 3 platforms");
    out.println();
    out.println(
        "Read working time as the operator once the job has processed the events (an insurer"
            + " reads a worker only for a claim assigned to it):");
    out.println("  ./shiftproof get --as admin /v1/workers/<workerRef>/days/<yyyy-MM-dd>");
    out.println(
        "  ./shiftproof get --as admin"
            + " '/v1/workers/<workerRef>/status?at=2026-11-28T14:00:00%2B08:00'");
    out.println();
    out.println("Evidence for an incident, and checking it offline:");
    out.println(
        "  curl --cacert "
            + c
            + "/ca.pem --cert "
            + c
            + "/admin/cert.pem --key "
            + c
            + "/admin/key.pem \\");
    out.println(
        "       -H 'content-type: application/json'"
            + " -d '{\"workerRef\": \"<workerRef>\", \"incidentAt\": \"2026-11-28T14:32:00+08:00\"}' \\");
    out.println("       " + hub.apiUrl() + "/v1/evidence > bundle.json");
    out.println("  ./shiftproof verify bundle.json --ca " + c + "/ca.pem");
    out.println("  ./shiftproof audit --as admin     # every stored record against the ledger");
    out.println();
    out.println("Stop with Ctrl-C.");
    out.flush();
  }
}
