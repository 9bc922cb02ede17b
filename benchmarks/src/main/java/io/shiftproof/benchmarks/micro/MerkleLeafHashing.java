package io.shiftproof.benchmarks.micro;

import io.shiftproof.benchmarks.SimulatedDayRecords;
import io.shiftproof.ledger.merkle.TreeHasher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Merkle leaf hashes, {@code SHA-256(0x00 ‖ record)}, of sealed day records, against plain SHA-256
 * of the same bytes: what hashing alone costs. Scores are records (leaves) per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MerkleLeafHashing {
  /** Records hashed per invocation. */
  public static final int RECORDS = 1024;

  private byte[][] records;
  private MessageDigest sha256;

  @Setup
  public void sampleRecords() throws NoSuchAlgorithmException {
    records = SimulatedDayRecords.sample(RECORDS).toArray(byte[][]::new);
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  /** The baseline: SHA-256 of each record, nothing else. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void plainSha256(Blackhole hashes) {
    for (byte[] record : records) {
      hashes.consume(sha256.digest(record));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void leafHash(Blackhole hashes) {
    for (byte[] record : records) {
      hashes.consume(TreeHasher.leafHash(record));
    }
  }
}
