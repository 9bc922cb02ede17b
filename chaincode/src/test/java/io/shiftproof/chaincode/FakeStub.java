package io.shiftproof.chaincode;

import com.google.protobuf.ByteString;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * A peer's view of one transaction for the chaincode under test: the world state (shared between
 * transactions), the creator's MSP ID and certificate, the call, and the event it set. Only the
 * stub methods the chaincode uses are answered.
 */
final class FakeStub {
  final Map<String, byte[]> state = new TreeMap<>();
  String eventName;
  byte[] eventPayload;
  private int transactions;

  /** A transaction invoked by an identity of {@code mspId} whose certificate has {@code ou}. */
  ChaincodeStub call(String mspId, String ou, String function, String... args) throws Exception {
    transactions++;
    String txId = "tx-" + transactions;
    Instant timestamp = Instant.parse("2026-11-28T08:00:00Z").plusSeconds(transactions);
    byte[] creator =
        SerializedIdentity.newBuilder()
            .setMspid(mspId)
            .setIdBytes(ByteString.copyFromUtf8(pem(certificate("user@" + mspId, ou))))
            .build()
            .toByteArray();
    return (ChaincodeStub)
        Proxy.newProxyInstance(
            ChaincodeStub.class.getClassLoader(),
            new Class<?>[] {ChaincodeStub.class},
            (proxy, method, a) ->
                switch (method.getName()) {
                  case "getFunction" -> function;
                  case "getParameters" -> List.of(args);
                  case "getTxId" -> txId;
                  case "getTxTimestamp" -> timestamp;
                  case "getCreator" -> creator;
                  case "getState" -> state.get((String) a[0]);
                  case "putState" -> state.put((String) a[0], (byte[]) a[1]);
                  case "setEvent" -> {
                    eventName = (String) a[0];
                    eventPayload = (byte[]) a[1];
                    yield null;
                  }
                  case "createCompositeKey" -> new CompositeKey((String) a[0], (String[]) a[1]);
                  default ->
                      throw new UnsupportedOperationException(
                          "not used by the chaincode: " + method);
                });
  }

  private static X509Certificate certificate(String cn, String ou) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=" + cn + ",OU=" + ou + ",O=test");
    Date now = new Date();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    subject,
                    BigInteger.ONE,
                    now,
                    new Date(now.getTime() + 86_400_000L),
                    subject,
                    keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }

  private static String pem(X509Certificate certificate) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }
}
