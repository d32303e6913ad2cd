#!/usr/bin/env python3
"""The I/O floor of host discovery in Python: the same replay as sysfs_floor.c (see there) with os.open/
os.read/os.close, os.scandir, os.readlink and os.stat. Usage: sysfs_floor.py OPS.txt [PASSES=10]"""
import os
import stat
import statistics
import sys
import time


def replay(ops):
    s = 0
    for kind, path in ops:
        if kind == "read":
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                s -= 1
                continue
            try:
                while True:
                    b = os.read(fd, 4096)
                    if not b:
                        break
                    s += len(b)
            finally:
                os.close(fd)
        elif kind == "list":
            with os.scandir(path) as it:
                for e in it:
                    s += len(e.name)
        elif kind == "readlink":
            s += len(os.readlink(path))
        elif kind == "exists":
            try:
                os.stat(path)
                s += 1
            except FileNotFoundError:
                pass
        else:
            try:
                s += stat.S_ISDIR(os.stat(path).st_mode)
            except FileNotFoundError:
                pass
    return s


def main():
    ops = [tuple(line.rstrip("\n").split("\t", 1)) for line in open(sys.argv[1]) if "\t" in line]
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    replay(ops)
    wall, cpu = [], []
    for _ in range(passes):
        w0, c0 = time.perf_counter(), time.process_time()
        replay(ops)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    wall.sort()
    cpu.sort()
    print(f"Python floor: {len(ops)} operations, {passes} passes ({sys.version.split()[0]})")
    print(f"Python floor wall_ms min {wall[0]:.2f} median {statistics.median(wall):.2f} max {wall[-1]:.2f}; "
          f"cpu_ms min {cpu[0]:.2f} median {statistics.median(cpu):.2f} max {cpu[-1]:.2f}; "
          f"{statistics.median(wall) * 1000 / len(ops):.2f} us per operation (median wall)")


if __name__ == "__main__":
    main()
