package io.shiftproof.ledger.evidence;

import static io.shiftproof.ledger.evidence.EvidenceFixture.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.LedgerRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code anchors} of a bundle, text for text: the offline verifier reads them, so they must
 * never change. ECDSA signatures differ on every run and are blanked before comparing.
 */
class EvidenceBundleAnchorsTest {
  @TempDir Path dir;
  private EvidenceFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = EvidenceFixture.create(dir);
  }

  @Test
  void embeddedAnchorsAreWrittenAsTheyAlwaysWere() throws IOException {
    assertThat(anchorsOf(fixture.bundle())).isEqualTo(expected("bundle-anchors-embedded.txt"));
  }

  @Test
  void fabricAnchorsAreWrittenAsTheyAlwaysWere() throws IOException {
    List<AnchoredBatch> anchors = new ArrayList<>();
    for (AnchoredBatch a : fixture.anchors) {
      LedgerRef onFabric =
          new LedgerRef(
              LedgerRef.FABRIC, "shiftproof", "shiftproof", a.ref().txId(), a.ref().position());
      anchors.add(new AnchoredBatch(a.anchor(), onFabric, Optional.empty()));
    }
    byte[] bundle =
        new EvidenceBundleBuilder(fixture.hubSigner, fixture.hubChainPem)
            .build(
                REQUEST,
                fixture.records,
                List.of(),
                anchors,
                fixture.access,
                PlatformEvidence.NONE);

    assertThat(anchorsOf(bundle)).isEqualTo(expected("bundle-anchors-fabric.txt"));
  }

  /** The bundle's text from {@code "anchors"} up to the member after it, signatures blanked. */
  private static String anchorsOf(byte[] bundle) {
    String text = new String(bundle, StandardCharsets.UTF_8);
    String anchors = text.substring(text.indexOf("\"anchors\""), text.indexOf("\"events\""));
    return anchors.replaceAll("\"signature\" : \"[^\"]*\"", "\"signature\" : \"-\"").strip() + "\n";
  }

  /** Expected text, taken from the bundle as it was written before its anchors had one writer. */
  private static String expected(String name) throws IOException {
    try (InputStream in = EvidenceBundleAnchorsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
