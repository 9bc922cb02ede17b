package io.shiftproof.ledger.backend;

import io.shiftproof.ledger.LedgerRef;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which backend runs the hub's ledger: the value of the {@code ledger.kind} setting. */
public enum LedgerKind {
  /**
   * The hub's own append-only, hash-chained, signed log in its PostgreSQL database. Its
   * transactions carry the {@link LedgerRef#kind()} {@link LedgerRef#EMBEDDED}, the name anchors
   * and evidence bundles were published with.
   */
  POSTGRES(LedgerRef.EMBEDDED),

  /**
   * A Hyperledger Fabric network running the contract as chaincode, reached through the Fabric
   * Gateway; the backend is in the {@code ledger-fabric} module, found through {@link
   * LedgerBackend}.
   */
  FABRIC(LedgerRef.FABRIC);

  /** The setting's name, for the hub's configuration and the job's {@code --ledger.kind}. */
  public static final String KEY = "ledger.kind";

  /** The kind when the setting is absent. */
  public static final LedgerKind DEFAULT = POSTGRES;

  private final String refKind;

  LedgerKind(String refKind) {
    this.refKind = refKind;
  }

  /** The setting's value for this kind, e.g. {@code postgres}. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@link LedgerRef#kind()} of the transactions this backend commits. */
  public String refKind() {
    return refKind;
  }

  /** The kind a setting value names, if any. */
  public static Optional<LedgerKind> find(String settingValue) {
    return Arrays.stream(values()).filter(k -> k.settingValue().equals(settingValue)).findFirst();
  }

  /**
   * The kind a setting value names.
   *
   * @throws IllegalArgumentException {@code ledger.kind: got "x", want one of postgres, fabric} for
   *     any other value
   */
  public static LedgerKind parse(String settingValue) {
    return find(settingValue)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    KEY + ": got \"" + settingValue + "\", want " + wanted()));
  }

  /** The accepted values, as an error message names them: {@code one of postgres, fabric}. */
  public static String wanted() {
    String all =
        Arrays.stream(values()).map(LedgerKind::settingValue).collect(Collectors.joining(", "));
    return values().length == 1 ? all : "one of " + all;
  }
}
