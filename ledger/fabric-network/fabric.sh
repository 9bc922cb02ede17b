#!/usr/bin/env bash
# The local Hyperledger Fabric network of the project: the Fabric programs, found or built,
# and a native multi-organisation network (an orderer organisation with one Raft orderer,
# a peer each for the hub, insurer-1 and insurer-2, TLS everywhere) running the Shiftproof
# chaincode as a chaincode service.
#
#   fabric.sh build    find or build peer, orderer, configtxgen, osnadmin; print their directory
#   fabric.sh up       start the network (a second `up` reuses a running or stopped one)
#   fabric.sh down     stop every process of the network, by PID
#   fabric.sh status   say what runs
#   fabric.sh clean    stop and remove the network's state
#
# Where the programs come from, in this order: FABRIC_BIN (a directory of prebuilt binaries),
# the cache FABRIC_CACHE (default ~/.cache/shiftproof/fabric/2.5.16/bin), a build from
# FABRIC_SRC (a source tarball, checked against its .sha256, or a checkout), else
# `go install` by the release commit from the Go module proxy.
set -Eeuo pipefail
# A command that fails unchecked ends the script; say which, so the failure is never silent.
trap 'echo "fabric: failed (status $?) at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND" >&2' ERR

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FABRIC_VERSION=2.5.16
FABRIC_COMMIT=f871cf92a026aba7b12e6f06d71ded3e6e659d71
FABRIC_SHA256=d430622e684afc8e98cab741eb230666a5e84d879e74aefb64cc023dd48a4797
FABRIC_CACHE="${FABRIC_CACHE:-$HOME/.cache/shiftproof/fabric/$FABRIC_VERSION/bin}"
# cryptogen makes the MSP and TLS material of the local network.
PROGRAMS=(peer orderer configtxgen osnadmin cryptogen)

log() { echo "fabric: $*" >&2; }
die() { echo "fabric: $*" >&2; exit 1; }

# The cache holds programs of one Fabric commit, which a stamp beside them names.
stamp() { echo "$(dirname "$FABRIC_CACHE")/built-from"; }

cache_valid() {
  has_programs "$FABRIC_CACHE" && [ "$(cat "$(stamp)" 2>/dev/null)" = "$FABRIC_COMMIT" ]
}

has_programs() {
  local dir="$1" p
  [ -n "$dir" ] && [ -d "$dir" ] || return 1
  for p in "${PROGRAMS[@]}"; do [ -x "$dir/$p" ] || return 1; done
}

check_tarball() {
  local tarball="$1" expected actual
  expected="$FABRIC_SHA256"
  if [ -f "$tarball.sha256" ]; then expected="$(awk '{print $1}' "$tarball.sha256")"; fi
  [ "$expected" = "$FABRIC_SHA256" ] || die "$tarball.sha256 names $expected, not Fabric $FABRIC_VERSION ($FABRIC_SHA256)"
  actual="$(sha256sum "$tarball" | awk '{print $1}')"
  [ "$actual" = "$expected" ] || die "SHA-256 of $tarball is $actual, expected $expected"
}

build_from_source() {
  local src="$1" tree work
  command -v go >/dev/null || die "go is needed to build Fabric from $src"
  work="$(mktemp -d "${TMPDIR:-/tmp}/shiftproof-fabric-src.XXXXXX")"
  if [ -f "$src" ]; then
    check_tarball "$src"
    log "unpacking $src"
    tar -xzf "$src" -C "$work"
    tree="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n1)"
  else
    tree="$src"
  fi
  [ -f "$tree/go.mod" ] && [ -d "$tree/cmd/peer" ] || die "$src is not a Fabric source tree"
  mkdir -p "$FABRIC_CACHE"
  log "building ${PROGRAMS[*]} into $FABRIC_CACHE (about 2 minutes cold)"
  (cd "$tree" && CGO_ENABLED=0 GOFLAGS=-mod=vendor go build -o "$FABRIC_CACHE" \
    ./cmd/peer ./cmd/orderer ./cmd/configtxgen ./cmd/osnadmin ./cmd/cryptogen)
  keep_config "$tree/sampleconfig"
  echo "$FABRIC_COMMIT" >"$(stamp)"
  rm -rf "$work"
}

# Keeps Fabric's sample core.yaml and orderer.yaml beside the programs, as the release archives
# do: the network starts from them and overrides what it needs.
keep_config() {
  local from="$1" to
  to="$(dirname "$FABRIC_CACHE")/config"
  rm -rf "$to" && mkdir -p "$to" && cp -r "$from"/. "$to"/ && chmod -R u+w "$to"
}

install_from_proxy() {
  command -v go >/dev/null || die "no Fabric programs found: set FABRIC_BIN or FABRIC_SRC, or install go"
  mkdir -p "$FABRIC_CACHE"
  log "go install of Fabric $FABRIC_COMMIT into $FABRIC_CACHE"
  local p
  for p in "${PROGRAMS[@]}"; do
    CGO_ENABLED=0 GOBIN="$FABRIC_CACHE" go install "github.com/hyperledger/fabric/cmd/$p@$FABRIC_COMMIT"
  done
  local module
  module="$(go mod download -json "github.com/hyperledger/fabric@$FABRIC_COMMIT" 2>/dev/null \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -n "$module" ] && keep_config "$module/sampleconfig"
  echo "$FABRIC_COMMIT" >"$(stamp)"
}

# Prints the directory holding the Fabric programs, building them when nothing has them.
fabric_bin() {
  if [ -n "${FABRIC_BIN:-}" ]; then
    has_programs "$FABRIC_BIN" || die "FABRIC_BIN=$FABRIC_BIN lacks one of ${PROGRAMS[*]}"
    echo "$FABRIC_BIN"; return
  fi
  if cache_valid; then echo "$FABRIC_CACHE"; return; fi
  if [ -n "${FABRIC_SRC:-}" ]; then
    [ -e "$FABRIC_SRC" ] || die "FABRIC_SRC=$FABRIC_SRC does not exist"
    build_from_source "$FABRIC_SRC"
  else
    install_from_proxy
  fi
  has_programs "$FABRIC_CACHE" || die "the build left no programs in $FABRIC_CACHE"
  echo "$FABRIC_CACHE"
}

case "${1:-}" in
  build) fabric_bin ;;
  status) . "$here/network.sh"; trap - ERR; network_status ;;  # 3 means "not all running"
  up|down|clean) . "$here/network.sh"; "network_$1" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
