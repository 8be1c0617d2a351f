# CPU caps and CPU accounting per group of processes, so that one machine stands in for several
# small ones (scripts/bench-scaling.sh). Needs root. Uses the cgroup v1 cpu and cpuacct controllers
# (cpu.cfs_quota_us, cpuacct.usage) where they are mounted, else cgroup v2 (cpu.max, cpu.stat).
# Groups live under CPU_CAPS_ROOT (default bench-scaling) and are removed by cpu_caps_cleanup.
CPU_CAPS_ROOT=${CPU_CAPS_ROOT:-bench-scaling}
# A short period spreads a node's quota evenly (2.5 ms of every 10 ms at 0.25), as a slower CPU
# would, instead of running it flat out for 25 ms and stalling it for 75.
CPU_CAPS_PERIOD_US=${CPU_CAPS_PERIOD_US:-10000}

if [ -d /sys/fs/cgroup/cpu ] && [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
  CPU_CAPS_MODE=v1
elif [ -f /sys/fs/cgroup/cgroup.controllers ] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
  CPU_CAPS_MODE=v2
else
  echo "cpu-caps: neither the cgroup v1 cpu controller nor cgroup v2 with cpu is available" >&2
  exit 2
fi

# cpu_caps_group NAME CORES: creates (or updates) the group NAME capped at CORES (e.g. 0.25); 0 = uncapped.
cpu_caps_group() {
  local name=$1 cores=$2 quota
  quota=$(python3 -c "print(int(round($cores * $CPU_CAPS_PERIOD_US)) if $cores > 0 else -1)")
  if [ "$CPU_CAPS_MODE" = v1 ]; then
    mkdir -p "/sys/fs/cgroup/cpu/$CPU_CAPS_ROOT/$name" "/sys/fs/cgroup/cpuacct/$CPU_CAPS_ROOT/$name"
    echo "$CPU_CAPS_PERIOD_US" > "/sys/fs/cgroup/cpu/$CPU_CAPS_ROOT/$name/cpu.cfs_period_us"
    echo "$quota" > "/sys/fs/cgroup/cpu/$CPU_CAPS_ROOT/$name/cpu.cfs_quota_us"
  else
    grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control || echo +cpu > /sys/fs/cgroup/cgroup.subtree_control
    mkdir -p "/sys/fs/cgroup/$CPU_CAPS_ROOT/$name"
    grep -qw cpu "/sys/fs/cgroup/$CPU_CAPS_ROOT/cgroup.subtree_control" || echo +cpu > "/sys/fs/cgroup/$CPU_CAPS_ROOT/cgroup.subtree_control"
    if [ "$quota" = -1 ]; then quota=max; fi
    echo "$quota $CPU_CAPS_PERIOD_US" > "/sys/fs/cgroup/$CPU_CAPS_ROOT/$name/cpu.max"
  fi
}

# cpu_caps_add NAME PID...: moves these processes (whole thread groups) into group NAME. Children
# forked later (a postmaster's new backends) start in it too.
cpu_caps_add() {
  local name=$1 pid
  shift
  for pid in "$@"; do
    if [ "$CPU_CAPS_MODE" = v1 ]; then
      echo "$pid" > "/sys/fs/cgroup/cpu/$CPU_CAPS_ROOT/$name/cgroup.procs" 2>/dev/null || true
      echo "$pid" > "/sys/fs/cgroup/cpuacct/$CPU_CAPS_ROOT/$name/cgroup.procs" 2>/dev/null || true
    else
      echo "$pid" > "/sys/fs/cgroup/$CPU_CAPS_ROOT/$name/cgroup.procs" 2>/dev/null || true
    fi
  done
}

# cpu_caps_seconds NAME: CPU seconds used by the group so far.
cpu_caps_seconds() {
  if [ "$CPU_CAPS_MODE" = v1 ]; then
    awk '{printf "%.3f\n", $1 / 1e9}' "/sys/fs/cgroup/cpuacct/$CPU_CAPS_ROOT/$1/cpuacct.usage"
  else
    awk '/^usage_usec/ {printf "%.3f\n", $2 / 1e6}' "/sys/fs/cgroup/$CPU_CAPS_ROOT/$1/cpu.stat"
  fi
}

# cpu_caps_throttled NAME: seconds the group was held back by its quota so far (0 where not reported).
cpu_caps_throttled() {
  if [ "$CPU_CAPS_MODE" = v1 ]; then
    awk '/^throttled_time/ {printf "%.3f\n", $2 / 1e9}' "/sys/fs/cgroup/cpu/$CPU_CAPS_ROOT/$1/cpu.stat"
  else
    awk '/^throttled_usec/ {printf "%.3f\n", $2 / 1e6}' "/sys/fs/cgroup/$CPU_CAPS_ROOT/$1/cpu.stat"
  fi
}

# Moves whatever is left back to the root group and removes the groups.
cpu_caps_cleanup() {
  local dir pid
  local roots=("/sys/fs/cgroup/$CPU_CAPS_ROOT")
  [ "$CPU_CAPS_MODE" = v1 ] && roots=("/sys/fs/cgroup/cpu/$CPU_CAPS_ROOT" "/sys/fs/cgroup/cpuacct/$CPU_CAPS_ROOT")
  for root in "${roots[@]}"; do
    [ -d "$root" ] || continue
    for dir in "$root"/*/; do
      [ -d "$dir" ] || continue
      while read -r pid; do echo "$pid" > "$root/../cgroup.procs" 2>/dev/null || true; done < "$dir/cgroup.procs"
      rmdir "$dir" 2>/dev/null || true
    done
    rmdir "$root" 2>/dev/null || true
  done
}
