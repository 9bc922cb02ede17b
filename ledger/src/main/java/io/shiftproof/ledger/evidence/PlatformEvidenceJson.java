package io.shiftproof.ledger.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.crypto.SignedBatch;
import io.shiftproof.ledger.crypto.SignedEvent;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.schemas.wire.BatchEncoding;
import io.shiftproof.schemas.wire.Rfc3339;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle's {@code events} and {@code platformBatches} members (docs/evidence-format.md §1.3):
 * written by the builder and read back by the verifier, one piece of code each way.
 */
final class PlatformEvidenceJson {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private PlatformEvidenceJson() {}

  static void write(JsonGenerator json, PlatformEvidence evidence, ZoneId zone) throws IOException {
    Map<String, Long> eventCounts = new HashMap<>();
    json.writeArrayFieldStart("events");
    for (SignedEvent event : evidence.events()) {
      SignedBatch batch = event.batch();
      eventCounts.put(PlatformEvidence.key(batch), event.proof().treeSize());
      json.writeStartObject();
      json.writeStringField("platform", batch.platform());
      json.writeStringField("batchId", batch.batchId());
      json.writeStringField("bodySha256", batch.bodySha256().toHex());
      json.writeNumberField("leafIndex", event.proof().leafIndex());
      json.writeArrayFieldStart("inclusionPath");
      for (Hash node : event.proof().path()) {
        json.writeString(node.toHex());
      }
      json.writeEndArray();
      json.writeStringField("contentType", event.encoding().mediaType());
      json.writeStringField("eventBase64", BASE64.encodeToString(event.eventBytes()));
      json.writeFieldName("event");
      JsonTree.write(json, ReadableEvent.of(event.encoding(), event.eventBytes()));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("platformBatches");
    for (SignedBatch batch : evidence.batches()) {
      json.writeStartObject();
      json.writeStringField("platform", batch.platform());
      json.writeStringField("batchId", batch.batchId());
      json.writeStringField("receivedAt", Rfc3339.format(batch.receivedAt(), zone));
      json.writeStringField("bodySha256", batch.bodySha256().toHex());
      json.writeStringField("eventsRoot", batch.eventsRoot().toHex());
      json.writeNumberField("eventCount", eventCounts.get(PlatformEvidence.key(batch)));
      json.writeStringField("signatureState", batch.signatureState());
      json.writeStringField("signatureContext", batch.signatureContext());
      json.writeFieldName("signature");
      if (batch.signature().isPresent()) {
        json.writeString(BASE64.encodeToString(batch.signature().get()));
      } else {
        json.writeNull();
      }
      json.writeStringField("certificate", pem(batch.certificateDer()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** One entry of {@code events} as the bundle states it; its batch is found by the verifier. */
  record ParsedEvent(
      String path,
      String platform,
      String batchId,
      Hash bodySha256,
      long leafIndex,
      List<Hash> inclusionPath,
      BatchEncoding encoding,
      byte[] bytes,
      Object readable) {

    /** The batch key the event names, as {@link PlatformEvidence#key} makes it. */
    String batchKey() {
      return platform + "/" + bodySha256.toHex();
    }

    /** The event with its proof into {@code batch}, whose tree has {@code eventCount} leaves. */
    SignedEvent in(SignedBatch batch, long eventCount) {
      return new SignedEvent(
          bytes, encoding, new InclusionProof(leafIndex, eventCount, inclusionPath), batch);
    }
  }

  /** One entry of {@code platformBatches}. */
  record ParsedBatch(String name, SignedBatch batch, long eventCount) {}

  static List<ParsedEvent> events(BundleNode events) {
    List<ParsedEvent> parsed = new ArrayList<>();
    for (BundleNode node : events.items()) {
      List<Hash> path = new ArrayList<>();
      for (BundleNode hex : node.member("inclusionPath").items()) {
        path.add(ParsedBundle.hash(hex));
      }
      BundleNode readable = node.member("event");
      readable.object();
      parsed.add(
          new ParsedEvent(
              node.path(),
              node.member("platform").string(),
              node.member("batchId").string(),
              ParsedBundle.hash(node.member("bodySha256")),
              node.member("leafIndex").integer(),
              List.copyOf(path),
              encoding(node.member("contentType")),
              ParsedBundle.base64(node.member("eventBase64")),
              readable.value()));
    }
    return List.copyOf(parsed);
  }

  static List<ParsedBatch> batches(BundleNode batches) {
    List<ParsedBatch> parsed = new ArrayList<>();
    for (BundleNode node : batches.items()) {
      BundleNode signature = node.member("signature");
      SignedBatch batch =
          new SignedBatch(
              node.member("platform").string(),
              node.member("batchId").string(),
              ParsedBundle.instant(node.member("receivedAt")),
              ParsedBundle.hash(node.member("bodySha256")),
              ParsedBundle.hash(node.member("eventsRoot")),
              signature.isNull() ? Optional.empty() : Optional.of(ParsedBundle.base64(signature)),
              node.member("signatureState").string(),
              node.member("signatureContext").string(),
              certificateDer(node.member("certificate")));
      parsed.add(
          new ParsedBatch(
              "platformBatches[" + batch.platform() + "/" + batch.batchId() + "]",
              batch,
              node.member("eventCount").integer()));
    }
    return List.copyOf(parsed);
  }

  private static BatchEncoding encoding(BundleNode node) {
    try {
      return BatchEncoding.ofMediaType(node.string());
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(node.path() + ": " + e.getMessage());
    }
  }

  private static byte[] certificateDer(BundleNode node) {
    try {
      return HubCertificates.parse(node.string()).get(0).getEncoded();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new MalformedBundleException(node.path() + ": got PEM that is not a certificate");
    }
  }

  private static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
