"""Peak memory of this process, measured so that a parent's memory does not count.

ru_maxrss is the wrong number here: Linux carries it across exec, so a child started by a parent that
holds 200 MB (the generated test data) reports at least 200 MB whatever it does itself. VmHWM belongs to
the process's own address space and starts afresh at exec.
"""
from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: an upper bound
