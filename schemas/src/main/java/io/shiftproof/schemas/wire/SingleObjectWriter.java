package io.shiftproof.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes datums of one schema in single-object encoding, reusing a per-thread buffer and encoder
 * because encoding runs once per event on the ingest and stream paths.
 */
final class SingleObjectWriter<T> {
  /** Buffers that grew beyond this (a huge batch) are dropped rather than kept per thread. */
  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  private final DatumWriter<T> writer;
  private final byte[] header = new byte[SingleObjectEncoding.HEADER_LENGTH];
  private final ThreadLocal<Output> output = ThreadLocal.withInitial(Output::new);

  SingleObjectWriter(Schema schema, SpecificData model) {
    this.writer = new SpecificDatumWriter<>(schema, model);
    SingleObjectEncoding.writeHeader(header, SingleObjectEncoding.fingerprint(schema));
  }

  byte[] write(T datum) {
    Output out = output.get();
    try {
      out.bytes.reset();
      out.bytes.write(header);
      out.encoder = EncoderFactory.get().binaryEncoder(out.bytes, out.encoder);
      writer.write(datum, out.encoder);
      out.encoder.flush();
      return out.bytes.toByteArray();
    } catch (IOException e) {
      // Writing to memory does not fail; an IOException here is a bug.
      throw new UncheckedIOException(e);
    } finally {
      if (out.bytes.capacity() > MAX_RETAINED_BUFFER) {
        output.remove();
      }
    }
  }

  private static final class Output {
    final ExposedBuffer bytes = new ExposedBuffer();
    BinaryEncoder encoder;
  }

  private static final class ExposedBuffer extends ByteArrayOutputStream {
    ExposedBuffer() {
      super(512);
    }

    int capacity() {
      return buf.length;
    }

    @Override
    public synchronized byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }
  }
}
