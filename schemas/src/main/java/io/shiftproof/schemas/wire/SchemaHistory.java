package io.shiftproof.schemas.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of one Avro schema, in an Avro {@link SchemaStore} that finds them by
 * fingerprint, so that data written by an old client or job still decodes. The versions are the
 * resources {@code avro-history/<Name>/v1.avsc}, {@code v2.avsc}, ..., each self-contained as it
 * was released; {@code SchemaCompatibilityTest} keeps them and the current schema fully compatible.
 */
final class SchemaHistory {
  static final String RESOURCE_ROOT = "/avro-history/";

  private final String name;
  private final Schema current;
  private final long currentFingerprint;
  private final SchemaStore.Cache store = new SchemaStore.Cache();

  private SchemaHistory(String name, Schema current, List<Schema> released) {
    this.name = name;
    this.current = current;
    this.currentFingerprint = SingleObjectEncoding.fingerprint(current);
    released.forEach(store::addSchema);
    // Last, so that for a fingerprint shared with a released file the current schema is the one
    // found: the two share the canonical form and differ at most in what it leaves out (docs).
    store.addSchema(current);
  }

  /** The released versions of {@code name} plus the current schema (which writes). */
  static SchemaHistory load(String name, Schema current) {
    return of(name, current, released(name));
  }

  /** A history of explicitly given released versions, plus the current schema. */
  static SchemaHistory of(String name, Schema current, List<Schema> released) {
    return new SchemaHistory(name, current, released);
  }

  /** The released versions of {@code name} found on the class path, oldest first. */
  static List<Schema> released(String name) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      String path = RESOURCE_ROOT + name + "/v" + v + ".avsc";
      try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    return versions;
  }

  /** The record type's name, e.g. {@code DayRecord}. */
  String name() {
    return name;
  }

  Schema current() {
    return current;
  }

  long currentFingerprint() {
    return currentFingerprint;
  }

  /** Every known version by fingerprint, as Avro's {@code BinaryMessageDecoder} can take it. */
  SchemaStore store() {
    return store;
  }

  /** The writer schema of a fingerprint, or {@code null} if no released version has it. */
  Schema writerOrNull(long fingerprint) {
    return store.findByFingerprint(fingerprint);
  }
}
