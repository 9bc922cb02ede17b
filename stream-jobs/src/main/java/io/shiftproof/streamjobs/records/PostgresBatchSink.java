package io.shiftproof.streamjobs.records;

import io.shiftproof.records.RecordStoreConfig;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * An at-least-once sink that writes elements to PostgreSQL in batches, for writes that are
 * idempotent and need no checkpoint to be final: live records (a newer one always wins) and events
 * too late to apply (stored once by key). A batch is written when it is full, when a watermark
 * arrives and the oldest element has waited {@code maxDelay}, and before every checkpoint, so what
 * a checkpoint covers is stored.
 *
 * <p>A failed write fails the job, which restarts from its last checkpoint and writes again.
 */
public final class PostgresBatchSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  /** One batch written in the caller's transaction; it must be idempotent. */
  @FunctionalInterface
  public interface BatchWrite<T> extends Serializable {
    void write(Connection connection, List<T> batch) throws SQLException;
  }

  private final RecordStoreConfig store;
  private final BatchWrite<T> write;
  private final int maxBatch;
  private final long maxDelayNanos;

  public PostgresBatchSink(
      RecordStoreConfig store, BatchWrite<T> write, int maxBatch, Duration maxDelay) {
    this.store = Objects.requireNonNull(store, "store");
    this.write = Objects.requireNonNull(write, "write");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch: got " + maxBatch + ", want at least 1");
    }
    this.maxBatch = maxBatch;
    this.maxDelayNanos = maxDelay.toNanos();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    try {
      return new Writer<>(store.connect(), write, maxBatch, maxDelayNanos);
    } catch (SQLException e) {
      throw new IOException("cannot connect to the record store " + store + ": " + e, e);
    }
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final Connection connection;
    private final BatchWrite<T> write;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final List<T> batch = new ArrayList<>();
    private long oldestNanos;

    Writer(Connection connection, BatchWrite<T> write, int maxBatch, long maxDelayNanos) {
      this.connection = connection;
      this.write = write;
      this.maxBatch = maxBatch;
      this.maxDelayNanos = maxDelayNanos;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      if (batch.isEmpty()) {
        oldestNanos = System.nanoTime();
      }
      batch.add(element);
      if (batch.size() >= maxBatch) {
        writeBatch();
      }
    }

    /** Watermarks arrive every few hundred milliseconds: a clock that needs no timer thread. */
    @Override
    public void writeWatermark(Watermark watermark) throws IOException {
      if (!batch.isEmpty() && System.nanoTime() - oldestNanos >= maxDelayNanos) {
        writeBatch();
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      writeBatch();
    }

    private void writeBatch() throws IOException {
      if (batch.isEmpty()) {
        return;
      }
      try {
        write.write(connection, batch);
        connection.commit();
      } catch (SQLException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw new IOException("cannot write " + batch.size() + " rows: " + e.getMessage(), e);
      }
      batch.clear();
    }

    @Override
    public void close() throws Exception {
      connection.close();
    }
  }
}
