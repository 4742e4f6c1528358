#!/usr/bin/env bash
# Roundtable for a borough: installs what is missing, then runs the server
# on a PostgreSQL cluster of its own in a data folder (no system service):
# made at the first start (owner and server roles, passwords kept in the
# folder, readable by root alone), schema migrated by the owner, a first
# administrator made (its one-time password printed once), and the UI served
# on https://127.0.0.1:8443 with a self-signed certificate made there too.
#
#   bash .ci/server.sh [--demo | --import FILE] [--data DIR] [--listen ADDR]
#
# --demo loads the invented demo borough into an empty store. --import
# copies a desktop Roundtable file (the data folder's roundtable.db; its
# passphrase is asked for, or taken from ROUNDTABLE_DESKTOP_PASSPHRASE)
# into the new store, audit log and all, before the first account is made.
# Stop with Ctrl-C: the cluster stops with the server.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# As root the cluster runs as the postgres user, who must reach the folder.
if [[ $(id -u) -eq 0 ]]; then
  DATA=${ROUNDTABLE_SERVER_DATA:-/var/lib/roundtable-server}
else
  DATA=${ROUNDTABLE_SERVER_DATA:-$HOME/.local/share/roundtable-server}
fi
LISTEN=127.0.0.1:8443
DEMO=0
IMPORT=
while (($#)); do
  case "$1" in
    --demo) DEMO=1 ;;
    --import) IMPORT=$2; shift ;;
    --data) DATA=$2; shift ;;
    --listen) LISTEN=$2; shift ;;
    *) echo "Unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

require_toolchains
install_system_packages --server
install_ui_packages
build_ui
step "Build the server"
# The release build: what a borough runs (the first build takes a few minutes).
(cd "$ROOT" && cargo build --release -p roundtable-server --quiet)
SERVER=$CARGO_TARGET_DIR/release/roundtable-server

PGBIN=/usr/lib/postgresql/15/bin
CLUSTER=$DATA/cluster
SOCKET=$DATA/socket
mkdir -p "$DATA"
chmod 711 "$DATA"
# PostgreSQL will not run as root: as root, the cluster is the postgres user's.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
secret() { # a password kept in the data folder, made once
  local file=$DATA/$1
  [[ -s $file ]] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
  cat "$file"
}
OWNER_PASSWORD=$(secret owner-password)
SERVER_PASSWORD=$(secret server-password)

if [[ ! -d $CLUSTER ]]; then
  step "A PostgreSQL cluster for Roundtable in $CLUSTER"
  mkdir -p "$CLUSTER" "$SOCKET"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$CLUSTER" "$SOCKET"; fi
  pwfile=$(mktemp)
  echo "$OWNER_PASSWORD" >"$pwfile"
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$pwfile"; fi
  as_pg "$PGBIN/initdb" -D "$CLUSTER" -U roundtable_owner --pwfile="$pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
fi

step "Start PostgreSQL (Unix socket only, in $SOCKET)"
as_pg "$PGBIN/pg_ctl" -D "$CLUSTER" -l "$CLUSTER/server.log" -w \
  -o "-c listen_addresses='' -k $SOCKET" start >/dev/null
trap 'as_pg "$PGBIN/pg_ctl" -D "$CLUSTER" -m fast stop >/dev/null' EXIT

export PGPASSWORD=$OWNER_PASSWORD
psql_owner() { psql -h "$SOCKET" -U roundtable_owner -d "$1" -Atqc "$2"; }
if [[ $(psql_owner postgres "SELECT 1 FROM pg_database WHERE datname = 'roundtable'") != 1 ]]; then
  psql_owner postgres "CREATE DATABASE roundtable"
fi
OWNER_DB="host=$SOCKET user=roundtable_owner password=$OWNER_PASSWORD dbname=roundtable"
SERVER_DB="host=$SOCKET user=roundtable_server password=$SERVER_PASSWORD dbname=roundtable"

step "Schema (as the owner)"
"$SERVER" migrate --database "$OWNER_DB"
# The server's own role owns nothing: it is granted roundtable_app, which
# may read and change the data but not the schema or the audit log.
if [[ $(psql_owner roundtable "SELECT 1 FROM pg_roles WHERE rolname = 'roundtable_server'") != 1 ]]; then
  psql_owner roundtable "CREATE ROLE roundtable_server LOGIN PASSWORD '$SERVER_PASSWORD' IN ROLE roundtable_app"
fi
unset PGPASSWORD

if [[ -n $IMPORT ]]; then
  step "Import the desktop file $IMPORT"
  if [[ -z ${ROUNDTABLE_DESKTOP_PASSPHRASE:-} ]]; then
    read -rsp "The desktop file's passphrase: " ROUNDTABLE_DESKTOP_PASSPHRASE
    echo
  fi
  ROUNDTABLE_DESKTOP_PASSPHRASE=$ROUNDTABLE_DESKTOP_PASSPHRASE \
    "$SERVER" import-desktop --database "$OWNER_DB" --file "$IMPORT"
fi
if [[ $(PGPASSWORD=$OWNER_PASSWORD psql_owner roundtable "SELECT count(*) FROM account WHERE role = 'administrator'") == 0 ]]; then
  step "The first administrator"
  "$SERVER" admin create --database "$SERVER_DB" --username admin --name "Administrator"
fi
if ((DEMO)) && [[ $(PGPASSWORD=$OWNER_PASSWORD psql_owner roundtable "SELECT count(*) FROM panel") == 0 ]]; then
  step "The demo borough"
  "$SERVER" demo --database "$SERVER_DB"
fi

step "Serve"
"$SERVER" serve --database "$SERVER_DB" --data "$DATA" --ui "$ROOT/ui/dist-web" --listen "$LISTEN"
