"""Run one shell command; print its wall time and the peak resident memory of its processes.
Usage: python .ci/measure.py LABEL 'COMMAND'  (exits with the command's status)."""
import resource, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
rc = subprocess.call(cmd, shell=True)
wall, peak = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
print(f"[measure] {label}: exit {rc}, {wall / 60:.1f} min wall ({wall:.0f} s), peak memory {peak:.2f} GiB", flush=True)
sys.exit(rc)
