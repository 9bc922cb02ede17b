package io.shiftproof.ledger.fabric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.shiftproof.ledger.endorsement.EndorsedTransaction;
import io.shiftproof.ledger.endorsement.EndorsedTransactionReader;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reads a Fabric {@code ProcessedTransaction} (what {@code qscc GetTransactionByID} returns: the
 * transaction envelope and the committing peer's validation code) and checks each endorsement the
 * way a Fabric peer's validation does: the endorser's signature (ECDSA, SHA-256) over the proposal
 * response payload followed by the endorser's serialized identity, the endorser's certificate
 * issued by a root of the MSP it names, and the endorser a peer of that organisation (the {@code
 * peer} organisational unit, which {@code '<msp>.peer'} in the policy requires).
 */
public final class FabricTransactionReader implements EndorsedTransactionReader {
  /** The attestation type of a Fabric transaction in an evidence bundle. */
  public static final String TYPE = "fabric-processed-transaction";

  private static final String PEER_OU = "peer";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public EndorsedTransaction read(byte[] bytes, Map<String, List<X509Certificate>> mspRoots) {
    try {
      ProcessedTransaction processed = ProcessedTransaction.parseFrom(bytes);
      Envelope envelope = processed.getTransactionEnvelope();
      Payload payload = Payload.parseFrom(envelope.getPayload());
      ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      Transaction transaction = Transaction.parseFrom(payload.getData());
      if (transaction.getActionsCount() != 1) {
        throw new IllegalArgumentException(
            "transaction.actions: got " + transaction.getActionsCount() + ", want 1");
      }
      ChaincodeActionPayload action =
          ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
      ChaincodeEndorsedAction endorsed = action.getAction();
      ByteString responsePayload = endorsed.getProposalResponsePayload();
      ChaincodeAction chaincodeAction =
          ChaincodeAction.parseFrom(
              ProposalResponsePayload.parseFrom(responsePayload).getExtension());
      String chaincode = chaincodeAction.getChaincodeId().getName();
      List<EndorsedTransaction.Endorsement> endorsements = new ArrayList<>();
      for (Endorsement e : endorsed.getEndorsementsList()) {
        endorsements.add(endorsement(e, responsePayload, mspRoots));
      }
      TxValidationCode code = TxValidationCode.forNumber(processed.getValidationCode());
      return new EndorsedTransaction(
          header.getTxId(),
          header.getChannelId(),
          chaincode,
          code == null ? Integer.toString(processed.getValidationCode()) : code.name(),
          endorsements,
          writes(chaincodeAction, chaincode),
          events(chaincodeAction));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "not a Fabric processed transaction: " + e.getMessage(), e);
    }
  }

  private static EndorsedTransaction.Endorsement endorsement(
      Endorsement e, ByteString responsePayload, Map<String, List<X509Certificate>> mspRoots)
      throws InvalidProtocolBufferException {
    SerializedIdentity endorser = SerializedIdentity.parseFrom(e.getEndorser());
    String msp = endorser.getMspid();
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(endorser.getIdBytes().toByteArray()));
    } catch (CertificateException | RuntimeException ex) {
      return new EndorsedTransaction.Endorsement(
          msp, "", false, Optional.of("endorser: not an X.509 certificate"));
    }
    String subject = certificate.getSubjectX500Principal().getName();
    Optional<String> signature = signatureProblem(certificate, msp, e, responsePayload);
    return new EndorsedTransaction.Endorsement(
        msp,
        subject,
        signature.isEmpty(),
        signature.or(() -> membershipProblem(certificate, msp, mspRoots)));
  }

  private static Optional<String> signatureProblem(
      X509Certificate certificate, String msp, Endorsement e, ByteString responsePayload) {
    // Signed bytes as the peer's endorser makes them: proposal response payload, then endorser.
    byte[] signed = responsePayload.concat(e.getEndorser()).toByteArray();
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(signed);
      if (!verifier.verify(e.getSignature().toByteArray())) {
        return Optional.of(
            "signature: does not verify with the key of "
                + subject(certificate)
                + " ("
                + msp
                + ")");
      }
      return Optional.empty();
    } catch (GeneralSecurityException | RuntimeException ex) {
      return Optional.of("signature: cannot be checked (" + ex.getMessage() + ")");
    }
  }

  private static Optional<String> membershipProblem(
      X509Certificate certificate, String msp, Map<String, List<X509Certificate>> mspRoots) {
    List<X509Certificate> roots = mspRoots.getOrDefault(msp, List.of());
    if (roots.isEmpty()) {
      return Optional.of(
          "endorser: MSP " + msp + " is not one of the trusted organisations " + mspRoots.keySet());
    }
    boolean issued = roots.stream().anyMatch(root -> issuedBy(certificate, root));
    if (!issued) {
      return Optional.of(
          "endorser: certificate "
              + subject(certificate)
              + " is not issued by a root of MSP "
              + msp);
    }
    if (!organisationalUnits(certificate).contains(PEER_OU)) {
      return Optional.of(
          "endorser: " + subject(certificate) + " is not a peer of " + msp + " (no OU=peer)");
    }
    return Optional.empty();
  }

  private static boolean issuedBy(X509Certificate certificate, X509Certificate root) {
    if (!certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(root.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> organisationalUnits(X509Certificate certificate) {
    try {
      List<String> units = new ArrayList<>();
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("OU")) {
          units.add(rdn.getValue().toString());
        }
      }
      return units;
    } catch (InvalidNameException e) {
      return List.of();
    }
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  private static Map<String, byte[]> writes(ChaincodeAction action, String chaincode)
      throws InvalidProtocolBufferException {
    Map<String, byte[]> writes = new LinkedHashMap<>();
    TxReadWriteSet results = TxReadWriteSet.parseFrom(action.getResults());
    for (NsReadWriteSet ns : results.getNsRwsetList()) {
      if (!ns.getNamespace().equals(chaincode)) {
        continue;
      }
      for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
        if (!write.getIsDelete()) {
          writes.put(write.getKey(), write.getValue().toByteArray());
        }
      }
    }
    return writes;
  }

  private static Map<String, byte[]> events(ChaincodeAction action)
      throws InvalidProtocolBufferException {
    if (action.getEvents().isEmpty()) {
      return Map.of();
    }
    ChaincodeEvent event = ChaincodeEvent.parseFrom(action.getEvents());
    return Map.of(event.getEventName(), event.getPayload().toByteArray());
  }
}
