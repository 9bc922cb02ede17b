package io.shiftproof.chaincode;

import java.util.Properties;
import org.hyperledger.fabric.metrics.Metrics;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;
import org.hyperledger.fabric.traces.Traces;

/**
 * Runs {@link ShiftproofChaincode} as a chaincode service (CCaaS): the peers dial it at {@code
 * CHAINCODE_SERVER_ADDRESS}, and {@code CORE_CHAINCODE_ID_NAME} names the installed package. The
 * network script ({@code ledger/fabric-network/fabric.sh up}) starts it.
 */
public final class ShiftproofChaincodeService {
  private ShiftproofChaincodeService() {}

  public static void main(String[] args) throws Exception {
    if (System.getenv("CHAINCODE_SERVER_ADDRESS") == null) {
      System.err.println(
          "chaincode: CHAINCODE_SERVER_ADDRESS (host:port to listen on) is required");
      System.exit(2);
    }
    ShiftproofChaincode chaincode = new ShiftproofChaincode();
    // What ChaincodeBase.start does before dialling a peer; a chaincode service is dialled instead.
    chaincode.processEnvironmentOptions();
    Properties config = chaincode.getChaincodeConfig();
    Metrics.initialize(config);
    Traces.initialize(config);
    ChaincodeServerProperties properties = chaincode.getChaincodeServerConfig();
    ChaincodeServer server = new NettyChaincodeServer(chaincode, properties);
    server.start();
  }
}
