#!/bin/bash
# Creates the event contract's topics (as deploy/kubernetes/kafka-topics and the local stack do), then exits.
set -euo pipefail
B=kafka:9092
T=/opt/kafka/bin/kafka-topics.sh
create() { "$T" --bootstrap-server "$B" --create --if-not-exists --topic "$1" --partitions "$2" --replication-factor 1 "${@:3}"; }
day=86400000; week=604800000; month=2592000000
create snapshot.run-requested.v1 3 --config retention.ms=$week
create snapshot.volume-tasks.v1 12 --config retention.ms=$week
create snapshot.run-planned.v1 3 --config retention.ms=$week
create snapshot.run-heartbeats.v1 3 --config retention.ms=$day
create snapshot.volume-results.v1 6 --config retention.ms=$week
create snapshot.run-lifecycle.v1 3 --config retention.ms=$month
create snapshot.policy-changed.v1 1 --config cleanup.policy=compact
create snapshot.volume-inventory.v1 6 --config cleanup.policy=compact
create snapshot.volume-policies.v1 6 --config cleanup.policy=compact
for t in run-requested volume-tasks run-planned run-heartbeats volume-results run-lifecycle policy-changed volume-inventory volume-policies; do
  create "snapshot.$t.v1.dlq" 1 --config retention.ms=$month
done
