package io.virtforge.monitor;

import io.virtforge.host.sysfs.SysfsPath;

/** The {@code /proc} files the monitor reads, built from checked numbers only. */
final class ProcFiles {
    static final SysfsPath PROC = SysfsPath.of("proc");
    /** Per host CPU: its busy and idle time ({@code cpuN} lines). */
    static final SysfsPath STAT = PROC.resolve("stat");

    private ProcFiles() {
    }

    static SysfsPath process(int pid) {
        return PROC.resolveNumbered("", pid);
    }

    static SysfsPath cmdline(int pid) {
        return process(pid).resolve("cmdline");
    }

    static SysfsPath numaMaps(int pid) {
        return process(pid).resolve("numa_maps");
    }

    static SysfsPath tasks(int pid) {
        return process(pid).resolve("task");
    }

    static SysfsPath taskComm(int pid, int tid) {
        return tasks(pid).resolveNumbered("", tid).resolve("comm");
    }

    static SysfsPath taskSchedstat(int pid, int tid) {
        return tasks(pid).resolveNumbered("", tid).resolve("schedstat");
    }

    /** The number a {@code /proc} entry name stands for, or -1 for a name that is not a process id. */
    static int number(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(name);
    }
}
