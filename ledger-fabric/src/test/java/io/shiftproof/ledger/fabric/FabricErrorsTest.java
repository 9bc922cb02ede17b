package io.shiftproof.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.shiftproof.ledger.LedgerException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class FabricErrorsTest {
  @Test
  void aContractRefusalKeepsItsCodeAndMessageAndIsNotRetriable() {
    EndorseException e =
        new EndorseException(
            "tx1",
            Status.ABORTED
                .withDescription(
                    "chaincode response 500, ANCHOR_CONFLICT: batchId \"b1\": already anchored")
                .asRuntimeException());

    LedgerException mapped = FabricErrors.of("AnchorBatch", e);

    assertThat(mapped.code()).isEqualTo("ANCHOR_CONFLICT");
    assertThat(mapped.getMessage()).isEqualTo("ANCHOR_CONFLICT: batchId \"b1\": already anchored");
    assertThat(mapped.retriable()).isFalse();
  }

  @Test
  void anUnreachablePeerOrOrdererIsRetriable() {
    LedgerException mapped =
        FabricErrors.of(
            "AnchorBatch",
            new SubmitException(
                "tx1",
                Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException()));

    assertThat(mapped.code()).isEqualTo("UNAVAILABLE");
    assertThat(mapped.retriable()).isTrue();
  }

  @Test
  void disagreeingEndorsementsAreRetriable() {
    LedgerException mapped =
        FabricErrors.of(
            "AnchorBatch",
            new EndorseException(
                "tx1",
                Status.ABORTED
                    .withDescription("ProposalResponsePayloads do not match")
                    .asRuntimeException()));

    assertThat(mapped.code()).isEqualTo("ENDORSEMENT_MISMATCH");
    assertThat(mapped.retriable()).isTrue();
  }

  @Test
  void noReachableEndorsersIsRetriable() {
    LedgerException mapped =
        FabricErrors.of(
            "AnchorBatch",
            new EndorseException(
                "tx1",
                Status.FAILED_PRECONDITION
                    .withDescription(
                        "no combination of peers can be derived which satisfy the endorsement"
                            + " policy: no peer combination can satisfy the endorsement policy")
                    .asRuntimeException()));

    assertThat(mapped.code()).isEqualTo("ENDORSERS_UNAVAILABLE");
    assertThat(mapped.retriable()).isTrue();
  }

  @Test
  void aLostCommitStatusIsRetriableBecauseAnchoringIsIdempotent() {
    LedgerException mapped =
        FabricErrors.of(
            "AnchorBatch",
            new CommitStatusException(
                "tx1", Status.DEADLINE_EXCEEDED.withDescription("deadline").asRuntimeException()));

    assertThat(mapped.code()).isEqualTo("COMMIT_STATUS_UNKNOWN");
    assertThat(mapped.retriable()).isTrue();
  }

  @Test
  void anMvccConflictIsRetriableAndAPolicyFailureIsNot() {
    assertThat(FabricErrors.invalid("AnchorBatch", "tx1", TxValidationCode.MVCC_READ_CONFLICT))
        .satisfies(e -> assertThat(e.code()).isEqualTo("MVCC_CONFLICT"))
        .satisfies(e -> assertThat(e.retriable()).isTrue());
    assertThat(
            FabricErrors.invalid("AnchorBatch", "tx1", TxValidationCode.ENDORSEMENT_POLICY_FAILURE))
        .satisfies(e -> assertThat(e.code()).isEqualTo("ENDORSEMENT_POLICY_FAILURE"))
        .satisfies(e -> assertThat(e.retriable()).isFalse());
  }
}
