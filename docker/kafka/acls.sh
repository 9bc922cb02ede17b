#!/bin/sh
# Writes the ACLs of the hub's topic as the hub's administration (a super user): the gateway
# writes it, the job reads it in its consumer group, nobody else may do anything
# (hub KafkaAccess.topicAcls, which the embedded broker gets).
set -eu
umask 077
mkdir -p /tmp/pki
cat /pki/kafka/admin/key.pem /pki/kafka/admin/cert.pem > /tmp/pki/admin.pem
cat > /tmp/pki/admin.properties <<PROPERTIES
security.protocol=SSL
ssl.keystore.type=PEM
ssl.keystore.location=/tmp/pki/admin.pem
ssl.truststore.type=PEM
ssl.truststore.location=/pki/ca.pem
ssl.enabled.protocols=TLSv1.3,TLSv1.2
PROPERTIES
topic="${SHIFTPROOF_KAFKA_TOPIC:-work-events}"
group="${SHIFTPROOF_KAFKA_GROUP_ID:-shiftproof-working-time}"
acls() {
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:9093 \
    --command-config /tmp/pki/admin.properties --add "$@"
}
# The broker may still be starting: try until it answers (adding an ACL twice changes nothing).
until acls --allow-principal User:gateway --operation Write --operation Describe --topic "$topic"; do
  sleep 2
done
acls --allow-principal User:job --operation Read --operation Describe --topic "$topic" \
  --group "$group"
