/**
 * Certificates and the files that hold them: the development CA and credential layout, PEM key and
 * certificate files, and the TLS contexts built from them. Built on the signature primitives of
 * {@code io.shiftproof.ledger.crypto}, never the other way round.
 */
package io.shiftproof.ledger.pki;
