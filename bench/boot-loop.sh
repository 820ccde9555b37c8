#!/usr/bin/env bash
# Boots the built distribution N times in a row, each from a fresh unpack (a first start, as a new user's), and
# counts how many answer RESTCONF, how long each took, and how many needed the AAA boot watchdog's rescue
# (AaaBootWatchdog: AAA 0.19.5's password-service race, AAA-281). A benchmark, not a CI test: it takes about
# 35 s per boot on 2 cores.
#
#   bench/boot-loop.sh [N=50] [limit seconds per boot=150]
#
# Needs the default ports free (8181, 8101, 2550, 50061, 1099, 44444): no ./controller and no system test at the
# same time. Prints one line per boot and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
limit=${2:-150}
version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -1)
dist="karaf-dist/target/bmpfleet-karaf-$version.tar.gz"
[ -f "$dist" ] || { echo "no $dist: build it first (mvn install -DskipTests)" >&2; exit 1; }
work=${BOOT_LOOP_DIR:-/tmp/bmpfleet-boot-loop}
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
export BMPFLEET_ADMIN_PASSWORD=boot-loop-$$
answered=0; hung=0; rescued=0; times=()
for i in $(seq 1 "$n"); do
  rm -rf "$work"; mkdir -p "$work"
  tar xzf "$dist" -C "$work" --strip-components=1
  start=$(date +%s%N)
  "$work/bin/start" >/dev/null 2>&1
  ok=0
  while (( $(date +%s%N) - start < limit * 1000000000 )); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$BMPFLEET_ADMIN_PASSWORD" \
      http://127.0.0.1:8181/rests/data/bmpfleet-state:bmpfleet-state || true)
    if [ "$code" = 200 ]; then ok=1; break; fi
    sleep 0.5
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  took=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
  r=$(grep -c "lost its datastore notification (AAA-281" "$work/data/log/karaf.log" || true)
  if [ "$ok" = 1 ]; then
    answered=$((answered + 1)); times+=("$took")
    printf 'boot %d: RESTCONF answered after %.1f s%s\n' "$i" "$took" "$([ "$r" -gt 0 ] && echo ", rescued by the watchdog ($r)")"
  else
    hung=$((hung + 1))
    jcmd "$(cat "$work/karaf.pid" 2>/dev/null || echo 0)" Thread.print > "/tmp/boot-loop-hung-$i-threads.txt" 2>&1 || true
    cp "$work/data/log/karaf.log" "/tmp/boot-loop-hung-$i-karaf.log" 2>/dev/null || true
    printf 'boot %d: no RESTCONF answer within %d s (log and threads in /tmp/boot-loop-hung-%d-*)\n' "$i" "$limit" "$i"
  fi
  [ "$r" -gt 0 ] && rescued=$((rescued + 1))
  "$work/bin/stop" >/dev/null 2>&1 || true
  pid=$(cat "$work/karaf.pid" 2>/dev/null || true)
  for _ in $(seq 1 120); do
    { [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; } && break
    sleep 0.5
  done
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (${#times[@]} + 1) / 2 ))p")
printf 'boot loop: %d of %d boots answered RESTCONF, %d hung; %d rescued by the AAA watchdog; time to answer min %.1f s, median %.1f s, max %.1f s\n' \
  "$answered" "$n" "$hung" "$rescued" "$(echo "$sorted" | head -1)" "$median" "$(echo "$sorted" | tail -1)"
