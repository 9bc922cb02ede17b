package io.shiftproof.ledger.contract;

import io.shiftproof.ledger.crypto.SignatureContext;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Checks an insurer's decision signature with the JDK alone (the contract must run as chaincode
 * without the project's crypto package): the certificate names the deciding insurer, and the
 * signature over the decision verifies with the certificate's key. Whether the certificate was
 * issued by the hub's CA is for the submitting party to check (the gateway takes it from the
 * caller's verified TLS session) and for any later reader, who holds the CA certificate.
 */
final class DecisionSignatures {
  private DecisionSignatures() {}

  /** Refuses the decision unless its certificate names its insurer and its signature verifies. */
  static void verify(SignedDecision signed) {
    X509Certificate certificate = certificate(signed.signerCertificate());
    String decidedBy = signed.decision().decidedBy();
    Subject subject = subject(certificate.getSubjectX500Principal());
    if (!subject.commonNames().equals(List.of(decidedBy))
        || !subject.units().contains(ContractRoles.INSURER)) {
      throw new ContractException(
          ContractError.SIGNATURE_INVALID,
          "signerCertificate: got subject "
              + certificate.getSubjectX500Principal().getName()
              + ", want CN="
              + decidedBy
              + " and OU=insurer (the deciding insurer's own certificate)");
    }
    byte[] signature = base64("signature", signed.signature());
    boolean valid;
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(certificate.getPublicKey());
      ecdsa.update(signed.decision().signedBytes());
      valid = ecdsa.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      valid = false;
    }
    if (!valid) {
      throw new ContractException(
          ContractError.SIGNATURE_INVALID,
          "signature: does not verify with the certificate of "
              + ContractArguments.quoted(decidedBy)
              + " over the decision; sign \""
              + SignatureContext.CLAIM_DECISION.context()
              + "\", a zero byte and the canonical decision with the insurer's own key");
    }
  }

  private static X509Certificate certificate(String base64) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(base64("signerCertificate", base64)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw ContractArguments.invalid(
          "signerCertificate", "bytes that are not a certificate", "a DER X.509 certificate");
    }
  }

  private static byte[] base64(String field, String value) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw ContractArguments.invalid(field, ContractArguments.quoted(value), "base64");
    }
  }

  private record Subject(List<String> commonNames, List<String> units) {}

  private static Subject subject(X500Principal principal) {
    List<String> commonNames = new ArrayList<>();
    List<String> units = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
          commonNames.add(cn);
        } else if (rdn.getType().equalsIgnoreCase("OU") && rdn.getValue() instanceof String ou) {
          units.add(ou);
        }
      }
    } catch (InvalidNameException e) {
      // The JDK's RFC 2253 output always parses; an empty subject then matches nobody.
    }
    return new Subject(commonNames, units);
  }
}
