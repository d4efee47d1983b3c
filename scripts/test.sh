#!/usr/bin/env bash
# The whole test suite, as the README's test command: starts the servers the integration tests need (where they
# are not already running), then runs every module's tests with the Maven wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."
for service in scripts/services/start-*.sh; do
  [ -e "$service" ] && bash "$service"
done
exec ./mvnw -B -ntp verify "$@"
