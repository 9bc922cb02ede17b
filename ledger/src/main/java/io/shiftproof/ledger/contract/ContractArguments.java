package io.shiftproof.ledger.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/** Argument checks shared by the contract's transactions, failing with {@code INVALID_ARGUMENT}. */
final class ContractArguments {
  /** Long enough for a job's chain plus a checkpoint, short enough to keep keys small. */
  static final int MAX_ID_LENGTH = 200;

  private static final Pattern HASH_HEX = Pattern.compile("[0-9a-f]{64}");

  private ContractArguments() {}

  /** An identifier: not blank, at most {@value #MAX_ID_LENGTH} characters. */
  static void requireId(String field, String value) {
    if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw invalid(field, quoted(value), "1 to " + MAX_ID_LENGTH + " characters, not blank");
    }
  }

  static void requireOptionalId(String field, Optional<String> value) {
    value.ifPresent(v -> requireId(field, v));
  }

  /** A SHA-256 hash as 64 lower-case hex digits, the form every hash takes on the ledger. */
  static void requireHashHex(String field, String value) {
    if (!HASH_HEX.matcher(value).matches()) {
      throw invalid(field, quoted(value), "64 lower-case hex digits");
    }
  }

  static ContractException invalid(String field, String got, String want) {
    return new ContractException(
        ContractError.INVALID_ARGUMENT, field + ": got " + got + ", want " + want);
  }

  /** The value quoted, shortened so that a huge argument does not become a huge message. */
  static String quoted(String value) {
    String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
    return "\"" + shown + "\"" + (value.length() > 80 ? " (" + value.length() + " chars)" : "");
  }
}
