package io.shiftproof.ledger.postgres;

import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.merkle.Hash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the PostgreSQL ledger's tables (migration {@code V5__embedded_ledger.sql}, named
 * before the backend was).
 */
final class LedgerTables {
  /**
   * The chain's newest entry: sequence 0 and {@link LedgerEntry#GENESIS} before the first. The hash
   * is kept as stored: the column check keeps it 32 bytes long, but should that be bypassed {@link
   * ChainWalk} must report the head as broken rather than fail to read it.
   */
  record Head(long sequence, byte[] storedHash) {}

  /** An event a transaction emitted, stored with its entry. */
  record EmittedEvent(String name, byte[] payload) {}

  /**
   * An entry's row as stored, with the hash the writer recorded for it. Hashes are kept as stored
   * bytes: the column checks keep them 32 bytes long, but should those be bypassed {@link
   * ChainWalk} must report the entry as broken rather than fail to read it, or worse, read a
   * wrong-length hash as some other value that happens to chain.
   */
  record StoredEntry(
      long sequence,
      String txId,
      Instant txTime,
      String function,
      String invoker,
      String payloadJson,
      byte[] previousHash,
      byte[] signature,
      byte[] storedHash) {
    /**
     * The entry the hub signed.
     *
     * @throws IllegalArgumentException if the stored previous hash is not 32 bytes long
     */
    LedgerEntry entry() {
      return new LedgerEntry(
          sequence, txId, txTime, function, invoker, payloadJson, Hash.of(previousHash));
    }
  }

  private static final String ENTRY_COLUMNS =
      "sequence, tx_id, tx_time, function, invoker, payload, previous_hash, signature, entry_hash";

  private LedgerTables() {}

  /** Locks the head row until the transaction ends: writers queue here, one at a time. */
  static Head lockHead(Connection c) throws SQLException {
    return head(c, " FOR UPDATE");
  }

  static Head readHead(Connection c) throws SQLException {
    return head(c, "");
  }

  private static Head head(Connection c, String lock) throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement("SELECT sequence, entry_hash FROM ledger_head WHERE id = 1" + lock);
        ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("ledger_head has no row: was migration V5 applied?");
      }
      return new Head(r.getLong(1), r.getBytes(2));
    }
  }

  static void append(Connection c, LedgerEntry e, byte[] signature, Hash entryHash)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO ledger_entry ("
                + ENTRY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, e.sequence());
      p.setString(2, e.txId());
      p.setObject(3, OffsetDateTime.ofInstant(e.txTime(), ZoneOffset.UTC));
      p.setString(4, e.function());
      p.setString(5, e.invoker());
      p.setString(6, e.payloadJson());
      p.setBytes(7, e.previousHash().bytes());
      p.setBytes(8, signature);
      p.setBytes(9, entryHash.bytes());
      p.executeUpdate();
    }
  }

  static void putState(Connection c, Map<String, byte[]> writes, long sequence)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO ledger_state (key, value, updated_by_sequence) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value,"
                + " updated_by_sequence = EXCLUDED.updated_by_sequence")) {
      for (Map.Entry<String, byte[]> w : writes.entrySet()) {
        p.setString(1, w.getKey());
        p.setBytes(2, w.getValue());
        p.setLong(3, sequence);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static void insertEvents(Connection c, long sequence, List<EmittedEvent> events)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO ledger_event (sequence, ordinal, name, payload) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < events.size(); i++) {
        p.setLong(1, sequence);
        p.setInt(2, i);
        p.setString(3, events.get(i).name());
        p.setBytes(4, events.get(i).payload());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static void advanceHead(Connection c, long sequence, Hash entryHash) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE ledger_head SET sequence = ?, entry_hash = ? WHERE id = 1")) {
      p.setLong(1, sequence);
      p.setBytes(2, entryHash.bytes());
      p.executeUpdate();
    }
  }

  static Optional<byte[]> state(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM ledger_state WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    }
  }

  static Optional<StoredEntry> entryByTxId(Connection c, String txId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM ledger_entry WHERE tx_id = ?")) {
      p.setString(1, txId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  static Optional<StoredEntry> entryBySequence(Connection c, long sequence) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM ledger_entry WHERE sequence = ?")) {
      p.setLong(1, sequence);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  /** The values of every state key starting with {@code prefix}, by key. */
  static List<byte[]> stateByPrefix(Connection c, String prefix) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT value FROM ledger_state WHERE starts_with(key, ?) ORDER BY key COLLATE \"C\"")) {
      p.setString(1, prefix);
      try (ResultSet r = p.executeQuery()) {
        List<byte[]> values = new ArrayList<>();
        while (r.next()) {
          values.add(r.getBytes(1));
        }
        return values;
      }
    }
  }

  /** The highest sequence in the log, 0 when it is empty. */
  static long lastSequence(Connection c) throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement("SELECT coalesce(max(sequence), 0) FROM ledger_entry");
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The entries of the given functions whose payload starts with {@code prefix}, in order. */
  static List<StoredEntry> entriesByPayloadPrefix(
      Connection c, List<String> functions, String prefix) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + ENTRY_COLUMNS
                + " FROM ledger_entry WHERE function = ANY (?) AND left(payload, ?) = ?"
                + " ORDER BY sequence")) {
      p.setArray(1, c.createArrayOf("text", functions.toArray()));
      p.setInt(2, prefix.length());
      p.setString(3, prefix);
      try (ResultSet r = p.executeQuery()) {
        List<StoredEntry> entries = new ArrayList<>();
        while (r.next()) {
          entries.add(read(r));
        }
        return entries;
      }
    }
  }

  /** Visits every entry in sequence order until the visitor returns false. */
  static void forEachEntry(Connection c, EntryVisitor visitor) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM ledger_entry ORDER BY sequence")) {
      // Streams through a cursor (auto-commit must be off) instead of loading the whole log.
      p.setFetchSize(500);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          if (!visitor.visit(read(r))) {
            return;
          }
        }
      }
    }
  }

  /** Receives entries in order; returns whether to go on. */
  interface EntryVisitor {
    boolean visit(StoredEntry entry);
  }

  private static StoredEntry read(ResultSet r) throws SQLException {
    return new StoredEntry(
        r.getLong(1),
        r.getString(2),
        r.getObject(3, OffsetDateTime.class).toInstant(),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getBytes(7),
        r.getBytes(8),
        r.getBytes(9));
  }
}
