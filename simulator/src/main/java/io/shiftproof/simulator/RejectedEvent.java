package io.shiftproof.simulator;

/**
 * One event the hub refused inside an otherwise accepted batch, as its response reported it.
 *
 * @param platform the platform that sent it
 * @param batchId the batch it came in
 * @param index position of the event in the batch
 * @param code the hub's stable error code
 * @param message the hub's readable explanation
 */
public record RejectedEvent(
    String platform, String batchId, int index, String code, String message) {}
