package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.canonical.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first place two JSON trees differ, as {@code path: got X, want Y}, so a failed comparison of
 * a bundle part names the member that is wrong rather than printing both parts whole.
 */
final class JsonDifference {
  private static final int MAX_VALUE_LENGTH = 200;

  private JsonDifference() {}

  /** Where {@code got} first differs from {@code want}, or empty when they are equal. */
  static Optional<String> first(String path, Object got, Object want) {
    if (got instanceof Map<?, ?> g && want instanceof Map<?, ?> w) {
      Set<Object> names = new LinkedHashSet<>(w.keySet());
      names.addAll(g.keySet());
      for (Object name : names) {
        String at = path + "." + name;
        if (!g.containsKey(name)) {
          return Optional.of(at + ": got nothing, want " + text(w.get(name)));
        }
        if (!w.containsKey(name)) {
          return Optional.of(at + ": got " + text(g.get(name)) + ", want nothing");
        }
        Optional<String> inner = first(at, g.get(name), w.get(name));
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (got instanceof List<?> g && want instanceof List<?> w && g.size() == w.size()) {
      for (int i = 0; i < g.size(); i++) {
        Optional<String> inner = first(path + "[" + i + "]", g.get(i), w.get(i));
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (Arrays.equals(CanonicalJson.canonical(got), CanonicalJson.canonical(want))) {
      return Optional.empty();
    }
    return Optional.of(path + ": got " + text(got) + ", want " + text(want));
  }

  private static String text(Object value) {
    String json = new String(CanonicalJson.canonical(value), StandardCharsets.UTF_8);
    return json.length() > MAX_VALUE_LENGTH ? json.substring(0, MAX_VALUE_LENGTH) + "..." : json;
  }
}
