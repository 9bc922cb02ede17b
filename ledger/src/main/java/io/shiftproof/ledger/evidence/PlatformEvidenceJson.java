package io.shiftproof.ledger.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.schemas.wire.Rfc3339;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The bundle's {@code events} and {@code platformBatches} members (docs/evidence-format.md §1.3):
 * written by the builder and read back by the verifier with one piece of code each way.
 */
final class PlatformEvidenceJson {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private PlatformEvidenceJson() {}

  static void write(JsonGenerator json, PlatformEvidence evidence, ZoneId zone) throws IOException {
    json.writeArrayFieldStart("events");
    for (SignedEvent event : evidence.events()) {
      json.writeStartObject();
      json.writeStringField("platform", event.platform());
      json.writeStringField("batchId", event.batchId());
      json.writeNumberField("leafIndex", event.leafIndex());
      json.writeArrayFieldStart("inclusionPath");
      for (Hash node : event.inclusionPath()) {
        json.writeString(node.toHex());
      }
      json.writeEndArray();
      json.writeStringField("contentType", event.contentType().label());
      json.writeStringField("eventBase64", BASE64.encodeToString(event.bytes()));
      json.writeFieldName("event");
      JsonTree.write(json, event.contentType().readable(event.bytes()));
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
      json.writeNumberField("eventCount", batch.eventCount());
      json.writeStringField("signatureState", batch.signatureState());
      json.writeStringField("signatureContext", batch.signatureContext());
      json.writeFieldName("signature");
      if (batch.signature().isPresent()) {
        json.writeString(BASE64.encodeToString(batch.signature().get()));
      } else {
        json.writeNull();
      }
      json.writeStringField("certificate", pem(batch.certificate()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** One entry of {@code events} with its readable form, as the verifier reads it. */
  record ParsedEvent(String path, SignedEvent event, Object readable) {}

  /** One entry of {@code platformBatches}, as the verifier reads it. */
  record ParsedBatch(String path, SignedBatch batch) {}

  static List<ParsedEvent> events(BundleNode events) {
    List<ParsedEvent> parsed = new ArrayList<>();
    for (BundleNode node : events.items()) {
      List<Hash> path = new ArrayList<>();
      for (BundleNode hex : node.member("inclusionPath").items()) {
        path.add(ParsedBundle.hash(hex));
      }
      BundleNode contentType = node.member("contentType");
      EventEncoding encoding;
      try {
        encoding = EventEncoding.ofLabel(contentType.string());
      } catch (IllegalArgumentException e) {
        throw new MalformedBundleException(contentType.path() + ": " + e.getMessage());
      }
      BundleNode readable = node.member("event");
      readable.object();
      parsed.add(
          new ParsedEvent(
              node.path(),
              new SignedEvent(
                  node.member("platform").string(),
                  node.member("batchId").string(),
                  encoding,
                  ParsedBundle.base64(node.member("eventBase64")),
                  node.member("leafIndex").integer(),
                  path),
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
              node.member("eventCount").integer(),
              node.member("signatureState").string(),
              node.member("signatureContext").string(),
              signature.isNull() ? Optional.empty() : Optional.of(ParsedBundle.base64(signature)),
              certificate(node.member("certificate")));
      parsed.add(new ParsedBatch(node.path() + "<" + batch.key() + ">", batch));
    }
    return List.copyOf(parsed);
  }

  private static X509Certificate certificate(BundleNode node) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(node.string().getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new MalformedBundleException(node.path() + ": got PEM that is not a certificate");
    }
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate the hub stored does not encode", e);
    }
  }
}
