#!/usr/bin/env bash
# A sharded sweep through a real Slurm: installs Debian's slurm-wlm and
# munge if needed, starts munged, slurmctld and slurmd on this machine with
# a generated slurm.conf (one node: this host), submits a sweep as a job
# array with sbatch --array --wait — once with a directory per shard, once
# with all shards sharing one — merges, and checks that the tables and
# parts equal a local unsharded sweep byte for byte; then the same for a
# sharded govsim explore, merged and analysed. Everything it starts
# is stopped on exit, by the process ids in the pid files.
#
# Run as root (it installs packages and starts daemons): make test-slurm.
# KEEP=1 keeps the work directory (logs, outputs) for a look afterwards.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
GO=${GO:-go}
START=$(date +%s)
WORK=$(mktemp -d /tmp/govsim-slurm.XXXXXX)
chmod 755 "$WORK"
STARTED_MUNGED=""

log() { printf 'slurm-test: %s\n' "$*" >&2; }

stop_pidfile() {
	local f=$1 pid
	[ -s "$f" ] || return 0
	pid=$(cat "$f")
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	stop_pidfile "$WORK/slurmd.pid"
	stop_pidfile "$WORK/slurmctld.pid"
	if [ -n "$STARTED_MUNGED" ]; then
		stop_pidfile /run/munge/munged.pid
	fi
	if [ "$rc" -ne 0 ]; then
		for f in "$WORK"/slurmctld.log "$WORK"/slurmd.log "$WORK"/job-*.out; do
			[ -f "$f" ] && { log "--- $f (last lines)"; tail -n 20 "$f" >&2; }
		done
	fi
	if [ -n "${KEEP:-}" ]; then
		log "kept $WORK"
	else
		rm -rf "$WORK"
	fi
	log "$( [ "$rc" -eq 0 ] && echo PASS || echo FAIL ) in $(( $(date +%s) - START ))s"
	exit "$rc"
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
	log "needs root: it installs slurm-wlm and munge and starts their daemons"
	exit 1
fi

# 1. Packages.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
	log "installing slurm-wlm and munge"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq slurm-wlm munge >/dev/null
fi

# 2. munge: a key owned by munge (mode 0400), its directories, the daemon.
install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
install -d -o munge -g munge -m 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
	dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
	log "munged already running"
else
	runuser -u munge -- munged
	STARTED_MUNGED=1
	for _ in $(seq 50); do
		munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
		sleep 0.1
	done
	munge -n | unmunge | grep -q 'STATUS: *Success' || { log "munge does not work"; exit 1; }
fi

# 3. slurm.conf: one node, this host, jobs as root, no cgroups, every
# file under the work directory.
HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(free -m | awk '/^Mem:/ {print $2}')
REAL=$(( MEM * 9 / 10 ))
mkdir -p "$WORK/spool" "$WORK/state"
CONF="$WORK/slurm.conf"
cat >"$CONF" <<EOF
ClusterName=govsimtest
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
SlurmdSpoolDir=$WORK/spool
StateSaveLocation=$WORK/state
NodeName=$HOST CPUs=$CPUS RealMemory=$REAL State=UNKNOWN
PartitionName=main Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$CONF"

# 4. The daemons; wait until the node is idle.
slurmctld -f "$CONF"
slurmd -f "$CONF"
for i in $(seq 120); do
	state=$(sinfo -h -o %T 2>/dev/null | head -n1 || true)
	[ "$state" = idle ] && break
	[ "$i" -eq 120 ] && { log "node not idle after 60 s (state: ${state:-none})"; exit 1; }
	sleep 0.5
done
log "slurm up: node $HOST idle, $CPUS CPUs, ${REAL} MB ($(( $(date +%s) - START ))s)"

# 5. govsim and a small sweep: 8 points × 2 scenarios × 1 replicate of 36
# months = 16 runs.
(cd "$ROOT" && "$GO" build -o "$WORK/govsim" ./cmd/govsim)
cat >"$WORK/sweep.toml" <<'EOF'
name = "slurm-test"
scenarios = ["baseline", "zhengjing"]
design = "lhs"
samples = 8
replicates = 1
seed = 11
months = 36
window = 12

[[factor]]
key = "economy.lambda0"
min = 0.2
max = 0.7

[[factor]]
key = "disputes.capacity"
min = 4.0
max = 20.0
EOF

# The job script reads its shard from the environment, as docs/cluster.md
# shows: OUT is a directory per shard or one shared; SHARDS, when set, is
# the shard count, making SLURM_ARRAY_TASK_ID the index (else the index and
# count come from the task's position, SLURM_ARRAY_TASK_COUNT).
cat >"$WORK/job.sh" <<EOF
#!/bin/bash
set -euo pipefail
OUT=\${OUT//%a/\$SLURM_ARRAY_TASK_ID}
exec "$WORK/govsim" sweep "$WORK/sweep.toml" -workers 1 -progress \${SHARDS:+-shards \$SHARDS} -out "\$OUT"
EOF
chmod +x "$WORK/job.sh"

submit() { # name OUT SHARDS
	local t0=$(date +%s)
	sbatch --array=0-3 --wait --job-name="govsim-$1" --cpus-per-task=1 --chdir="$WORK" \
		--output="$WORK/job-$1-%a.out" --export=ALL,OUT="$2",SHARDS="$3" "$WORK/job.sh" >/dev/null
	log "job array $1 (4 tasks) done in $(( $(date +%s) - t0 ))s"
	grep -h "shard\|wrote" "$WORK"/job-"$1"-*.out | sed 's/^/  /' >&2 || true
}
submit separate "$WORK/out/shard-%a" ""
submit shared "$WORK/shared" 4

"$WORK/govsim" merge -out "$WORK/merged" "$WORK"/out/shard-0 "$WORK"/out/shard-1 "$WORK"/out/shard-2 "$WORK"/out/shard-3
"$WORK/govsim" sweep "$WORK/sweep.toml" -out "$WORK/local"

# 6. Byte for byte: tables, sweep.json and every part.
fail=0
for d in merged shared; do
	for f in points.csv runs.csv results.csv sweep.json; do
		if ! cmp -s "$WORK/local/$f" "$WORK/$d/$f"; then
			log "$d/$f differs from the local sweep's"
			fail=1
		fi
	done
	if ! diff -r -q "$WORK/local/parts" "$WORK/$d/parts" >/dev/null; then
		log "$d/parts differs from the local sweep's"
		fail=1
	fi
done
[ "$fail" -eq 0 ] || exit 1
for i in 0 1 2 3; do
	for m in "$WORK/out/shard-$i/manifest-shard-$i-of-4.json" "$WORK/shared/manifest-shard-$i-of-4.json"; do
		grep -q "\"from\": \"SLURM_ARRAY_TASK_ID\"" "$m" ||
			{ log "$m: the shard did not come from Slurm"; exit 1; }
	done
done
log "16 runs in 4 Slurm array tasks, merged and shared: identical to the local sweep"

# 7. An exploratory design, sharded the same way (4 tasks, a directory
# each), merged, then analysed by the same command without the shard: its
# runs and its analysis equal a local explore's byte for byte.
EXPLORE=(explore -samples 8 -replicates 1 -months 24 -window 12 -font none baseline zhengjing)
cat >"$WORK/explore.sh" <<EOF
#!/bin/bash
set -euo pipefail
exec "$WORK/govsim" ${EXPLORE[*]} -workers 1 -shards 4 -out "$WORK/explore/shard-\$SLURM_ARRAY_TASK_ID"
EOF
chmod +x "$WORK/explore.sh"
t0=$(date +%s)
sbatch --array=0-3 --wait --job-name=govsim-explore --cpus-per-task=1 --chdir="$WORK" \
	--output="$WORK/job-explore-%a.out" "$WORK/explore.sh" >/dev/null
log "job array explore (4 tasks) done in $(( $(date +%s) - t0 ))s"
"$WORK/govsim" merge -out "$WORK/explore-merged" "$WORK"/explore/shard-0 "$WORK"/explore/shard-1 "$WORK"/explore/shard-2 "$WORK"/explore/shard-3
"$WORK/govsim" "${EXPLORE[@]}" -out "$WORK/explore-merged" >/dev/null
"$WORK/govsim" "${EXPLORE[@]}" -out "$WORK/explore-local" >/dev/null
for f in results.csv sweep.json robustness.csv discovery.csv drivers.csv; do
	if ! cmp -s "$WORK/explore-local/$f" "$WORK/explore-merged/$f"; then
		log "explore-merged/$f differs from the local explore's"
		exit 1
	fi
done
for i in 0 1 2 3; do
	[ ! -e "$WORK/explore/shard-$i/robustness.csv" ] || { log "explore shard $i wrote an analysis"; exit 1; }
done
log "an exploratory design in 4 Slurm array tasks, merged and analysed: identical to the local explore"
# 8. A calibration sharded within its batches: the array is submitted once
# per batch, its tasks sharing one directory (docs/cluster.md), until a task
# writes the report; the tables equal a local calibration's byte for byte.
cat >"$WORK/small.toml" <<'EOF'
extends = "baseline"
name = "small"
[district]
villages = 6
EOF
cat >"$WORK/cal.toml" <<'EOF'
name = "slurm-calibration"
scenario = "small.toml"
particles = 20
generations = 2
seed = 7

[[target]]
metric = "leakage_share"
from = 0
to = 24
observed = 0.12
tolerance = 0.01

[[prior]]
key = "economy.lambda0"
EOF
cat >"$WORK/cal.sh" <<EOF
#!/bin/bash
set -euo pipefail
exec "$WORK/govsim" calibrate "$WORK/cal.toml" -workers 1 -shards 4 -out "$WORK/cal-shared"
EOF
chmod +x "$WORK/cal.sh"
rounds=0
until grep -qs "wrote calibration.html" "$WORK"/cal-*.out; do
	rounds=$((rounds + 1))
	[ "$rounds" -le 10 ] || { log "the calibration did not finish in 10 rounds"; exit 1; }
	sbatch --array=0-3 --wait --job-name=govsim-cal --cpus-per-task=1 --chdir="$WORK" \
		--output="$WORK/cal-$rounds-%a.out" "$WORK/cal.sh" >/dev/null
done
"$WORK/govsim" calibrate "$WORK/cal.toml" -out "$WORK/cal-local" >/dev/null 2>&1
for f in posterior.csv generations.csv candidates.csv predictive.csv calibration.json; do
	cmp -s "$WORK/cal-local/$f" "$WORK/cal-shared/$f" || { log "calibration: $f differs from the local calibration's"; exit 1; }
done
log "a calibration in $rounds rounds of 4 Slurm array tasks sharing its directory: identical to the local calibration"
# 9. An optimisation sharded within its generations, as the calibration:
# the array is submitted once per generation, its tasks sharing one
# directory, until a task writes pareto.csv; the tables equal a local
# optimisation's byte for byte.
cat >"$WORK/opt.toml" <<'EOF'
name = "slurm-optimisation"
scenario = "small.toml"
months = 24
population = 8
generations = 2
seed = 7

[[entry]]
kind = "zhengjing"
switch = true
start = [0, 12]
coverage = "all"
intensity = [0.5, 1.0]

[[objective]]
metric = "composite_index"
goal = "max"

[[objective]]
metric = "fiscal_spending"
goal = "min"
EOF
cat >"$WORK/opt.sh" <<EOF
#!/bin/bash
set -euo pipefail
exec "$WORK/govsim" optimise "$WORK/opt.toml" -workers 1 -shards 4 -out "$WORK/opt-shared"
EOF
chmod +x "$WORK/opt.sh"
rounds=0
until grep -qs "wrote pareto.csv" "$WORK"/opt-*.out; do
	rounds=$((rounds + 1))
	[ "$rounds" -le 10 ] || { log "the optimisation did not finish in 10 rounds"; exit 1; }
	sbatch --array=0-3 --wait --job-name=govsim-opt --cpus-per-task=1 --chdir="$WORK" \
		--output="$WORK/opt-$rounds-%a.out" "$WORK/opt.sh" >/dev/null
done
"$WORK/govsim" optimise "$WORK/opt.toml" -out "$WORK/opt-local" >/dev/null 2>&1
for f in evaluations.csv generations.csv pareto.csv packages/base.toml; do
	cmp -s "$WORK/opt-local/$f" "$WORK/opt-shared/$f" || { log "optimisation: $f differs from the local optimisation's"; exit 1; }
done
log "an optimisation in $rounds rounds of 4 Slurm array tasks sharing its directory: identical to the local optimisation"
