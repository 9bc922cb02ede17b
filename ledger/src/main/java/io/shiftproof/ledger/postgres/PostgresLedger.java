package io.shiftproof.ledger.postgres;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.ChainVerification;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.ContractException;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.contract.ContractKeys;
import io.shiftproof.ledger.contract.ContractRoles;
import io.shiftproof.ledger.contract.EvidenceAttachment;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.contract.Policy;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.contract.ShiftproofContract;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.contract.TransactionContext;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.postgres.LedgerTables.EmittedEvent;
import io.shiftproof.ledger.postgres.LedgerTables.Head;
import io.shiftproof.schemas.sql.DatabaseSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The {@link Ledger} of the one-process hub: the {@link ShiftproofContract} run over PostgreSQL,
 * each SUBMIT transaction appended to a hash-chained log that the hub signs.
 *
 * <p>A SUBMIT is one database transaction: lock the head row (so writers take turns and each
 * extends the head it read), run the contract over the world state, append the signed entry, apply
 * the state writes and advance the head. A refused transaction appends nothing. A transaction that
 * changes nothing (re-anchoring a batch) appends nothing either and answers with the entry that
 * made the change.
 *
 * <p>Thread-safe: every call takes its own connection.
 */
public final class PostgresLedger implements Ledger {
  /**
   * The {@link LedgerRef#channel()} of every entry: like {@link LedgerRef#EMBEDDED}, the name
   * anchors and evidence bundles were published with.
   */
  public static final String CHANNEL = "embedded";

  /** The {@link LedgerRef#contract()} of every entry. */
  public static final String CONTRACT = "shiftproof";

  /** The transactions whose payload is a claim, the steps of its status history. */
  private static final List<String> CLAIM_FUNCTIONS =
      List.of(
          ContractKeys.REPORT_INCIDENT,
          ContractKeys.ATTACH_EVIDENCE,
          ContractKeys.DECIDE_CLAIM,
          ContractKeys.MARK_PAID);

  private final ConnectionSource connections;
  private final Signer signer;
  private final Clock clock;
  private final String invokerOrganisation;
  private final String invokerRole;
  private final ShiftproofContract contract = new ShiftproofContract();

  private PostgresLedger(
      ConnectionSource connections,
      Signer signer,
      Clock clock,
      String invokerOrganisation,
      String invokerRole) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.invokerOrganisation = Objects.requireNonNull(invokerOrganisation, "invokerOrganisation");
    this.invokerRole = Objects.requireNonNull(invokerRole, "invokerRole");
    if (!ContractRoles.ALL.contains(invokerRole)) {
      throw new IllegalArgumentException(
          "invokerRole: got " + invokerRole + ", want one of " + ContractRoles.ALL);
    }
  }

  /**
   * Opens the ledger a configuration describes, bringing the database schema up to date first (the
   * migrations are idempotent and serialised, so many task managers may open it at once).
   *
   * @throws LedgerException {@code UNAVAILABLE} (retriable) when the database cannot be reached,
   *     {@code INTERNAL} when it refuses a migration
   */
  public static PostgresLedger open(PostgresLedgerConfig config) {
    Signer signer = PemKeys.signer(Path.of(config.signingKeyPath()));
    ConnectionSource connections =
        () -> DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setUrl(config.jdbcUrl());
    database.setUser(config.user());
    database.setPassword(config.password());
    try {
      DatabaseSchema.migrate(database);
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    }
    return new PostgresLedger(
        connections, signer, Clock.systemUTC(), config.invokerOrganisation(), config.invokerRole());
  }

  /**
   * A ledger over a database whose schema is already migrated, for in-process use and tests.
   *
   * @param clock the source of transaction timestamps, the contract's only clock
   * @param invokerRole one of {@link ContractRoles#ALL}
   */
  public static PostgresLedger create(
      ConnectionSource connections,
      Signer signer,
      Clock clock,
      String invokerOrganisation,
      String invokerRole) {
    return new PostgresLedger(connections, signer, clock, invokerOrganisation, invokerRole);
  }

  @Override
  public String kind() {
    return LedgerRef.EMBEDDED;
  }

  @Override
  public Committed<Anchor> anchorBatch(AnchorRequest request) {
    return submit(
        ContractKeys.ANCHOR_BATCH,
        ctx -> contract.anchorBatch(ctx, request),
        ContractJson::anchorToJson,
        Anchor::txId);
  }

  @Override
  public Committed<Claim> reportIncident(IncidentReport report) {
    return submit(
        ContractKeys.REPORT_INCIDENT,
        ctx -> contract.reportIncident(ctx, report),
        ContractJson::claimToJson);
  }

  @Override
  public Committed<Claim> attachEvidence(EvidenceAttachment attachment) {
    return submit(
        ContractKeys.ATTACH_EVIDENCE,
        ctx -> contract.attachEvidence(ctx, attachment),
        ContractJson::claimToJson);
  }

  @Override
  public Committed<Claim> decideClaim(SignedDecision decision) {
    return submit(
        ContractKeys.DECIDE_CLAIM,
        ctx -> contract.decideClaim(ctx, decision),
        ContractJson::claimToJson);
  }

  @Override
  public Committed<Claim> markPaid(ClaimPayment payment) {
    return submit(
        ContractKeys.MARK_PAID, ctx -> contract.markPaid(ctx, payment), ContractJson::claimToJson);
  }

  @Override
  public Committed<Policy> registerPolicy(PolicyTerms terms) {
    return submit(
        ContractKeys.REGISTER_POLICY,
        ctx -> contract.registerPolicy(ctx, terms),
        ContractJson::policyToJson);
  }

  @Override
  public Committed<Policy> acceptPolicy(String policyId) {
    return submit(
        ContractKeys.ACCEPT_POLICY,
        ctx -> contract.acceptPolicy(ctx, policyId),
        ContractJson::policyToJson);
  }

  @Override
  public Ledger onBehalfOf(String organisation, String role) {
    return new PostgresLedger(connections, signer, clock, organisation, role);
  }

  @Override
  public List<Committed<Claim>> claimHistory(String claimId) {
    try (Connection c = connections.connect()) {
      List<Committed<Claim>> history = new ArrayList<>();
      for (LedgerTables.StoredEntry stored :
          LedgerTables.entriesByPayloadPrefix(
              c, CLAIM_FUNCTIONS, ContractJson.claimJsonPrefix(claimId))) {
        history.add(
            new Committed<>(
                ContractJson.claimFromJson(stored.payloadJson()),
                ref(stored.txId(), stored.sequence())));
      }
      return history;
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    }
  }

  @Override
  public Optional<Policy> policy(String policyId) {
    return evaluate(ctx -> contract.getPolicy(ctx, policyId));
  }

  @Override
  public List<Policy> policies() {
    try (Connection c = connections.connect()) {
      return LedgerTables.stateByPrefix(c, ContractKeys.policy("")).stream()
          .map(v -> ContractJson.policyFromJson(new String(v, StandardCharsets.UTF_8)))
          .toList();
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    }
  }

  @Override
  public Committed<AccessLogEntry> logAccess(AccessRecord access) {
    return submit(
        ContractKeys.LOG_ACCESS,
        ctx -> contract.logAccess(ctx, access),
        ContractJson::accessToJson);
  }

  @Override
  public Optional<Anchor> anchor(String batchId) {
    return evaluate(ctx -> contract.getAnchor(ctx, batchId));
  }

  @Override
  public Optional<Anchor> head(String chain) {
    return evaluate(ctx -> contract.getHead(ctx, chain));
  }

  @Override
  public Optional<Claim> claim(String claimId) {
    return evaluate(ctx -> contract.getClaim(ctx, claimId));
  }

  /** The committed entry of the transaction with the hub's signature, whatever its ledger ref. */
  @Override
  public Optional<AnchorAttestation> anchorAttestation(LedgerRef committedAt) {
    String txId = committedAt.txId();
    try (Connection c = connections.connect()) {
      return LedgerTables.entryByTxId(c, txId)
          .map(stored -> new AnchorAttestation(stored.entry(), stored.signature()));
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    } catch (IllegalArgumentException e) {
      // A stored hash of the wrong length: only a change made behind the column checks does that.
      throw new LedgerException(
          DatabaseFailure.INTERNAL,
          "entry "
              + txId
              + " is corrupt ("
              + e.getMessage()
              + "); run verifyChain and restore the database from a backup",
          false,
          e);
    }
  }

  /**
   * Walks the whole log in order and checks, for each entry: that its sequence follows the one
   * before, that it names the previous entry's hash, that its recomputed hash is the one stored,
   * and that the hub's signature verifies; finally that the head row names the last entry. Stops at
   * the first failure.
   */
  @Override
  public Optional<ChainVerification> verifyChain(Verifier hubKey, VerifiedEntries verified) {
    try (Connection c = connections.connect()) {
      c.setAutoCommit(false);
      // One snapshot for the walk and the head, so that concurrent appends cannot look like a gap.
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        ChainWalk walk = new ChainWalk(hubKey, verified);
        LedgerTables.forEachEntry(c, walk::check);
        ChainVerification result = walk.result(LedgerTables.readHead(c));
        c.commit();
        return Optional.of(result);
      } finally {
        rollbackQuietly(c);
      }
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    }
  }

  /**
   * Signs the newest entry: its hash recomputed from its content, never the stored column alone,
   * and only when the head row names that same entry, so that the hub does not vouch for a head
   * someone wrote into the table.
   */
  @Override
  public Optional<SignedLedgerHead> signedHead() {
    try (Connection c = connections.connect()) {
      c.setAutoCommit(false);
      // The head row and the entry it names, read from one snapshot.
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        Head head = LedgerTables.readHead(c);
        Hash headHash = headHash(head);
        if (head.sequence() == 0) {
          requireHead(
              headHash.equals(LedgerEntry.GENESIS), "the empty log's head hash is not zero");
          return Optional.of(SignedLedgerHead.sign(0, headHash, Instant.EPOCH, signer));
        }
        Optional<LedgerTables.StoredEntry> newest =
            LedgerTables.entryBySequence(c, head.sequence());
        requireHead(
            newest.isPresent(), "the head names entry " + head.sequence() + ", which is missing");
        requireHead(
            LedgerTables.lastSequence(c) == head.sequence(),
            "the log holds entries past the head's " + head.sequence());
        LedgerEntry entry = newest.get().entry();
        requireHead(
            entry.hash().equals(headHash),
            "entry " + head.sequence() + " does not hash to the head's hash");
        c.commit();
        return Optional.of(
            SignedLedgerHead.sign(entry.sequence(), headHash, entry.txTime(), signer));
      } finally {
        rollbackQuietly(c);
      }
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    } catch (IllegalArgumentException e) {
      throw headBroken(e.getMessage());
    }
  }

  private static void requireHead(boolean holds, String otherwise) {
    if (!holds) {
      throw headBroken(otherwise);
    }
  }

  private static LedgerException headBroken(String why) {
    return new LedgerException(
        DatabaseFailure.INTERNAL,
        "the ledger's head cannot be signed: "
            + why
            + "; run the audit and restore the database from a backup",
        false);
  }

  @Override
  public void close() {
    // Nothing held between calls: each transaction opened and closed its own connection.
  }

  /** A transaction that always writes, so never answers with an earlier one's entry. */
  private <T> Committed<T> submit(
      String function, Function<TransactionContext, T> transaction, Function<T, String> toJson) {
    return submit(function, transaction, toJson, PostgresLedger::alwaysWrites);
  }

  private <T> Committed<T> submit(
      String function,
      Function<TransactionContext, T> transaction,
      Function<T, String> toJson,
      Function<T, String> earlierTxId) {
    try (Connection c = connections.connect()) {
      c.setAutoCommit(false);
      try {
        Committed<T> committed = inTransaction(c, function, transaction, toJson, earlierTxId);
        c.commit();
        return committed;
      } finally {
        rollbackQuietly(c); // after a commit this is a no-op
      }
    } catch (ContractException e) {
      throw new LedgerException(e.code(), e.getMessage(), false, e);
    } catch (TransactionState.ReadFailure e) {
      throw DatabaseFailure.toLedgerException(e.getCause());
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    }
  }

  private <T> Committed<T> inTransaction(
      Connection c,
      String function,
      Function<TransactionContext, T> transaction,
      Function<T, String> toJson,
      Function<T, String> earlierTxId)
      throws SQLException {
    Head head = LedgerTables.lockHead(c);
    // The ledger, not the contract, supplies the id and time: the contract stays deterministic.
    String txId = UUID.randomUUID().toString();
    Instant txTime = clock.instant().truncatedTo(ChronoUnit.MICROS);
    TransactionState state = TransactionState.forSubmit(c);
    List<EmittedEvent> events = new ArrayList<>();
    TransactionContext ctx =
        new TransactionContext(
            txId,
            txTime,
            invokerOrganisation,
            invokerRole,
            state,
            (name, payload) -> events.add(new EmittedEvent(name, payload.clone())));
    T value = transaction.apply(ctx);

    if (state.writes().isEmpty()) {
      return new Committed<>(value, refOfEarlier(c, earlierTxId.apply(value)));
    }
    LedgerEntry entry =
        new LedgerEntry(
            head.sequence() + 1,
            txId,
            txTime,
            function,
            invokerOrganisation,
            toJson.apply(value),
            headHash(head));
    byte[] signedBytes = entry.signedBytes();
    Hash entryHash = LedgerEntry.hashOf(signedBytes);
    LedgerTables.append(
        c, entry, signer.sign(SignatureContext.LEDGER_ENTRY, signedBytes), entryHash);
    LedgerTables.putState(c, state.writes(), entry.sequence());
    LedgerTables.insertEvents(c, entry.sequence(), events);
    LedgerTables.advanceHead(c, entry.sequence(), entryHash);
    return new Committed<>(value, ref(txId, entry.sequence()));
  }

  private static LedgerRef refOfEarlier(Connection c, String txId) throws SQLException {
    return LedgerTables.entryByTxId(c, txId)
        .map(e -> ref(txId, e.entry().sequence()))
        .orElseThrow(
            () ->
                new LedgerException(
                    DatabaseFailure.INTERNAL,
                    "state names transaction "
                        + txId
                        + " but the log has no such entry;"
                        + " run verifyChain and restore the database from a backup",
                    false));
  }

  private <T> T evaluate(Function<TransactionContext, T> query) {
    try (Connection c = connections.connect()) {
      TransactionContext ctx =
          new TransactionContext(
              "evaluate-" + UUID.randomUUID(),
              clock.instant(),
              invokerOrganisation,
              invokerRole,
              TransactionState.forEvaluate(c),
              (name, payload) -> {
                throw new IllegalStateException("an EVALUATE transaction emitted " + name);
              });
      return query.apply(ctx);
    } catch (TransactionState.ReadFailure e) {
      throw DatabaseFailure.toLedgerException(e.getCause());
    } catch (SQLException e) {
      throw DatabaseFailure.toLedgerException(e);
    }
  }

  private static String alwaysWrites(Object value) {
    throw new IllegalStateException("the contract changed nothing for " + value);
  }

  private static LedgerRef ref(String txId, long sequence) {
    return new LedgerRef(LedgerRef.EMBEDDED, CHANNEL, CONTRACT, txId, sequence);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection is being closed anyway, which discards the transaction.
    }
  }

  /** The head's hash, which the next entry names as its previous hash. */
  private static Hash headHash(Head head) {
    byte[] stored = head.storedHash();
    if (stored.length != Hash.LENGTH) {
      throw new LedgerException(
          DatabaseFailure.INTERNAL,
          "ledger_head holds a "
              + stored.length
              + "-byte hash, want "
              + Hash.LENGTH
              + "; run verifyChain and restore the database from a backup",
          false);
    }
    return Hash.of(stored);
  }
}
