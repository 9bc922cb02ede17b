package io.shiftproof.ledger.fabric;

import io.grpc.Status;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.contract.ContractError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Fabric's failures as {@link LedgerException}s: the contract's refusals keep their code (the
 * chaincode answers {@code CODE: message}); what may pass on a second try is marked retriable (a
 * peer or orderer unreachable, a deadline, endorsements that disagree, an MVCC conflict).
 */
final class FabricErrors {
  /** A peer or the orderer could not be reached. */
  static final String UNAVAILABLE = "UNAVAILABLE";

  /** A phase's deadline passed; the transaction may or may not have committed. */
  static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";

  /**
   * The gateway found no set of reachable peers that satisfies the endorsement policy: a peer is
   * down or not yet known to the others.
   */
  static final String ENDORSERS_UNAVAILABLE = "ENDORSERS_UNAVAILABLE";

  /** The endorsing peers computed different results (their states differed for a moment). */
  static final String ENDORSEMENT_MISMATCH = "ENDORSEMENT_MISMATCH";

  /**
   * A transaction committed between this one's endorsement and its validation changed its reads.
   */
  static final String MVCC_CONFLICT = "MVCC_CONFLICT";

  /** The transaction's endorsements do not satisfy the chaincode's endorsement policy. */
  static final String ENDORSEMENT_POLICY_FAILURE = "ENDORSEMENT_POLICY_FAILURE";

  /** The committing peers found the transaction invalid for another reason. */
  static final String TRANSACTION_INVALID = "TRANSACTION_INVALID";

  /** The commit status could not be had; the transaction may or may not have committed. */
  static final String COMMIT_STATUS_UNKNOWN = "COMMIT_STATUS_UNKNOWN";

  /** Any other failure of the network. */
  static final String FABRIC_ERROR = "FABRIC_ERROR";

  private static final Pattern CONTRACT_REFUSAL =
      Pattern.compile(
          "\\b("
              + Arrays.stream(ContractError.values())
                  .map(Enum::name)
                  .collect(Collectors.joining("|"))
              + "): (.*)",
          Pattern.DOTALL);

  private FabricErrors() {}

  static LedgerException of(String transaction, GatewayException e) {
    List<String> messages = new ArrayList<>();
    for (ErrorDetail detail : e.getDetails()) {
      messages.add(detail.getMessage());
    }
    Status status = e.getStatus();
    messages.add(String.valueOf(status.getDescription()));
    Optional<LedgerException> refusal = contractRefusal(messages, e);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    String described = transaction + ": " + String.join("; ", messages);
    if (e instanceof CommitStatusException) {
      return new LedgerException(COMMIT_STATUS_UNKNOWN, described, true, e);
    }
    return switch (status.getCode()) {
      case UNAVAILABLE -> new LedgerException(UNAVAILABLE, described, true, e);
      case DEADLINE_EXCEEDED -> new LedgerException(DEADLINE_EXCEEDED, described, true, e);
      default -> {
        if (messages.stream().anyMatch(m -> m.contains("do not match"))) {
          yield new LedgerException(ENDORSEMENT_MISMATCH, described, true, e);
        }
        if (messages.stream().anyMatch(m -> m.contains("no peer combination"))) {
          yield new LedgerException(ENDORSERS_UNAVAILABLE, described, true, e);
        }
        yield new LedgerException(FABRIC_ERROR, described, false, e);
      }
    };
  }

  /** A transaction that was ordered but that the committing peers marked invalid. */
  static LedgerException invalid(String transaction, String txId, TxValidationCode code) {
    String message = transaction + ": transaction " + txId + " committed as invalid (" + code + ")";
    return switch (code) {
      case MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT ->
          new LedgerException(MVCC_CONFLICT, message, true);
      case ENDORSEMENT_POLICY_FAILURE ->
          new LedgerException(ENDORSEMENT_POLICY_FAILURE, message, false);
      default -> new LedgerException(TRANSACTION_INVALID, message, false);
    };
  }

  private static Optional<LedgerException> contractRefusal(List<String> messages, Throwable e) {
    for (String message : messages) {
      Matcher m = CONTRACT_REFUSAL.matcher(message);
      if (m.find()) {
        return Optional.of(new LedgerException(m.group(1), m.group(2), false, e));
      }
    }
    return Optional.empty();
  }
}
