package io.shiftproof.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A peer killed with SIGKILL while batches are being anchored, and started again: anchoring resumes
 * where it stopped, and the chain has every batch once, in order, with its own root.
 */
class FabricFaultIT {
  private static final String CHAIN = "shiftproof-working-time/fault";
  private static final int BATCHES = 12;
  private static final int KILL_AFTER = 4;

  private static LocalFabricNetwork network;

  @BeforeAll
  static void startNetwork() throws Exception {
    network = LocalFabricNetwork.up();
  }

  @AfterAll
  static void stopNetwork() throws Exception {
    if (network != null) {
      network.down();
    }
  }

  @Test
  void anchoringResumesAfterTheGatewayPeerIsKilledAndNoBatchIsSkippedOrAnchoredTwice()
      throws Exception {
    String namespace = "fault-" + UUID.randomUUID();
    List<String> retriedOn = new ArrayList<>();
    CompletableFuture<LocalFabricNetwork.Result> restart = null;
    try (FabricLedger ledger =
        FabricLedger.connect(
            FabricLedgerConfig.fromConnection(network.connection(), "hub", "client", namespace))) {
      for (int i = 1; i <= BATCHES; i++) {
        if (i == KILL_AFTER + 1) {
          network.kill("peer-hub");
          restart = CompletableFuture.supplyAsync(LocalFabricFaults::upAfterAPause);
        }
        anchorWithRetries(ledger, i, retriedOn);
      }

      assertThat(restart).isNotNull();
      assertThat(restart.get().exitCode()).as(restart.get().output()).isZero();
      assertThat(retriedOn).as("anchoring was interrupted by the kill").isNotEmpty();
      assertThat(retriedOn).allMatch(code -> !code.isEmpty());
      for (int i = 1; i <= BATCHES; i++) {
        Anchor anchor = ledger.anchor(batchId(i)).orElseThrow();
        assertThat(anchor.sequence()).isEqualTo(i);
        assertThat(anchor.rootHex()).isEqualTo(root(i));
        assertThat(anchor.previousBatchId())
            .isEqualTo(i == 1 ? Optional.empty() : Optional.of(batchId(i - 1)));
      }
      assertThat(ledger.head(CHAIN).map(Anchor::batchId)).contains(batchId(BATCHES));
    }
  }

  /** As the job's anchoring does: re-read the head, anchor after it, retry what may pass. */
  private static void anchorWithRetries(FabricLedger ledger, int i, List<String> retriedOn)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      try {
        Optional<String> previous = ledger.head(CHAIN).map(Anchor::batchId);
        ledger.anchorBatch(
            new AnchorRequest(
                batchId(i), CHAIN, previous, root(i), 1, i * 1_000L, (i + 1) * 1_000L));
        return;
      } catch (LedgerException e) {
        if (!e.retriable() || Instant.now().isAfter(giveUp)) {
          throw e;
        }
        retriedOn.add(e.code());
        Thread.sleep(500);
      }
    }
  }

  private static String batchId(int i) {
    return "batch-" + i;
  }

  private static String root(int i) {
    return String.format("%064x", i);
  }

  /** Restarting the killed peer, as an operator would, a moment after the kill. */
  private static final class LocalFabricFaults {
    static LocalFabricNetwork.Result upAfterAPause() {
      try {
        Thread.sleep(3_000);
        return LocalFabricNetwork.run(network.script(), "up");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
