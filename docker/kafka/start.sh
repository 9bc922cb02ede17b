#!/bin/sh
# Starts the compose broker from server.properties, formatting its log directory on first start.
# Kafka's PEM keystore file holds the key and the certificate together; the credential layout keeps
# them apart, so they are joined here, into a file only this container sees.
set -eu
config=/etc/shiftproof/kafka/server.properties
mkdir -p /tmp/pki
umask 077
cat /pki/kafka/broker/key.pem /pki/kafka/broker/cert.pem > /tmp/pki/broker.pem
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format -t "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" -c "$config"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
