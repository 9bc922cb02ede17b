/**
 * Simulated gig platforms for exercising the hub: {@link io.shiftproof.simulator.Simulation}
 * generates realistic multi-platform work as wire-format batches from a seed, {@link
 * io.shiftproof.simulator.BatchFileWriter} stores them and {@link
 * io.shiftproof.simulator.BatchPusher} posts them to a running hub as each platform would.
 */
package io.shiftproof.simulator;
