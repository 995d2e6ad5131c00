#!/usr/bin/env python3
"""Solve one LP file with HiGHS (highspy) and print one JSON line: status, objective, times, peak RSS.

The national distribution benchmark (Benchmarks/DistributionBenchmark) runs it as a child process on the
same CPLEX LP file it gives glpsol, so HiGHS, a solver users would pick instead, is measured on the same
monolithic problem. Reading and solving are timed apart so that the interpreter's start-up and the import
of highspy (measured by the parent as the whole process) can be told from HiGHS's own work.

usage: solve_lp.py FILE.lp [--threads N] [--solver choose|simplex|ipm|pdlp]
"""
import json
import resource
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    path = args[0]
    threads = int(args[args.index("--threads") + 1]) if "--threads" in args else 0
    solver = args[args.index("--solver") + 1] if "--solver" in args else "choose"
    start = time.perf_counter()
    import highspy  # timed: part of what a user pays for HiGHS from Python

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if threads > 0:
        h.setOptionValue("threads", threads)
    h.setOptionValue("solver", solver)
    imported = time.perf_counter()
    status = h.readModel(path)
    read = time.perf_counter()
    if status == highspy.HighsStatus.kError:
        print(json.dumps({"status": "read-error", "file": path}))
        return 1
    h.run()
    solved = time.perf_counter()
    info = h.getInfo()
    model_status = h.modelStatusToString(h.getModelStatus())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "status": model_status,
        "objective": info.objective_function_value,
        "import_seconds": imported - start,
        "read_seconds": read - imported,
        "solve_seconds": solved - read,
        "simplex_iterations": info.simplex_iteration_count,
        "ipm_iterations": info.ipm_iteration_count,
        "peak_rss_kib": usage.ru_maxrss,  # KiB on Linux
        "version": h.version() if hasattr(h, "version") else "?",
        "threads": threads,
        "solver": solver,
    }))
    return 0 if model_status == "Optimal" else 3


if __name__ == "__main__":
    sys.exit(main())
