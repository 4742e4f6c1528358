#!/usr/bin/env bash
# Runs a command against pg_virtualenv's throwaway cluster over its Unix
# socket instead of TCP on localhost: how a Roundtable server reaches the
# PostgreSQL cluster it owns on the same machine. A round trip over the
# socket costs about half what it does over loopback TCP, and a screen makes
# one per statement. Call it inside pg_virtualenv, which sets PGHOST,
# PGPORT, PGUSER and PGPASSWORD for TCP; password login is allowed on the
# socket (the cluster is made for this run and dropped after it).
set -euo pipefail
hba=$(psql -Atc "SHOW hba_file")
if ! grep -q '^local all all scram-sha-256' "$hba"; then
  sed -i '1i local all all scram-sha-256' "$hba"
  psql -Atqc "SELECT pg_reload_conf()" >/dev/null
fi
PGHOST=$(psql -Atc "SHOW unix_socket_directories" | cut -d, -f1)
export PGHOST
exec "$@"
