#!/usr/bin/env bash
# Starts the database servers the connector tests talk to (PostgreSQL 127.0.0.1:5432, MariaDB
# 127.0.0.1:3306) when they are installed but not running. The machines of this project start them
# before a session; this only restarts a stopped one. Idempotent, quiet, fast when both answer.
set -uo pipefail

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-
}

wait_port() {
    for _ in $(seq 1 60); do
        port_open "$1" && return 0
        sleep 0.5
    done
    echo "start-services: $2 did not start listening on port $1" >&2
    return 0
}

if ! port_open 5432 && [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    for version in /etc/postgresql/*; do
        pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start >/dev/null 2>&1 || true
    done
    wait_port 5432 PostgreSQL
fi

if ! port_open 3306 && [ -x /usr/sbin/mariadbd ]; then
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null 2>&1 || true
    wait_port 3306 MariaDB
fi
exit 0
