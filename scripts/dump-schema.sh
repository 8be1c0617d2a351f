#!/usr/bin/env bash
# Regenerates sql/schema.sql, the readable schema, after a change to the migrations in sql/.
#
#   scripts/dump-schema.sh                     # migrates a throwaway PostgreSQL from this machine's
#                                              # binaries, dumps it, and removes it again
#   PGPASSWORD=... scripts/dump-schema.sh jdbc:postgresql://127.0.0.1:5432/scratch
#                                              # migrates that database (PGUSER, default postgres) and
#                                              # dumps it; starts nothing. Give it a scratch database.
#
# Needs JDK 17, Maven and PostgreSQL's binaries (pg_dump; initdb and pg_ctl without a URL).
# The work is done by org.credanalytics.db.SchemaFile in the service's test sources; SchemaFileTest
# renders the same text from the test database and fails while sql/schema.sql differs.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath=$PWD/service/target/schema-file.classpath
mvn -B -q -pl local-cluster,service test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
java -cp "service/target/test-classes:service/target/classes:local-cluster/target/classes:$(cat "$classpath")" \
  org.credanalytics.db.SchemaFile "$@"
