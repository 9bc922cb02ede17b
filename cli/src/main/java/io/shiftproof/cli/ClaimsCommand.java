package io.shiftproof.cli;

import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.decision.InsurerSignature;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.Rfc3339;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code claims report | list | show | decide | pay}: the claims workflow as an organisation. */
@Command(
    name = "claims",
    description = "Report, list, show, decide and pay claims as an organisation.",
    subcommands = {
      ClaimsCommand.Report.class,
      ClaimsCommand.ListClaims.class,
      ClaimsCommand.Show.class,
      ClaimsCommand.Decide.class,
      ClaimsCommand.Pay.class
    })
final class ClaimsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports an incident: the hub freezes the evidence and assigns the claim. */
  @Command(name = "report", description = "Report an incident (platform or insurer).")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(
        names = "--reference",
        required = true,
        description = "Your own reference; a resend returns the same claim.")
    String reference;

    @Option(
        names = "--worker",
        required = true,
        paramLabel = "WORKER_REF",
        description = "The worker's pseudonym, wr_...")
    String workerRef;

    @Option(
        names = "--at",
        required = true,
        paramLabel = "RFC3339",
        description = "When the incident happened, e.g. 2026-11-28T14:32:00+08:00.")
    String incidentAt;

    @Option(names = "--cell", description = "Coarse location: a geohash of at most 6 characters.")
    String cell;

    @Option(names = "--category", description = "traffic, fall, handling, assault or other.")
    String category;

    @Override
    public Integer call() {
      JsonObject body =
          new JsonObject()
              .put("reference", reference)
              .put("workerRef", workerRef)
              .put("incidentAt", incidentAt);
      if (cell != null) {
        body.put("cell", cell);
      }
      if (category != null) {
        body.put("category", category);
      }
      return ResponsePrinter.print(
          spec.commandLine().getOut(), ClaimsCommand.post(client.client(), "/v1/claims", body));
    }
  }

  /** Lists the claims the organisation may see. */
  @Command(name = "list", description = "List the claims you reported, are assigned or named in.")
  static final class ListClaims implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (1 to 1000).")
    int limit;

    @Override
    public Integer call() {
      return ResponsePrinter.print(
          spec.commandLine().getOut(), client.client().get("/v1/claims?limit=" + limit));
    }
  }

  /** Shows one claim with its history, and saves its frozen evidence if asked. */
  @Command(name = "show", description = "Show a claim with its status history.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "CLAIM_ID")
    String claimId;

    @Option(
        names = "--save-evidence",
        paramLabel = "FILE",
        description = "Write the claim's frozen evidence bundle here (check it with `verify`).")
    Path evidence;

    @Override
    public Integer call() {
      HubClient hub = client.client();
      if (evidence != null) {
        HttpResponse<String> bundle = hub.get("/v1/claims/" + encode(claimId) + "/evidence");
        if (bundle.statusCode() != 200) {
          return ResponsePrinter.print(spec.commandLine().getOut(), bundle);
        }
        write(evidence, bundle.body());
      }
      return ResponsePrinter.print(
          spec.commandLine().getOut(), hub.get("/v1/claims/" + encode(claimId)));
    }
  }

  /** Decides a claim, signing the decision with the organisation's own key. */
  @Command(
      name = "decide",
      description = "Decide a claim as its assigned insurer, signed with your key.")
  static final class Decide implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "CLAIM_ID")
    String claimId;

    @Option(
        names = "--decision",
        required = true,
        description = "APPROVED, REJECTED or NEEDS_INFO.")
    Decision decision;

    @Option(names = "--reason", description = "A reason (repeat for more).")
    List<String> reasons = new ArrayList<>();

    @Option(
        names = "--evidence-hash",
        description = "The evidence decided on (default: the claim's current evidence).")
    String evidenceHash;

    @Override
    public Integer call() {
      HubClient hub = client.client();
      JsonObject decision =
          decisionBody(hub, claimId, this.decision, reasons, evidenceHash, signer(client));
      return ResponsePrinter.print(
          spec.commandLine().getOut(),
          ClaimsCommand.post(hub, "/v1/claims/" + encode(claimId) + "/decision", decision));
    }
  }

  /** Records the payment of an approved claim. */
  @Command(name = "pay", description = "Record the payment of a claim you approved.")
  static final class Pay implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "CLAIM_ID")
    String claimId;

    @Option(names = "--payment-ref", required = true, description = "Your payment reference.")
    String paymentRef;

    @Option(
        names = "--amount-fen",
        required = true,
        description = "The amount paid, in fen (0.01 yuan).")
    long amountFen;

    @Override
    public Integer call() {
      JsonObject body = new JsonObject().put("paymentRef", paymentRef).put("amountFen", amountFen);
      return ResponsePrinter.print(
          spec.commandLine().getOut(),
          ClaimsCommand.post(client.client(), "/v1/claims/" + encode(claimId) + "/payment", body));
    }
  }

  /**
   * The body of a decision: the claim's current evidence (unless one is named), the rule set it was
   * judged under, and the insurer's signature over the canonical decision.
   */
  static JsonObject decisionBody(
      HubClient hub,
      String claimId,
      Decision decision,
      List<String> reasons,
      String evidenceHash,
      Signing signing) {
    String evidence = evidenceHash;
    String ruleSet = "cn-pilot-2022";
    HttpResponse<String> claim = hub.get("/v1/claims/" + encode(claimId));
    if (claim.statusCode() == 200) {
      JsonObject json = new JsonObject(claim.body());
      if (evidence == null) {
        evidence = json.getString("evidenceHash");
      }
      JsonObject support = json.getJsonObject("decisionSupport");
      if (support != null && support.getString("ruleSet") != null) {
        ruleSet = support.getString("ruleSet");
      }
    }
    if (evidence == null) {
      throw new CliFailure(
          ShiftproofCli.EXIT_REFUSED,
          "claim "
              + claimId
              + ": no evidence to decide on ("
              + claim.statusCode()
              + " "
              + claim.body()
              + ")");
    }
    SignedDecision signed =
        signing.signature.sign(
            new ClaimDecision(
                claimId,
                decision,
                evidence,
                ruleSet,
                reasons,
                signing.organisation,
                Instant.now()));
    return new JsonObject()
        .put("decision", decision.name())
        .put("evidenceHash", evidence)
        .put("ruleVersion", ruleSet)
        .put("reasons", new JsonArray(reasons))
        .put("signedAt", Rfc3339.format(signed.decision().signedAt(), ZoneOffset.UTC))
        .put("signature", signed.signature());
  }

  /** An organisation's signing key and certificate, from its development credentials. */
  record Signing(String organisation, InsurerSignature signature) {
    static Signing of(Path credentialsDir, String organisation) {
      Path dir = credentialsDir.resolve(organisation);
      return new Signing(
          organisation,
          new InsurerSignature(
              PemKeys.signer(dir.resolve("key.pem")),
              TlsContexts.loadCertificate(dir.resolve("cert.pem"))));
    }
  }

  private static Signing signer(ClientOptions client) {
    Settings settings = client.hub.settings();
    return Signing.of(
        settings.get(GatewayKeys.DATA_DIR).resolve("credentials"), client.organisation);
  }

  static HttpResponse<String> post(HubClient hub, String path, JsonObject body) {
    return hub.post(path, "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new CliFailure(
          ShiftproofCli.EXIT_USAGE, "cannot write " + file + ": " + e.getMessage());
    }
  }
}
