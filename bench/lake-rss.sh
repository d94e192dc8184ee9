#!/bin/bash
# The lake's memory while a command runs: every 2 s, the summed VmRSS of every process of a lake (the AppHost or the
# bench that starts it, DCP, the services and functions, moto); prints the figure at each sample's minute and the
# peak. Run it on a machine where no other lake runs (a test run's lakes would count too).
# usage: bench/lake-rss.sh -- dotnet run -c Release --no-build --project bench/Lake.Benchmarks -- burst
set -u
[ "${1:-}" = "--" ] && shift
pattern='Lake\.|lake_moto|/dcp |dcpctrl|Aspire\.Dashboard'
rss() {
  for p in $(pgrep -f "$pattern"); do awk '/VmRSS/{print $2}' /proc/$p/status 2>/dev/null; done | awk '{s+=$1} END {printf "%.0f", s/1024}'
}
count() { pgrep -f "$pattern" | wc -l; }
"$@" &
command=$!
peak=0; peak_count=0; start=$(date +%s)
while kill -0 $command 2>/dev/null; do
  now=$(rss); n=$(count)
  if [ "$now" -gt "$peak" ]; then peak=$now; peak_count=$n; fi
  elapsed=$(( $(date +%s) - start ))
  [ $((elapsed % 60)) -lt 2 ] && echo "lake-rss: ${elapsed}s ${now} MiB in $n processes" >&2
  sleep 2
done
wait $command
code=$?
echo "lake-rss: peak ${peak} MiB in ${peak_count} processes (exit $code)"
exit $code
