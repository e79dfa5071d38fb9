#!/bin/sh
# Paired warm zPass timing of two builds of the warm_issue example, on 1 and 2
# threads, ROUNDS rounds alternating the binaries (docs/benchmarks.md).
#
#   benches/warm_paired.sh OLD_BINARY NEW_BINARY [ROUNDS]
#
# Each figure is per 1,000-claim certificate with every proof, from two runs of
# 10 and 110 certificates: (total(110) - total(10)) / 100, so table builds and
# pool start-up cancel for either binary. `wall` is elapsed time, `cpu` the
# process's task-clock (perf stat), both in ms. Prints one line per measurement
# and the load average before each round.
set -eu
old=$1
new=$2
rounds=${3:-5}
# Elapsed and task-clock milliseconds of one run of BINARY with N certificates.
run() {
    out=$(RAYON_NUM_THREADS=$3 perf stat -e task-clock -x, "$1" "$2" widest 2>&1 >/dev/null)
    cpu=$(printf '%s\n' "$out" | grep task-clock | cut -d, -f1)
    printf '%s' "$cpu"
}
wall() {
    start=$(date +%s%N)
    RAYON_NUM_THREADS=$3 "$1" "$2" widest >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
}
for r in $(seq 1 "$rounds"); do
    echo "round $r, load: $(cut -d' ' -f1-3 /proc/loadavg)"
    for t in 1 2; do
        for name in old new; do
            if [ $name = old ]; then bin=$old; else bin=$new; fi
            w10=$(wall "$bin" 10 $t); w110=$(wall "$bin" 110 $t)
            c10=$(run "$bin" 10 $t); c110=$(run "$bin" 110 $t)
            python3 -c "print(f'$name threads=$t wall {($w110-$w10)/100/1000:.2f} ms cpu {($c110-$c10)/100:.2f} ms')"
        done
    done
done
