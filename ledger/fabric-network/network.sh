# The local Fabric network: sourced by fabric.sh, which has found the Fabric programs.
#
# Everything lives under FABRIC_NETWORK_DIR (default: target/fabric-network in the repository):
# crypto material, channel block, ledgers, logs and one PID file per process. Ports start at
# FABRIC_PORT_BASE (default 27050): the orderer at +0 (admin +1, operations +2), the peers of
# hub, insurer-1 and insurer-2 at +10, +20, +30 (chaincode +1, operations +2), and each
# organisation's own chaincode service at +40, +41, +42.

repo_root="$(cd "$here/../.." && pwd)"
NET="${FABRIC_NETWORK_DIR:-$repo_root/target/fabric-network}"
BASE="${FABRIC_PORT_BASE:-27050}"
CHANNEL="${FABRIC_CHANNEL:-shiftproof}"
CHAINCODE="${FABRIC_CHAINCODE:-shiftproof}"
CC_LABEL="${CHAINCODE}_1"
# Anchors need the hub and at least one insurer. A claim decision is endorsed by the deciding
# insurer and the hub, the organisations the Fabric ledger asks to endorse it.
ENDORSEMENT="AND('hub.peer',OR('insurer-1.peer','insurer-2.peer'))"
ORGS=(hub insurer-1 insurer-2)
DOMAIN=shiftproof.test

org_index() { case "$1" in hub) echo 1 ;; insurer-1) echo 2 ;; insurer-2) echo 3 ;; esac; }
peer_port() { echo $((BASE + 10 * $(org_index "$1"))); }
orderer_port() { echo "$BASE"; }
orderer_admin_port() { echo $((BASE + 1)); }
chaincode_port() { echo $((BASE + 39 + $(org_index "$1"))); }
org_dir() { echo "$NET/crypto/peerOrganizations/$1.$DOMAIN"; }
peer_tls_ca() { echo "$(org_dir "$1")/peers/peer0.$1.$DOMAIN/tls/ca.crt"; }
orderer_dir() { echo "$NET/crypto/ordererOrganizations/orderer.$DOMAIN/orderers/orderer0.orderer.$DOMAIN"; }
orderer_ca() { echo "$(orderer_dir)/tls/ca.crt"; }

fabric_config_dir() {
  local bin="$1" d
  for d in "${FABRIC_CFG:-}" "$bin/../config" "$bin/../sampleconfig"; do
    [ -n "$d" ] && [ -f "$d/core.yaml" ] && [ -f "$d/orderer.yaml" ] && { (cd "$d" && pwd); return; }
  done
  die "no Fabric core.yaml/orderer.yaml beside $bin: set FABRIC_CFG to Fabric's sampleconfig"
}

pid_file() { echo "$NET/pids/$1.pid"; }
running() { local f; f="$(pid_file "$1")"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# start NAME COMMAND...: runs COMMAND in the background with its log and PID file.
start() {
  local name="$1"; shift
  running "$name" && return 0
  mkdir -p "$NET/pids" "$NET/logs"
  nohup "$@" >>"$NET/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

stop() {
  local name="$1" f pid i
  f="$(pid_file "$name")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

wait_port() {
  local port="$1" what="$2" i
  for i in $(seq 1 150); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  die "$what did not listen on port $port (see $NET/logs)"
}

generate_crypto() {
  cat >"$NET/crypto-config.yaml" <<YAML
OrdererOrgs:
  - Name: orderer
    Domain: orderer.$DOMAIN
    EnableNodeOUs: true
    Specs:
      - Hostname: orderer0
        SANS: [localhost, 127.0.0.1]
PeerOrgs:
YAML
  local org
  for org in "${ORGS[@]}"; do
    cat >>"$NET/crypto-config.yaml" <<YAML
  - Name: $org
    Domain: $org.$DOMAIN
    EnableNodeOUs: true
    Template:
      Count: 1
      SANS: [localhost, 127.0.0.1]
    Users:
      Count: 1
YAML
  done
  "$BIN/cryptogen" generate --config="$NET/crypto-config.yaml" --output="$NET/crypto" >/dev/null
}

generate_channel_block() {
  local org cfg="$NET/configtx"
  mkdir -p "$cfg"
  {
    cat <<YAML
Organizations:
  - &orderer
    Name: orderer
    ID: orderer
    MSPDir: $NET/crypto/ordererOrganizations/orderer.$DOMAIN/msp
    OrdererEndpoints: [127.0.0.1:$(orderer_port)]
    Policies:
      Readers: {Type: Signature, Rule: "OR('orderer.member')"}
      Writers: {Type: Signature, Rule: "OR('orderer.member')"}
      Admins: {Type: Signature, Rule: "OR('orderer.admin')"}
YAML
    for org in "${ORGS[@]}"; do
      cat <<YAML
  - &$org
    Name: $org
    ID: $org
    MSPDir: $(org_dir "$org")/msp
    Policies:
      Readers: {Type: Signature, Rule: "OR('$org.admin', '$org.peer', '$org.client')"}
      Writers: {Type: Signature, Rule: "OR('$org.admin', '$org.client')"}
      Admins: {Type: Signature, Rule: "OR('$org.admin')"}
      Endorsement: {Type: Signature, Rule: "OR('$org.peer')"}
    AnchorPeers:
      - {Host: 127.0.0.1, Port: $(peer_port "$org")}
YAML
    done
    cat <<YAML
Capabilities:
  Channel: &channel_caps {V2_0: true}
  Orderer: &orderer_caps {V2_0: true}
  Application: &application_caps {V2_5: true}
Profiles:
  Shiftproof:
    Policies:
      Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
      Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
      Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
    Capabilities: *channel_caps
    Orderer:
      OrdererType: etcdraft
      Addresses: [127.0.0.1:$(orderer_port)]
      EtcdRaft:
        Consenters:
          - Host: 127.0.0.1
            Port: $(orderer_port)
            ClientTLSCert: $(orderer_dir)/tls/server.crt
            ServerTLSCert: $(orderer_dir)/tls/server.crt
      BatchTimeout: 250ms
      BatchSize: {MaxMessageCount: 100, AbsoluteMaxBytes: 10 MB, PreferredMaxBytes: 2 MB}
      Organizations: [*orderer]
      Policies:
        Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
        Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
        Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
        BlockValidation: {Type: ImplicitMeta, Rule: "ANY Writers"}
      Capabilities: *orderer_caps
    Application:
      Organizations: [*hub, *insurer-1, *insurer-2]
      Policies:
        Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
        Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
        Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
        LifecycleEndorsement: {Type: ImplicitMeta, Rule: "MAJORITY Endorsement"}
        Endorsement: {Type: ImplicitMeta, Rule: "MAJORITY Endorsement"}
      Capabilities: *application_caps
YAML
  } >"$cfg/configtx.yaml"
  FABRIC_CFG_PATH="$cfg" "$BIN/configtxgen" -profile Shiftproof -channelID "$CHANNEL" \
    -outputBlock "$NET/$CHANNEL.block" 2>>"$NET/logs/configtxgen.log"
}

# Waits until the orderer that has just started has a Raft leader again (a restarted single-node
# cluster needs a few seconds), so that the first transaction after `up` is ordered.
wait_leader() {
  local before="$1" i
  for i in $(seq 1 100); do
    [ "$(grep -c 'Raft leader changed' "$NET/logs/orderer.log" 2>/dev/null)" -gt "$before" ] && return 0
    sleep 0.2
  done
  die "the orderer elected no Raft leader (see $NET/logs/orderer.log)"
}

start_orderer() {
  local d leaders; d="$(orderer_dir)"
  mkdir -p "$NET/orderer"
  running orderer && return 0
  leaders="$(grep -c 'Raft leader changed' "$NET/logs/orderer.log" 2>/dev/null || true)"
  start orderer env FABRIC_CFG_PATH="$CFG" \
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 ORDERER_GENERAL_LISTENPORT="$(orderer_port)" \
    ORDERER_GENERAL_LOCALMSPID=orderer ORDERER_GENERAL_LOCALMSPDIR="$d/msp" \
    ORDERER_GENERAL_TLS_ENABLED=true ORDERER_GENERAL_TLS_PRIVATEKEY="$d/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$d/tls/server.crt" ORDERER_GENERAL_TLS_ROOTCAS="[$d/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$d/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$d/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$d/tls/ca.crt]" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$(orderer_admin_port)" ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_CERTIFICATE="$d/tls/server.crt" ORDERER_ADMIN_TLS_PRIVATEKEY="$d/tls/server.key" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$d/tls/ca.crt]" ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$d/tls/ca.crt]" \
    ORDERER_FILELEDGER_LOCATION="$NET/orderer/ledger" \
    ORDERER_CONSENSUS_WALDIR="$NET/orderer/etcdraft/wal" ORDERER_CONSENSUS_SNAPDIR="$NET/orderer/etcdraft/snapshot" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$((BASE + 2))" ORDERER_METRICS_PROVIDER=disabled \
    "$BIN/orderer"
  wait_port "$(orderer_port)" orderer
  wait_port "$(orderer_admin_port)" "orderer admin"
  # A new network has no channel yet: its leader is elected once the orderer joins it.
  [ -f "$NET/ready" ] && wait_leader "${leaders:-0}"
  return 0
}

write_peer_config() {
  local org="$1" cfg="$NET/peers/$org/config"
  mkdir -p "$cfg"
  # The sample core.yaml with the project's own chaincode-service builder in place of the
  # one the Fabric container images carry.
  sed -e "s#name: ccaas_builder#name: shiftproof-ccaas#" \
      -e "s#path: /opt/hyperledger/ccaas_builder#path: $here/ccaas-builder#" \
      "$CFG/core.yaml" >"$cfg/core.yaml"
}

# The number of gossip "current view" lines in each started peer's log before it started: a peer
# is ready for the gateway's endorsement plans once a later line shows the other peers.
declare -A VIEWS_BEFORE=()

start_peer() {
  local org="$1" port d
  running "peer-$org" && return 0
  VIEWS_BEFORE[$org]="$(grep -c 'current view' "$NET/logs/peer-$org.log" 2>/dev/null || true)"
  port="$(peer_port "$org")"
  d="$(org_dir "$org")/peers/peer0.$org.$DOMAIN"
  write_peer_config "$org"
  start "peer-$org" env FABRIC_CFG_PATH="$NET/peers/$org/config" \
    CORE_PEER_ID="peer0.$org.$DOMAIN" CORE_PEER_NETWORKID=shiftproof \
    CORE_PEER_LISTENADDRESS="127.0.0.1:$port" CORE_PEER_ADDRESS="127.0.0.1:$port" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$port" CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$port" \
    CORE_PEER_GOSSIP_ALIVETIMEINTERVAL=1s CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT=5s \
    CORE_PEER_GOSSIP_RECONNECTINTERVAL=2s CORE_PEER_GOSSIP_MEMBERSHIPTRACKERINTERVAL=1s \
    CORE_PEER_LOCALMSPID="$org" CORE_PEER_MSPCONFIGPATH="$d/msp" \
    CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_CERT_FILE="$d/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$d/tls/server.key" CORE_PEER_TLS_ROOTCERT_FILE="$d/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$NET/peers/$org/data" CORE_LEDGER_SNAPSHOTS_ROOTDIR="$NET/peers/$org/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$((port + 2))" CORE_METRICS_PROVIDER=disabled \
    CORE_VM_ENDPOINT= CORE_CHAINCODE_MODE=net CORE_CHAINCODE_STARTUPTIMEOUT=30s CORE_CHAINCODE_EXECUTETIMEOUT=30s \
    "$BIN/peer" node start
  wait_port "$port" "peer of $org"
}

# Waits until every peer started by this call sees the other organisations' peers: until then
# its gateway finds no peers to satisfy the endorsement policy. The peers' gossip runs on short
# intervals (alive every second, a peer gone after 5 s) so that this, and noticing a killed peer,
# takes seconds rather than Fabric's default half minute.
wait_membership() {
  local org other i line ok
  for org in "${!VIEWS_BEFORE[@]}"; do
    for i in $(seq 1 150); do
      # No view logged yet is no error: grep's status must not end the script (set -e, pipefail).
      line="$({ grep 'current view' "$NET/logs/peer-$org.log" 2>/dev/null || true; } \
        | tail -n +"$((${VIEWS_BEFORE[$org]:-0} + 1))" | tail -n 1)"
      ok=1
      for other in "${ORGS[@]}"; do
        [ "$other" = "$org" ] && continue
        case "$line" in *"127.0.0.1:$(peer_port "$other") "*) ;; *) ok=0 ;; esac
      done
      [ "$ok" = 1 ] && break
      [ "$i" = 150 ] && die "peer of $org does not see the other peers (see $NET/logs/peer-$org.log)"
      sleep 0.4
    done
  done
}

# as_admin ORG COMMAND...: runs a peer CLI command as ORG's administrator against its peer.
as_admin() {
  local org="$1"; shift
  env FABRIC_CFG_PATH="$NET/peers/$org/config" CORE_PEER_LOCALMSPID="$org" \
    CORE_PEER_MSPCONFIGPATH="$(org_dir "$org")/users/Admin@$org.$DOMAIN/msp" \
    CORE_PEER_ADDRESS="127.0.0.1:$(peer_port "$org")" CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$org")" "$@"
}

join_channel() {
  local d org i
  d="$(orderer_dir)"
  "$BIN/osnadmin" channel join --channelID "$CHANNEL" --config-block "$NET/$CHANNEL.block" \
    -o "127.0.0.1:$(orderer_admin_port)" --ca-file "$d/tls/ca.crt" \
    --client-cert "$d/tls/server.crt" --client-key "$d/tls/server.key" >>"$NET/logs/osnadmin.log" 2>&1
  for org in "${ORGS[@]}"; do
    for i in $(seq 1 20); do
      as_admin "$org" "$BIN/peer" channel join -b "$NET/$CHANNEL.block" >>"$NET/logs/setup.log" 2>&1 && break
      [ "$i" = 20 ] && die "peer of $org could not join $CHANNEL (see $NET/logs/setup.log)"
      sleep 1
    done
  done
}

# Each organisation runs its own chaincode service, as organisations do: one Java chaincode
# server shared by several peers mixes up the messages of a transaction that two of them endorse
# at once (they carry the same transaction ID). The packages differ only in the address, so each
# organisation installs its own package under the one chaincode definition they all approve.
package_chaincode() {
  local org pkg
  for org in "${ORGS[@]}"; do
    pkg="$NET/chaincode/$org"
    mkdir -p "$pkg/src"
    cat >"$pkg/src/connection.json" <<JSON
{"address": "127.0.0.1:$(chaincode_port "$org")", "dial_timeout": "10s", "tls_required": false}
JSON
    echo "{\"type\": \"ccaas\", \"label\": \"$CC_LABEL\"}" >"$pkg/src/metadata.json"
    tar -C "$pkg/src" -czf "$pkg/src/code.tar.gz" connection.json
    tar -C "$pkg/src" -czf "$pkg/$CHAINCODE.tgz" metadata.json code.tar.gz
    FABRIC_CFG_PATH="$CFG" "$BIN/peer" lifecycle chaincode calculatepackageid "$pkg/$CHAINCODE.tgz" >"$pkg/package-id"
  done
}

# The chaincode service's class path, with the project's own classes copied under the network
# directory so that a rebuild of the repository never changes the classes of a running service.
chaincode_classpath() {
  local cp="$repo_root/chaincode/target/runtime-classpath.txt" lib="$NET/chaincode/lib" entry out=()
  if [ ! -f "$cp" ] || [ ! -d "$repo_root/chaincode/target/classes" ]; then
    log "building the chaincode module"
    (cd "$repo_root" && mvn -B -q -pl chaincode -am -DskipTests package) >&2
  fi
  rm -rf "$lib" && mkdir -p "$lib"
  cp -r "$repo_root/chaincode/target/classes" "$lib/classes"
  out+=("$lib/classes")
  while IFS= read -r entry; do
    case "$entry" in
      "$repo_root"/*) cp -r "$entry" "$lib/" && out+=("$lib/$(basename "$entry")") ;;
      *) out+=("$entry") ;;
    esac
  done < <(tr ':' '\n' <"$cp")
  (IFS=:; echo "${out[*]}")
}

# True when the chaincode classes were built after the running service of organisation $1 started.
chaincode_outdated() {
  local since; since="$(pid_file "chaincode-$1")"
  [ -n "$(find "$repo_root/chaincode/target/classes" "$repo_root/ledger/target/classes" \
    -newer "$since" -type f -print -quit 2>/dev/null)" ]
}

start_chaincodes() {
  local org classpath=""
  for org in "${ORGS[@]}"; do
    if running "chaincode-$org" && chaincode_outdated "$org"; then
      log "restarting $org's chaincode service on its newer classes"
      stop "chaincode-$org"
    fi
  done
  for org in "${ORGS[@]}"; do
    running "chaincode-$org" && continue
    [ -n "$classpath" ] || classpath="$(chaincode_classpath)"
    start "chaincode-$org" env CHAINCODE_SERVER_ADDRESS="127.0.0.1:$(chaincode_port "$org")" \
      CORE_CHAINCODE_ID_NAME="$(cat "$NET/chaincode/$org/package-id")" \
      java ${SHIFTPROOF_CHAINCODE_JAVA_OPTS:--Xmx192m} -cp "$classpath" \
      io.shiftproof.chaincode.ShiftproofChaincodeService
  done
  for org in "${ORGS[@]}"; do wait_port "$(chaincode_port "$org")" "$org's chaincode service"; done
}

deploy_chaincode() {
  local org peers=() common
  common=(--channelID "$CHANNEL" --name "$CHAINCODE" --version 1 --sequence 1
    --signature-policy "$ENDORSEMENT" -o "127.0.0.1:$(orderer_port)" --tls --cafile "$(orderer_ca)")
  for org in "${ORGS[@]}"; do
    as_admin "$org" "$BIN/peer" lifecycle chaincode install "$NET/chaincode/$org/$CHAINCODE.tgz" >>"$NET/logs/setup.log" 2>&1 \
      || die "installing the chaincode on $org's peer failed (see $NET/logs/setup.log)"
    as_admin "$org" "$BIN/peer" lifecycle chaincode approveformyorg "${common[@]}" \
      --package-id "$(cat "$NET/chaincode/$org/package-id")" \
      >>"$NET/logs/setup.log" 2>&1 || die "$org could not approve the chaincode (see $NET/logs/setup.log)"
    peers+=(--peerAddresses "127.0.0.1:$(peer_port "$org")" --tlsRootCertFiles "$(peer_tls_ca "$org")")
  done
  as_admin hub "$BIN/peer" lifecycle chaincode commit "${common[@]}" "${peers[@]}" >>"$NET/logs/setup.log" 2>&1 \
    || die "committing the chaincode definition failed (see $NET/logs/setup.log)"
}

# The network's connection settings, for the Fabric ledger and the hub.
write_connection() {
  local org
  {
    echo "channel=$CHANNEL"
    echo "chaincode=$CHAINCODE"
    echo "orderer.address=127.0.0.1:$(orderer_port)"
    echo "orderer.tlsCa=$(orderer_ca)"
    for org in "${ORGS[@]}"; do
      local u="$(org_dir "$org")/users"
      echo "$org.peer=127.0.0.1:$(peer_port "$org")"
      echo "$org.peerHostOverride=peer0.$org.$DOMAIN"
      echo "$org.tlsCa=$(peer_tls_ca "$org")"
      echo "$org.mspRootCa=$(org_dir "$org")/msp/cacerts/ca.$org.$DOMAIN-cert.pem"
      echo "$org.admin.cert=$u/Admin@$org.$DOMAIN/msp/signcerts/Admin@$org.$DOMAIN-cert.pem"
      echo "$org.admin.keyDir=$u/Admin@$org.$DOMAIN/msp/keystore"
      echo "$org.client.cert=$u/User1@$org.$DOMAIN/msp/signcerts/User1@$org.$DOMAIN-cert.pem"
      echo "$org.client.keyDir=$u/User1@$org.$DOMAIN/msp/keystore"
    done
  } >"$NET/connection.properties"
}

start_processes() {
  local org
  start_orderer
  for org in "${ORGS[@]}"; do start_peer "$org"; done
}

network_up() {
  BIN="$(fabric_bin)"
  CFG="$(fabric_config_dir "$BIN")"
  local t0=$SECONDS org
  # A network made before each organisation had its own chaincode service is made anew.
  if [ -f "$NET/ready" ] && [ -f "$NET/chaincode/hub/package-id" ]; then
    start_processes
    start_chaincodes
    wait_membership
    log "network reused in $NET ($((SECONDS - t0)) s)"
  else
    network_stop_all
    stop chaincode
    rm -rf "$NET"
    mkdir -p "$NET/logs"
    generate_crypto
    generate_channel_block
    start_processes
    join_channel
    package_chaincode
    start_chaincodes
    deploy_chaincode
    write_connection
    wait_membership
    touch "$NET/ready"
    log "network up in $NET ($((SECONDS - t0)) s)"
  fi
  echo "$NET/connection.properties"
}

network_stop_all() {
  local org
  for org in "${ORGS[@]}"; do stop "chaincode-$org"; done
  for org in "${ORGS[@]}"; do stop "peer-$org"; done
  stop orderer
}

network_down() { network_stop_all; log "network stopped (its state stays in $NET)"; }

network_clean() { network_stop_all; rm -rf "$NET"; log "network removed"; }

network_status() {
  local name state=0
  for name in orderer peer-hub peer-insurer-1 peer-insurer-2 chaincode-hub chaincode-insurer-1 \
    chaincode-insurer-2; do
    if running "$name"; then echo "$name: running (pid $(cat "$(pid_file "$name")"))"
    else echo "$name: stopped"; state=3; fi
  done
  return "$state"
}
