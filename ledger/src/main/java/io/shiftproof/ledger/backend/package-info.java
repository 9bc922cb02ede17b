/**
 * Which ledger backend runs the hub's ledger ({@code ledger.kind}), and the one factory that opens
 * it for the hub and the working-time job alike.
 */
package io.shiftproof.ledger.backend;
