#!/usr/bin/env bash
# Point-in-time recovery on measured sizes, with the plain PostgreSQL tools an operator would run:
#   1. a fresh, durable PostgreSQL in BENCH_DIR with WAL archiving on (archive_command copies each
#      completed segment into BENCH_DIR/archive, never overwriting one; archive_timeout 60 s);
#      the service's schema is applied with `db migrate`;
#   2. COUNT events (CSV from the load generator, over 30 days) are \copy'd in;
#   3. pg_basebackup (-X stream, fast checkpoint) into BENCH_DIR/backup: timed, sized;
#   4. MORE events are \copy'd in after the backup, then a named restore point is set, then a few
#      more events that the restore must not bring back; the last WAL segment is archived;
#   5. the server is stopped (its disk is "lost"), and the backup is restored into a new data
#      directory on another port: recovery.signal, restore_command, recovery_target_name, promote.
#      Timed until pg_is_in_recovery() is false; the events are counted.
# Usage: scripts/bench-pitr.sh [COUNT] [MORE]   (defaults: 1000000 and 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
MORE=${2:-1000000}
BENCH_DIR=${BENCH_DIR:-/tmp/bench-pitr}
PORT=${BENCH_PG_PORT:-55461}
RESTORE_PORT=${BENCH_RESTORE_PORT:-55462}
PG_BIN=${ANALYTICS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
SERVICE_JAR=service/target/analytics-service.jar
LG_JAR=load-generator/target/load-generator.jar

as_server_user() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_at() { local port=$1; shift; "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d analytics -v ON_ERROR_STOP=1 -qAt "$@"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
stop_all() {
  for d in "$BENCH_DIR/primary" "$BENCH_DIR/restored"; do
    [ -f "$d/postmaster.pid" ] && as_server_user "$PG_BIN/pg_ctl" -D "$d" stop -m fast -w >/dev/null 2>&1 || true
  done
}
trap stop_all EXIT

[ -f "$SERVICE_JAR" ] && [ -f "$LG_JAR" ] || mvn -B -q -DskipTests -pl service,load-generator -am package
stop_all
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR/archive" "$BENCH_DIR/backup"
chmod 755 "$BENCH_DIR"
# The server's OS user owns it all: it writes the data directories, the archive and the backup.
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$BENCH_DIR"
ARCHIVE=$BENCH_DIR/archive

echo "== 1. initdb + WAL archiving into $ARCHIVE"
# A password as the service's local servers have one (no trust rule); the restored copy keeps it.
PASSWORD_FILE=$BENCH_DIR/superuser.password
(umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' > "$PASSWORD_FILE")
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PASSWORD_FILE"
PGPASSWORD=$(cat "$PASSWORD_FILE")
export PGPASSWORD
as_server_user "$PG_BIN/initdb" -D "$BENCH_DIR/primary" -U postgres --auth-host=scram-sha-256 --auth-local=peer \
  --pwfile="$PASSWORD_FILE" --encoding=UTF8 --no-locale >/dev/null
cat >> "$BENCH_DIR/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
shared_buffers = 512MB
max_wal_size = 4GB
checkpoint_timeout = 15min
wal_compression = on
archive_mode = on
archive_command = 'if test -f "$ARCHIVE/%f"; then cmp -s "%p" "$ARCHIVE/%f"; else cp "%p" "$ARCHIVE/%f.part" && sync "$ARCHIVE/%f.part" && mv "$ARCHIVE/%f.part" "$ARCHIVE/%f"; fi'
archive_timeout = 60s
CONF
as_server_user "$PG_BIN/pg_ctl" -D "$BENCH_DIR/primary" -l "$BENCH_DIR/primary.log" -o "-p $PORT" start -w >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres analytics
ANALYTICS_DB_URL="jdbc:postgresql://127.0.0.1:$PORT/analytics" ANALYTICS_DB_USER=postgres ANALYTICS_DB_PASSWORD=$PGPASSWORD \
  java -jar "$SERVICE_JAR" db migrate service/config.yml > "$BENCH_DIR/migrate.log" 2>&1 || { tail -20 "$BENCH_DIR/migrate.log"; exit 1; }
psql_at "$PORT" -c "SELECT analytics_create_partitions(ARRAY(SELECT CURRENT_DATE - i FROM generate_series(-1, 31) AS i))" >/dev/null

load() { # load NAME N SEED
  java -jar "$LG_JAR" generate --count "$2" --seed "$3" --institutions 1000 --skew 1.1 --history-days 30 \
    --run-id "$1" --out "$BENCH_DIR/$1.csv" --format csv >/dev/null
  local start; start=$(now)
  psql_at "$PORT" -c "\\copy analytics_events (event_id, event_type, institution_id, issued_at, metadata) FROM '$BENCH_DIR/$1.csv' WITH (FORMAT csv)"
  echo "   $2 events copied in $(secs "$start" "$(now)") s"
  rm -f "$BENCH_DIR/$1.csv"
}
echo "== 2. $COUNT events before the backup"
load a "$COUNT" 7
DB_BYTES=$(psql_at "$PORT" -c "SELECT pg_database_size('analytics')")

echo "== 3. pg_basebackup"
LABEL=base-$(date -u +%Y%m%dT%H%M%SZ)
start=$(now)
as_server_user "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$BENCH_DIR/backup/$LABEL" \
  -X stream -c fast -l "$LABEL"
BACKUP_S=$(secs "$start" "$(now)")
BACKUP_BYTES=$(du -sb "$BENCH_DIR/backup/$LABEL" | cut -f1)
START_LSN=$(sed -n 's/^START WAL LOCATION: \([^ ]*\).*/\1/p' "$BENCH_DIR/backup/$LABEL/backup_label")

echo "== 4. $MORE events after the backup, restore point 'bench', then 1000 events the restore must not bring back"
load b "$MORE" 8
psql_at "$PORT" -c "SELECT pg_create_restore_point('bench')" >/dev/null
psql_at "$PORT" -c "INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at)
                    SELECT 'after-' || g, 'credential_viewed', 1, now() FROM generate_series(1, 1000) AS g"
SEGMENT=$(psql_at "$PORT" -c "SELECT pg_walfile_name(pg_switch_wal())")
until [ -f "$ARCHIVE/$SEGMENT" ]; do sleep 0.2; done
ARCHIVE_BYTES=$(du -sb "$ARCHIVE" | cut -f1)
as_server_user "$PG_BIN/pg_ctl" -D "$BENCH_DIR/primary" stop -m immediate -w >/dev/null

echo "== 5. restore into $BENCH_DIR/restored on port $RESTORE_PORT, to restore point 'bench'"
start=$(now)
as_server_user cp -a "$BENCH_DIR/backup/$LABEL" "$BENCH_DIR/restored"
COPIED_S=$(secs "$start" "$(now)")
cat >> "$BENCH_DIR/restored/postgresql.auto.conf" <<CONF
restore_command = 'cp "$ARCHIVE/%f" "%p"'
recovery_target_name = 'bench'
recovery_target_action = 'promote'
archive_mode = off
CONF
as_server_user touch "$BENCH_DIR/restored/recovery.signal"
as_server_user "$PG_BIN/pg_ctl" -D "$BENCH_DIR/restored" -l "$BENCH_DIR/restored.log" -o "-p $RESTORE_PORT" start -w -t 3600 >/dev/null
until [ "$(psql_at "$RESTORE_PORT" -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = "f" ]; do
  [ -f "$BENCH_DIR/restored/postmaster.pid" ] || { tail -20 "$BENCH_DIR/restored.log"; exit 1; }
  sleep 0.1
done
RESTORE_S=$(secs "$start" "$(now)")
REPLAY_S=$(secs "$COPIED_S" "$RESTORE_S")
WAL_BYTES=$(psql_at "$RESTORE_PORT" -c "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '$START_LSN')::bigint")
EVENTS=$(psql_at "$RESTORE_PORT" -c "SELECT count(*) FROM analytics_events")
AFTER=$(psql_at "$RESTORE_PORT" -c "SELECT count(*) FROM analytics_events WHERE event_id LIKE 'after-%'")

mb() { echo "scale=1; $1 / 1000000" | bc; }
echo
echo "== results ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'))"
echo "database before the backup:  $(mb "$DB_BYTES") MB ($COUNT events)"
echo "base backup:                 $(mb "$BACKUP_BYTES") MB in $BACKUP_S s"
echo "WAL archive (whole run):     $(mb "$ARCHIVE_BYTES") MB"
echo "restore: copy the backup      $COPIED_S s"
echo "restore: replay + promote     $REPLAY_S s for $(mb "$WAL_BYTES") MB of WAL ($MORE events): $(echo "scale=1; $WAL_BYTES / 1000000 / $REPLAY_S" | bc) MB/s"
echo "restore: total (RTO)          $RESTORE_S s"
echo "restored events:             $EVENTS (expected $((COUNT + MORE))), after the restore point: $AFTER (expected 0)"
[ "$EVENTS" = "$((COUNT + MORE))" ] && [ "$AFTER" = 0 ]
