#!/usr/bin/env bash
# Builds the service and runs it on a PostgreSQL it manages itself (data in ./data/postgres,
# kept across restarts). Ctrl-C stops the service and the database cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f service/target/analytics-service.jar ] || [ -n "$(find service/src sql pom.xml service/pom.xml -newer service/target/analytics-service.jar -print -quit)" ]; then
  mvn -B -q -DskipTests -pl service -am package
fi

export ANALYTICS_LOCAL_DB=true
export ANALYTICS_LOCAL_DB_DIR="${ANALYTICS_LOCAL_DB_DIR:-$PWD/data/postgres}"
exec java ${JAVA_OPTS:-} -jar service/target/analytics-service.jar server service/config.yml
