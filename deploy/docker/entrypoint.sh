#!/bin/sh
# Starts one Timekeeper service: node services/$SERVICE/dist/main.js.
#
#   timekeeper-entrypoint              runs $SERVICE
#   timekeeper-entrypoint timecard     runs timecard
#   timekeeper-entrypoint node -v      runs any other command as given
#
# Gateway in a StatefulSet: with SHARDS_PER_POD set and DISCORD_SHARD_IDS unset, pod ordinal N (from
# POD_ORDINAL, else the "-N" suffix of POD_NAME or the host name) runs shards N*SHARDS_PER_POD through
# N*SHARDS_PER_POD + SHARDS_PER_POD - 1.
set -eu

fail() {
  echo "entrypoint: $*" >&2
  exit 2
}

is_whole_number() {
  case "$1" in
    '' | *[!0-9]*) return 1 ;;
    *) return 0 ;;
  esac
}

case "${1:-}" in
  gateway | timecard | analytics | export | admin | license)
    SERVICE="$1"
    shift
    ;;
esac

if [ "$#" -gt 0 ]; then
  exec "$@"
fi

SERVICE="${SERVICE:-}"
case "$SERVICE" in
  gateway | timecard | analytics | export | admin | license) ;;
  *) fail "SERVICE must be one of gateway, timecard, analytics, export, admin, license (got '$SERVICE')" ;;
esac
export SERVICE

if [ "$SERVICE" = gateway ] && [ -z "${DISCORD_SHARD_IDS:-}" ] && [ -n "${SHARDS_PER_POD:-}" ]; then
  if ! is_whole_number "$SHARDS_PER_POD" || [ "$SHARDS_PER_POD" -lt 1 ]; then
    fail "SHARDS_PER_POD must be a whole number of at least 1"
  fi
  ordinal="${POD_ORDINAL:-}"
  if [ -z "$ordinal" ]; then
    pod="${POD_NAME:-$(hostname)}"
    ordinal="${pod##*-}"
  fi
  is_whole_number "$ordinal" ||
    fail "SHARDS_PER_POD is set but no pod ordinal was found (set POD_ORDINAL, or POD_NAME ending in -N)"
  first=$((ordinal * SHARDS_PER_POD))
  last=$((first + SHARDS_PER_POD - 1))
  if [ -n "${DISCORD_SHARD_COUNT:-}" ]; then
    is_whole_number "$DISCORD_SHARD_COUNT" || fail "DISCORD_SHARD_COUNT must be a whole number"
    [ "$last" -lt "$DISCORD_SHARD_COUNT" ] ||
      fail "pod ordinal $ordinal would run shards $first-$last, but DISCORD_SHARD_COUNT is $DISCORD_SHARD_COUNT"
  fi
  DISCORD_SHARD_IDS="$first-$last"
  export DISCORD_SHARD_IDS
  echo "entrypoint: pod ordinal $ordinal runs shards $DISCORD_SHARD_IDS" >&2
fi

# The export service caps V8's young generation: its garbage is short-lived (a page of sessions, a chunk
# of rows), and V8 would size the young generation from the host's memory and grow it under a large
# export (services/export/README.md). Its package.json start script does the same.
if [ "$SERVICE" = export ]; then
  exec node --max-semi-space-size=16 "/app/services/$SERVICE/dist/main.js"
fi
exec node "/app/services/$SERVICE/dist/main.js"
