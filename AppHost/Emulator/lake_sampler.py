"""A sampling profiler for lake_moto: where the emulator's threads spend their time under a real load.

cProfile sees only the thread that starts it, and moto answers each request on a thread of its own. With
LAKE_MOTO_SAMPLE=FILE, lake_moto starts this sampler: every 10 ms it takes every thread's stack and the CPU time
each thread used since the last sample (or since it started) (Linux's /proc/self/task/TID/stat, in clock ticks), and weighs each stack by
that CPU time: a thread that waits (for a connection, a lock, the GIL, the disk) adds nothing. A request's thread
that ends between two samples is not seen: the tables show where the longer requests spend their time. It counts each
function on the stack once (inclusive) and the innermost one (exclusive). At stop it writes both tables to FILE, as
shares of the CPU time seen. Diagnostics only: nothing else starts it.
"""

import collections
import os
import sys
import threading
import time



class Sampler:
    def __init__(self, path, interval=0.01):
        self.path, self.interval = path, interval
        self.inclusive, self.exclusive = collections.Counter(), collections.Counter()
        self.samples = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True, name="sampler")

    def start(self):
        self.thread.start()
        return self

    def run(self):
        me, last = threading.get_ident(), {}
        while not self.stopping.wait(self.interval):
            native = {t.ident: t.native_id for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                if ident == me or ident not in native:
                    continue
                # A thread first seen is counted from its start: werkzeug starts one per request.
                ticks = _cpu_ticks(native[ident])
                used, last[native[ident]] = ticks - last.get(native[ident], 0), ticks
                if used <= 0:
                    continue
                self.samples += used
                self.exclusive[self._name(frame)] += used
                seen = set()
                while frame is not None:
                    name = self._name(frame)
                    if name not in seen:
                        seen.add(name)
                        self.inclusive[name] += used
                    frame = frame.f_back

    @staticmethod
    def _name(frame):
        code = frame.f_code
        path = code.co_filename
        short = path.split("site-packages/")[-1] if "site-packages/" in path else os.path.basename(path)
        return f"{short}:{code.co_firstlineno}({code.co_name})"

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=1)
        with open(self.path, "w", encoding="utf-8") as file:
            file.write(f"# {self.samples} clock ticks of CPU seen in samples every {self.interval * 1000:.0f} ms, written {time.ctime()}\n")
            for title, counter in (("inclusive", self.inclusive), ("exclusive", self.exclusive)):
                file.write(f"\n## {title}\n")
                for name, count in counter.most_common(60):
                    file.write(f"{count * 100 / max(self.samples, 1):6.1f}%  {name}\n")


def _cpu_ticks(native_id):
    """The thread's user and system CPU time so far, in clock ticks; 0 once it has ended."""
    try:
        with open(f"/proc/self/task/{native_id}/stat", encoding="ascii") as file:
            fields = file.read().rpartition(")")[2].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0
