package io.shiftproof.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.ChainVerification;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.contract.ChaincodeCalls;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.contract.ContractKeys;
import io.shiftproof.ledger.contract.EvidenceAttachment;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.contract.Policy;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.endorsement.LedgerTransaction;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The ledger on a Hyperledger Fabric network: the Shiftproof chaincode invoked through one peer's
 * Fabric Gateway over a single TLS gRPC channel, as one X.509 identity. Every transaction is
 * endorsed, ordered and committed before a method returns; each phase has its own deadline, and
 * Fabric's failures become {@link LedgerException}s ({@link FabricErrors}).
 *
 * <p>The organisation and role the contract sees are those of the identity's certificate: the
 * chaincode reads them from the transaction's creator, so nothing here can claim another.
 */
public final class FabricLedger implements Ledger {
  private static final String QSCC = "qscc";

  /** Endorsements tried at most while the peers' answers differ: 0.1 + 0.2 + 0.4 + 0.8 s apart. */
  private static final int ENDORSEMENTS = 5;

  private final FabricLedgerConfig config;
  private final ManagedChannel grpc;
  private final Gateway gateway;
  private final Contract contract;
  private final Contract queries;
  private final Map<String, FabricLedger> delegates = new HashMap<>();

  private FabricLedger(FabricLedgerConfig config, ManagedChannel grpc, Gateway gateway) {
    this.config = config;
    this.grpc = grpc;
    this.gateway = gateway;
    Network network = gateway.getNetwork(config.channel());
    this.contract = network.getContract(config.chaincode());
    this.queries = network.getContract(QSCC);
  }

  /** Connects to the configured peer; the caller closes the ledger. */
  public static FabricLedger connect(FabricLedgerConfig config) {
    Objects.requireNonNull(config, "config");
    X509Certificate certificate;
    PrivateKey key;
    ChannelCredentials tls;
    try {
      try (Reader in = Files.newBufferedReader(config.certificate())) {
        certificate = Identities.readX509Certificate(in);
      }
      try (Reader in = Files.newBufferedReader(config.privateKeyFile())) {
        key = Identities.readPrivateKey(in);
      }
      tls = TlsChannelCredentials.newBuilder().trustManager(config.peerTlsCa().toFile()).build();
    } catch (IOException | CertificateException | InvalidKeyException e) {
      throw new IllegalArgumentException(
          "the Fabric identity or TLS material cannot be read: " + e.getMessage(), e);
    }
    ManagedChannel grpc =
        Grpc.newChannelBuilder(config.peerEndpoint(), tls)
            .overrideAuthority(config.peerHostOverride())
            .build();
    FabricLedgerConfig.Deadlines d = config.deadlines();
    Gateway gateway =
        Gateway.newInstance()
            .identity(new X509Identity(config.mspId(), certificate))
            .signer(Signers.newPrivateKeySigner(key))
            .connection(grpc)
            .evaluateOptions(deadline(d.evaluate()))
            .endorseOptions(deadline(d.endorse()))
            .submitOptions(deadline(d.submit()))
            .commitStatusOptions(deadline(d.commitStatus()))
            .connect();
    return new FabricLedger(config, grpc, gateway);
  }

  private static CallOption deadline(Duration d) {
    return CallOption.deadlineAfter(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String kind() {
    return LedgerRef.FABRIC;
  }

  @Override
  public Committed<Anchor> anchorBatch(AnchorRequest r) {
    Committed<Anchor> committed =
        submit(
            ContractKeys.ANCHOR_BATCH,
            ContractJson::anchorFromJson,
            new String[0],
            r.batchId(),
            r.chain(),
            r.previousBatchId().orElse(""),
            r.rootHex(),
            Long.toString(r.treeSize()),
            Long.toString(r.fromMicros()),
            Long.toString(r.toMicros()));
    Anchor anchor = committed.value();
    if (anchor.txId().equals(committed.ref().txId())) {
      return committed;
    }
    // The batch was already anchored: the contract handed back that anchor, which was committed
    // by an earlier transaction, in an earlier block.
    return new Committed<>(anchor, ref(anchor.txId(), blockOf(anchor.txId())));
  }

  @Override
  public Committed<Claim> reportIncident(IncidentReport report) {
    return submit(
        ContractKeys.REPORT_INCIDENT,
        ContractJson::claimFromJson,
        new String[0],
        report.claimId(),
        report.workerRef(),
        ChaincodeCalls.micros(report.incidentAt()),
        report.cell().orElse(""));
  }

  @Override
  public Committed<Claim> attachEvidence(EvidenceAttachment attachment) {
    return submit(
        ContractKeys.ATTACH_EVIDENCE,
        ContractJson::claimFromJson,
        new String[0],
        ContractJson.attachmentToJson(attachment));
  }

  @Override
  public Committed<Claim> decideClaim(SignedDecision decision) {
    return submit(
        ContractKeys.DECIDE_CLAIM,
        ContractJson::claimFromJson,
        decisionEndorsers(),
        ContractJson.signedDecisionToJson(decision));
  }

  @Override
  public Committed<Claim> markPaid(ClaimPayment payment) {
    return submit(
        ContractKeys.MARK_PAID,
        ContractJson::claimFromJson,
        decisionEndorsers(),
        ContractJson.paymentToJson(payment));
  }

  @Override
  public Committed<Policy> registerPolicy(PolicyTerms terms) {
    return submit(
        ContractKeys.REGISTER_POLICY,
        ContractJson::policyFromJson,
        new String[0],
        ContractJson.termsToJson(terms));
  }

  @Override
  public Committed<Policy> acceptPolicy(String policyId) {
    return submit(
        ContractKeys.ACCEPT_POLICY, ContractJson::policyFromJson, new String[0], policyId);
  }

  /**
   * This ledger as {@code organisation}'s own identity from the connection settings: the hub's
   * gateway cannot sign for another organisation, and the chaincode takes the caller's organisation
   * and role from the signing certificate alone. The role the certificate carries is the one the
   * contract applies; {@code role} is not sent. Refused ({@code FORBIDDEN}) when the settings hold
   * no identity of that organisation. The connection is kept until this ledger closes.
   */
  @Override
  public Ledger onBehalfOf(String organisation, String role) {
    if (organisation.equals(config.mspId())) {
      return new BorrowedLedger(this);
    }
    synchronized (delegates) {
      FabricLedger delegate = delegates.get(organisation);
      if (delegate == null) {
        delegate = connect(delegateConfig(organisation, role));
        delegates.put(organisation, delegate);
      }
      return new BorrowedLedger(delegate);
    }
  }

  private FabricLedgerConfig delegateConfig(String organisation, String role) {
    Path connection =
        config
            .connection()
            .orElseThrow(() -> noIdentity(organisation, role, "no connection settings"));
    try {
      FabricLedgerConfig other =
          FabricLedgerConfig.fromConnection(connection, organisation, "client", config.namespace());
      return new FabricLedgerConfig(
          other.peerEndpoint(),
          other.peerHostOverride(),
          other.peerTlsCa(),
          other.mspId(),
          other.certificate(),
          other.privateKey(),
          other.channel(),
          other.chaincode(),
          other.namespace(),
          config.hubMspId(),
          config.deadlines(),
          other.connection());
    } catch (IOException | IllegalArgumentException e) {
      throw noIdentity(organisation, role, e.getMessage());
    }
  }

  private static LedgerException noIdentity(String organisation, String role, String why) {
    return new LedgerException(
        "FORBIDDEN",
        "onBehalfOf: the Fabric network's connection settings hold no identity of organisation \""
            + organisation
            + "\" (role \""
            + role
            + "\"), and the hub cannot sign as another organisation ("
            + why
            + ")",
        false);
  }

  @Override
  public Committed<AccessLogEntry> logAccess(AccessRecord access) {
    return submit(
        ContractKeys.LOG_ACCESS,
        ContractJson::accessFromJson,
        new String[0],
        access.accessor(),
        access.workerRef(),
        access.purpose(),
        access.resource());
  }

  @Override
  public Optional<Anchor> anchor(String batchId) {
    return evaluate(ChaincodeCalls.GET_ANCHOR, batchId).map(ContractJson::anchorFromJson);
  }

  @Override
  public Optional<Anchor> head(String chain) {
    return evaluate(ChaincodeCalls.GET_HEAD, chain).map(ContractJson::anchorFromJson);
  }

  @Override
  public Optional<Claim> claim(String claimId) {
    return evaluate(ChaincodeCalls.GET_CLAIM, claimId).map(ContractJson::claimFromJson);
  }

  /** From the peer's history of the claim's key, oldest first, each with its block. */
  @Override
  public List<Committed<Claim>> claimHistory(String claimId) {
    return evaluate(ChaincodeCalls.GET_CLAIM_HISTORY, claimId)
        .map(ContractJson::historyFromJson)
        .orElse(List.of())
        .stream()
        .map(
            h ->
                new Committed<>(
                    ContractJson.claimFromJson(h.json()), ref(h.txId(), blockOf(h.txId()))))
        .sorted(Comparator.comparingLong(c -> c.ref().position()))
        .toList();
  }

  @Override
  public Optional<Policy> policy(String policyId) {
    return evaluate(ChaincodeCalls.GET_POLICY, policyId).map(ContractJson::policyFromJson);
  }

  @Override
  public List<Policy> policies() {
    return evaluate(ChaincodeCalls.GET_POLICIES, "")
        .map(ContractJson::policiesFromJson)
        .orElse(List.of());
  }

  /** Empty: Fabric's evidence is the endorsed transaction ({@link #endorsedTransaction}). */
  @Override
  public Optional<AnchorAttestation> anchorAttestation(LedgerRef committedAt) {
    return Optional.empty();
  }

  /**
   * The processed transaction ({@code qscc GetTransactionByID}: the envelope with its endorsements
   * and the committing peer's validation code), which {@link FabricTransactionReader} checks
   * offline against the organisations' MSP roots.
   */
  @Override
  public Optional<LedgerTransaction> endorsedTransaction(LedgerRef committedAt) {
    if (!committedAt.kind().equals(LedgerRef.FABRIC)) {
      return Optional.empty();
    }
    try {
      byte[] processed =
          queries.evaluateTransaction(
              "GetTransactionByID", committedAt.channel(), committedAt.txId());
      return Optional.of(new LedgerTransaction(FabricTransactionReader.TYPE, processed));
    } catch (GatewayException e) {
      throw FabricErrors.of("GetTransactionByID", e);
    }
  }

  /** Empty: the network validates its own blocks. */
  @Override
  public Optional<ChainVerification> verifyChain(Verifier hubKey, VerifiedEntries verified) {
    return Optional.empty();
  }

  /** Empty: outsiders read the head from the channel's blocks, which the orderers sign. */
  @Override
  public Optional<SignedLedgerHead> signedHead() {
    return Optional.empty();
  }

  @Override
  public void close() {
    synchronized (delegates) {
      delegates.values().forEach(FabricLedger::close);
      delegates.clear();
    }
    gateway.close();
    grpc.shutdownNow();
    try {
      grpc.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A decision (and the payment that follows it) is endorsed by the deciding insurer and the hub:
   * when an insurer invokes, those two organisations are asked, not whichever the gateway picks.
   */
  private String[] decisionEndorsers() {
    return config.mspId().equals(config.hubMspId())
        ? new String[0]
        : new String[] {config.hubMspId(), config.mspId()};
  }

  private <T> Committed<T> submit(
      String transaction, Function<String, T> parse, String[] endorsers, String... args) {
    try {
      Transaction endorsed = endorse(transaction, endorsers, args);
      String result = new String(endorsed.getResult(), StandardCharsets.UTF_8);
      SubmittedTransaction submitted = endorsed.submitAsync();
      Status status = submitted.getStatus();
      if (!status.isSuccessful()) {
        throw FabricErrors.invalid(transaction, status.getTransactionId(), status.getCode());
      }
      return new Committed<>(
          parse.apply(result), ref(status.getTransactionId(), status.getBlockNumber()));
    } catch (GatewayException e) {
      throw FabricErrors.of(transaction, e);
    }
  }

  /**
   * Endorses a fresh proposal, again (up to {@value #ENDORSEMENTS} times, waiting a little longer
   * each time) while the endorsing peers' answers differ. They differ when one peer has not yet
   * committed the block of the caller's previous transaction and reads older state; once it has,
   * they agree. Nothing is submitted before the endorsements match, so trying again cannot apply a
   * transaction twice. Any other failure is the caller's at once.
   */
  private Transaction endorse(String transaction, String[] endorsers, String... args) {
    for (int attempt = 1; ; attempt++) {
      Proposal.Builder builder =
          contract.newProposal(transaction).addArguments(config.namespace()).addArguments(args);
      if (endorsers.length > 0) {
        builder.setEndorsingOrganizations(endorsers);
      }
      try {
        return builder.build().endorse();
      } catch (GatewayException e) {
        LedgerException failure = FabricErrors.of(transaction, e);
        if (!failure.code().equals(FabricErrors.ENDORSEMENT_MISMATCH) || attempt == ENDORSEMENTS) {
          throw failure;
        }
      }
      try {
        Thread.sleep(100L << (attempt - 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LedgerException(
            FabricErrors.FABRIC_ERROR, transaction + ": interrupted while endorsing", true, e);
      }
    }
  }

  private Optional<String> evaluate(String transaction, String arg) {
    try {
      byte[] result = contract.evaluateTransaction(transaction, config.namespace(), arg);
      return result.length == 0
          ? Optional.empty()
          : Optional.of(new String(result, StandardCharsets.UTF_8));
    } catch (GatewayException e) {
      throw FabricErrors.of(transaction, e);
    }
  }

  /** The number of the block holding transaction {@code txId}, from the peer's ledger. */
  private long blockOf(String txId) {
    try {
      byte[] block = queries.evaluateTransaction("GetBlockByTxID", config.channel(), txId);
      return Block.parseFrom(block).getHeader().getNumber();
    } catch (GatewayException e) {
      throw FabricErrors.of("GetBlockByTxID", e);
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException(
          FabricErrors.FABRIC_ERROR, "GetBlockByTxID: not a block: " + e.getMessage(), false, e);
    }
  }

  private LedgerRef ref(String txId, long block) {
    return new LedgerRef(LedgerRef.FABRIC, config.channel(), config.chaincode(), txId, block);
  }
}
