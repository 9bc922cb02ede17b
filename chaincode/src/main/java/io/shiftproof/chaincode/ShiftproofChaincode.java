package io.shiftproof.chaincode;

import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.contract.ChaincodeCalls;
import io.shiftproof.ledger.contract.ContractException;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.contract.ContractKeys;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.contract.ShiftproofContract;
import io.shiftproof.ledger.contract.TransactionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The Shiftproof ledger contract as Fabric chaincode: every peer runs the same {@link
 * ShiftproofContract} as the PostgreSQL ledger, over the peer's world state.
 *
 * <p>The wire format is {@link ChaincodeCalls}: the function is the contract's transaction name,
 * the first argument the ledger namespace, the rest plain strings. A result is the contract's JSON
 * (empty for an absent value); a refusal is an error response {@code CODE: message}, the code being
 * the {@link io.shiftproof.ledger.contract.ContractError} name, which the Fabric ledger maps back.
 *
 * <p>Deterministic: the only time is the transaction's timestamp, and the caller's organisation and
 * role come from the transaction's creator certificate, never from an argument.
 */
public final class ShiftproofChaincode extends ChaincodeBase {
  private final ShiftproofContract contract = new ShiftproofContract();

  @Override
  public Response init(ChaincodeStub stub) {
    return newSuccessResponse();
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    String function = stub.getFunction();
    List<String> args = stub.getParameters();
    try {
      if (args.isEmpty()) {
        return newErrorResponse("INVALID_ARGUMENT: namespace: missing (the first argument)");
      }
      TransactionContext ctx = context(stub, args.get(0));
      List<String> a = args.subList(1, args.size());
      byte[] result =
          switch (function) {
            case ContractKeys.ANCHOR_BATCH ->
                json(contract.anchorBatch(ctx, anchorRequest(a)), ContractJson::anchorToJson);
            case ChaincodeCalls.GET_ANCHOR ->
                contract
                    .getAnchor(ctx, arg(a, 0, "batchId"))
                    .map(ContractJson::anchorToJson)
                    .map(ShiftproofChaincode::utf8)
                    .orElse(new byte[0]);
            case ChaincodeCalls.GET_HEAD ->
                contract
                    .getHead(ctx, arg(a, 0, "chain"))
                    .map(ContractJson::anchorToJson)
                    .map(ShiftproofChaincode::utf8)
                    .orElse(new byte[0]);
            case ContractKeys.REPORT_INCIDENT ->
                json(
                    contract.reportIncident(
                        ctx,
                        new IncidentReport(
                            arg(a, 0, "claimId"),
                            arg(a, 1, "workerRef"),
                            ChaincodeCalls.instant(arg(a, 2, "incidentAtMicros")),
                            optional(arg(a, 3, "cell")))),
                    ContractJson::claimToJson);
            case ContractKeys.ATTACH_EVIDENCE ->
                json(
                    contract.attachEvidence(
                        ctx, ContractJson.attachmentFromJson(arg(a, 0, "attachment"))),
                    ContractJson::claimToJson);
            case ContractKeys.DECIDE_CLAIM ->
                json(
                    contract.decideClaim(
                        ctx, ContractJson.signedDecisionFromJson(arg(a, 0, "signedDecision"))),
                    ContractJson::claimToJson);
            case ContractKeys.MARK_PAID ->
                json(
                    contract.markPaid(ctx, ContractJson.paymentFromJson(arg(a, 0, "payment"))),
                    ContractJson::claimToJson);
            case ContractKeys.REGISTER_POLICY ->
                json(
                    contract.registerPolicy(ctx, ContractJson.termsFromJson(arg(a, 0, "terms"))),
                    ContractJson::policyToJson);
            case ContractKeys.ACCEPT_POLICY ->
                json(contract.acceptPolicy(ctx, arg(a, 0, "policyId")), ContractJson::policyToJson);
            case ChaincodeCalls.GET_POLICY ->
                contract
                    .getPolicy(ctx, arg(a, 0, "policyId"))
                    .map(ContractJson::policyToJson)
                    .map(ShiftproofChaincode::utf8)
                    .orElse(new byte[0]);
            case ChaincodeCalls.GET_PLATFORM_POLICIES ->
                utf8(
                    ContractJson.policiesToJson(
                        contract.getPlatformPolicies(ctx, arg(a, 0, "platform"))));
            case ChaincodeCalls.GET_POLICIES ->
                utf8(
                    ContractJson.policiesToJson(
                        store(ctx).valuesWithPrefix(ContractKeys.policy("")).stream()
                            .map(ContractJson::policyFromJson)
                            .toList()));
            case ChaincodeCalls.GET_CLAIM_HISTORY ->
                utf8(
                    ContractJson.historyToJson(
                        store(ctx).history(ContractKeys.claim(arg(a, 0, "claimId")))));
            case ChaincodeCalls.GET_CLAIM ->
                contract
                    .getClaim(ctx, arg(a, 0, "claimId"))
                    .map(ContractJson::claimToJson)
                    .map(ShiftproofChaincode::utf8)
                    .orElse(new byte[0]);
            case ContractKeys.LOG_ACCESS ->
                json(
                    contract.logAccess(
                        ctx,
                        new AccessRecord(
                            arg(a, 0, "accessor"),
                            arg(a, 1, "workerRef"),
                            arg(a, 2, "purpose"),
                            arg(a, 3, "resource"))),
                    ContractJson::accessToJson);
            default ->
                throw new IllegalArgumentException(
                    "function: got \"" + function + "\", want a Shiftproof contract transaction");
          };
      return newSuccessResponse(result);
    } catch (ContractException e) {
      return newErrorResponse(e.code() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return newErrorResponse("INVALID_ARGUMENT: " + e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      // Answer the peer in every case: a transaction left without an answer holds the peer until
      // its execute timeout.
      return newErrorResponse("INTERNAL: " + e);
    }
  }

  private static FabricStateStore store(TransactionContext ctx) {
    return (FabricStateStore) ctx.state();
  }

  private static TransactionContext context(ChaincodeStub stub, String namespace) {
    ClientIdentity creator;
    try {
      creator = new ClientIdentity(stub);
    } catch (CertificateException | IOException e) {
      throw new IllegalArgumentException("creator: not an X.509 identity (" + e.getMessage() + ")");
    }
    String organisation = creator.getMSPID();
    return new TransactionContext(
        stub.getTxId(),
        stub.getTxTimestamp(),
        organisation,
        CallerRoles.role(organisation, creator.getX509Certificate()),
        new FabricStateStore(stub, namespace),
        stub::setEvent);
  }

  private static AnchorRequest anchorRequest(List<String> a) {
    return new AnchorRequest(
        arg(a, 0, "batchId"),
        arg(a, 1, "chain"),
        optional(arg(a, 2, "previousBatchId")),
        arg(a, 3, "rootHex"),
        number(arg(a, 4, "treeSize"), "treeSize"),
        number(arg(a, 5, "fromMicros"), "fromMicros"),
        number(arg(a, 6, "toMicros"), "toMicros"));
  }

  private static String arg(List<String> args, int index, String name) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(name + ": missing (argument " + (index + 2) + ")");
    }
    return args.get(index);
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static long number(String value, String name) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": got \"" + value + "\", want an integer");
    }
  }

  private static <T> byte[] json(T value, Function<T, String> toJson) {
    return utf8(toJson.apply(value));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
