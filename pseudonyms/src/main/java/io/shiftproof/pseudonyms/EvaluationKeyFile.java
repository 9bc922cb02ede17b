package io.shiftproof.pseudonyms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * An evaluation key share on disk: comment lines starting with {@code #}, then the scalar as 64 hex
 * digits. Each evaluating organisation keeps its own file and nobody else's; the file is written
 * owner-only.
 */
public final class EvaluationKeyFile {
  private static final HexFormat HEX = HexFormat.of();

  private EvaluationKeyFile() {}

  /** Reads the key share in {@code file}; a missing or malformed file stops the caller. */
  public static EvaluationKey read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the evaluation key " + file, e);
    }
    List<String> values =
        lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (values.size() != 1 || !values.get(0).matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          file + ": got " + values.size() + " value lines, want one line of 64 hex digits");
    }
    return EvaluationKey.fromBytes(HEX.parseHex(values.get(0)));
  }

  /**
   * The key share in {@code file}, generated and written first if there is none yet: the
   * development credentials' way of giving each evaluator a key on first start.
   */
  public static EvaluationKey readOrCreate(Path file, String party, SecureRandom random) {
    if (Files.exists(file)) {
      return read(file);
    }
    EvaluationKey key = EvaluationKey.generate(random);
    String text =
        "# VOPRF "
            + VoprfSuite.IDENTIFIER
            + " evaluation key share of "
            + party
            + "; public key "
            + key.publicKey().toBase64()
            + "\n# Secret: only "
            + party
            + " may hold this file.\n"
            + HEX.formatHex(key.toBytes())
            + "\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
      try {
        restrictToOwner(temporary);
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (FileAlreadyExistsException e) {
      // Another process wrote it first: its key is the one.
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evaluation key " + file, e);
    }
    return key;
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own protection has to do.
    }
  }
}
