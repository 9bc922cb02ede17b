/** Insurer-signed claim decisions: signing them with an organisation's own key. */
package io.shiftproof.ledger.decision;
