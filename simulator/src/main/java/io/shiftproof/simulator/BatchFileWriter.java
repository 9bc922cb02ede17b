package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.BatchJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes batches as the wire JSON a platform would post, one file per batch at {@code
 * <dir>/<platform>/<batchId>.json}, for replaying later or inspecting by hand.
 */
public final class BatchFileWriter {
  private final Path directory;

  public BatchFileWriter(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
  }

  /** Writes one batch, replacing a file of the same name, and returns its path. */
  public Path write(PlatformBatch batch) {
    Path file =
        directory.resolve(batch.platform()).resolve(batch.batch().batchId() + ".json").normalize();
    // Simulated names are plain file names; a hand-made batch must not escape the directory.
    if (!file.getParent().getParent().equals(directory)) {
      throw new IllegalArgumentException(
          "platform and batchId: got \""
              + batch.platform()
              + "\" and \""
              + batch.batch().batchId()
              + "\", want plain file names");
    }
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, BatchJsonWriter.toJson(batch.batch()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write batch file " + file, e);
    }
    return file;
  }

  /** Writes every batch of the stream and returns how many files were written. */
  public long writeAll(Stream<PlatformBatch> batches) {
    return batches
        .mapToLong(
            batch -> {
              write(batch);
              return 1;
            })
        .sum();
  }
}
