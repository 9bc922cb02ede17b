package io.shiftproof.ledger.endorsement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The channel's endorsement policy for anchors and access-log entries, {@code AND('hub.peer',
 * OR('insurer-1.peer', 'insurer-2.peer'))}: a verified endorsement of the hub's organisation and
 * one of any other organisation the reader trusts. The reader's trusted roots, not the bundle, say
 * which organisations there are.
 *
 * @param hubMspId the hub's organisation
 * @param others the organisations of which one must endorse besides the hub
 */
public record EndorsementPolicy(String hubMspId, Set<String> others) {
  public EndorsementPolicy {
    Objects.requireNonNull(hubMspId, "hubMspId");
    others = Set.copyOf(others);
    if (others.contains(hubMspId)) {
      throw new IllegalArgumentException("others: got the hub's " + hubMspId + ", want insurers");
    }
  }

  /** The policy over the trusted organisations: the hub and one of the rest. */
  public static EndorsementPolicy hubAndOneOf(String hubMspId, Set<String> trusted) {
    Set<String> others = new TreeSet<>(trusted);
    others.remove(hubMspId);
    return new EndorsementPolicy(hubMspId, others);
  }

  /** Why the verified endorsements do not satisfy the policy, if they do not. */
  public Optional<String> unmet(List<EndorsedTransaction.Endorsement> endorsements) {
    Set<String> verified = new LinkedHashSet<>();
    for (EndorsedTransaction.Endorsement e : endorsements) {
      if (e.verified()) {
        verified.add(e.mspId());
      }
    }
    boolean hub = verified.contains(hubMspId);
    boolean other = verified.stream().anyMatch(others::contains);
    if (hub && other) {
      return Optional.empty();
    }
    return Optional.of(
        "endorsed by: got "
            + (verified.isEmpty() ? "no organisation" : String.join(", ", verified))
            + ", want "
            + describe());
  }

  /** The policy as Fabric writes it. */
  public String describe() {
    return "AND('"
        + hubMspId
        + ".peer', OR("
        + String.join(", ", others.stream().sorted().map(o -> "'" + o + ".peer'").toList())
        + "))";
  }
}
