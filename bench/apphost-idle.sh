#!/bin/bash
# The AppHost at idle: warm start (built) to the summary, RSS of every process it runs, stop time.
# usage: bench/apphost-idle.sh [term|kill]   (term: SIGTERM to the AppHost, kill: SIGKILL; both count until nothing is left)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
state=$(mktemp -d)
log=$(mktemp)
descendants() { local p=$1; echo $p; for c in $(pgrep -P $p); do descendants $c; done; }
lakeprocs() {
  local a; a=$(pgrep -f "$root/AppHost/bin/Debug/net10.0/Lake.AppHost" | head -1)
  descendants $host
  for d in $(pgrep -f -- "dcp start-apiserver --monitor $a"); do descendants $d; done
}
t0=$(date +%s.%N)
setsid dotnet run --project AppHost --no-build -- --clean --AppHost:StateDirectory=$state > $log 2>&1 &
host=$!
until grep -q "The lake is running" $log; do sleep 0.2; if ! kill -0 $host 2>/dev/null; then echo "host died"; cat $log; exit 1; fi; done
t1=$(date +%s.%N)
echo "start to summary: $(awk "BEGIN {print $t1 - $t0}") s"
sleep 20
pids=$(lakeprocs | sort -u)
rss=$(for p in $pids; do awk '/VmRSS/{print $2}' /proc/$p/status 2>/dev/null; done | awk '{s+=$1} END {print s/1024}')
echo "processes: $(echo $pids | wc -w), RSS total: ${rss} MiB"
for p in $pids; do printf "%8s KiB  %s\n" "$(awk '/VmRSS/{print $2}' /proc/$p/status 2>/dev/null)" "$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | cut -c1-110)"; done | sort -rn | head -20
mode=${1:-term}
apphost=$(pgrep -f "$root/AppHost/bin/Debug/net10.0/Lake.AppHost" | head -1)
t2=$(date +%s.%N)
case $mode in kill) kill -KILL $apphost ;; int) kill -INT $apphost ;; *) kill -TERM $apphost ;; esac
while kill -0 $apphost 2>/dev/null; do sleep 0.1; done
t3=$(date +%s.%N)
echo "$mode -> AppHost exit: $(awk "BEGIN {print $t3 - $t2}") s"
for i in $(seq 1 600); do n=$(for p in $pids; do kill -0 $p 2>/dev/null && echo $p; done | wc -l); [ $n -eq 0 ] && break; sleep 0.2; done
t4=$(date +%s.%N)
echo "$mode -> last process gone: $(awk "BEGIN {print $t4 - $t2}") s (left: $n)"
rm -rf $state
