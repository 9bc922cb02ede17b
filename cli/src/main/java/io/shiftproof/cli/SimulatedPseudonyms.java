package io.shiftproof.cli;

import io.shiftproof.platformclient.PlatformClient;
import io.shiftproof.simulator.SimulationConfig;
import java.net.URI;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;

/**
 * Gives every simulated worker a real VOPRF pseudonym from the hub the simulation pushes to: the
 * workers' synthetic national identifiers go through the platform client (blinded, evaluated by the
 * hub's and the regulator's shares, proofs checked, unblinded). One platform asks for all of them:
 * a pseudonym does not depend on which platform asks, so the others would get the same refs.
 */
final class SimulatedPseudonyms {
  private SimulatedPseudonyms() {}

  /** {@code simulation} with each worker's pseudonym as the hub's evaluators give it. */
  static SimulationConfig fromHub(
      SimulationConfig simulation, URI hub, SSLContext platformTls, PrivateKey platformKey) {
    List<String> ids =
        IntStream.range(0, simulation.workers()).mapToObj(simulation::nationalId).toList();
    List<String> refs = new PlatformClient(hub, platformTls, platformKey).workerRefs(ids);
    Map<Integer, String> byWorker = new HashMap<>();
    for (int worker = 0; worker < refs.size(); worker++) {
      byWorker.put(worker, refs.get(worker));
    }
    return simulation.toBuilder().workerRefs(byWorker).build();
  }

  /** The platform that asks for the simulation's pseudonyms: its first. */
  static String askingPlatform(SimulationConfig simulation) {
    return simulation.platforms().get(0).name();
  }
}
