package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.canonical.JsonTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A value inside a parsed bundle with its path ({@code records[0].leafIndex}), so that a member of
 * the wrong shape is reported where it is, in the form {@code path: got X, want Y}.
 */
record BundleNode(String path, Object value) {

  static BundleNode root(Object value) {
    return new BundleNode("", value);
  }

  /** The required member {@code name} of this object. */
  BundleNode member(String name) {
    Map<?, ?> members = object();
    String where = path.isEmpty() ? name : path + "." + name;
    if (!members.containsKey(name)) {
      throw new MalformedBundleException(where + ": got nothing, want a value");
    }
    return new BundleNode(where, members.get(name));
  }

  Map<?, ?> object() {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw wrongType("an object");
  }

  List<BundleNode> items() {
    if (!(value instanceof List<?> list)) {
      throw wrongType("an array");
    }
    List<BundleNode> items = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      items.add(new BundleNode(path + "[" + i + "]", list.get(i)));
    }
    return items;
  }

  String string() {
    if (value instanceof String s) {
      return s;
    }
    throw wrongType("a string");
  }

  long integer() {
    if (value instanceof BigInteger n && n.bitLength() < 64) {
      return n.longValue();
    }
    throw wrongType("an integer");
  }

  boolean isNull() {
    return value == JsonTree.NULL;
  }

  private MalformedBundleException wrongType(String want) {
    String got =
        value instanceof String s
            ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\""
            : value instanceof Map<?, ?>
                ? "an object"
                : value instanceof List<?> ? "an array" : String.valueOf(value);
    return new MalformedBundleException(
        (path.isEmpty() ? "bundle" : path) + ": got " + got + ", want " + want);
  }
}
