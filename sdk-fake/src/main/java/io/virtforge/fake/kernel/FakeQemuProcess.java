package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code /proc/PID} files of one fake QEMU process, as the monitor reads them: {@code cmdline} (with libvirt's
 * {@code -name guest=NAME} and {@code -uuid UUID}), {@code numa_maps} (one small-page mapping for QEMU's own memory
 * and the guest's RAM, one huge-page mapping when the guest has huge pages), and one thread per vCPU in
 * {@code task/TID} named {@code CPU n/KVM} with its {@code schedstat}. Tests move its memory between nodes and
 * advance its vCPUs' run and wait times; each change rewrites the files.
 */
public final class FakeQemuProcess {
    private final FakeSysfs sysfs;
    private final int pid;
    private final UUID uuid;
    private final int vcpus;
    private final Map<Integer, Long> smallBytes = new TreeMap<>();
    private final Map<Integer, Long> hugeBytes = new TreeMap<>();
    private PageSize hugePageSize;
    private final long[] runNanos;
    private final long[] waitNanos;

    FakeQemuProcess(FakeSysfs sysfs, int pid, UUID uuid, String name, int vcpus) {
        this.sysfs = sysfs;
        this.pid = pid;
        this.uuid = uuid;
        this.vcpus = vcpus;
        this.runNanos = new long[vcpus];
        this.waitNanos = new long[vcpus];
        sysfs.createReadOnlyFile(dir().resolve("cmdline"), String.join("\0", "/usr/bin/qemu-system-x86_64", "-name",
                "guest=" + name + ",debug-threads=on", "-uuid", uuid.toString(), "-smp", String.valueOf(vcpus)) + "\0");
        sysfs.createReadOnlyFile(dir().resolve("comm"), "qemu-system-x86\n");
        sysfs.createReadOnlyFile(task(pid).resolve("comm"), "qemu-system-x86\n");
        sysfs.createReadOnlyFile(task(pid).resolve("schedstat"), "0 0 0\n");
        for (int v = 0; v < vcpus; v++) {
            sysfs.createReadOnlyFile(task(tid(v)).resolve("comm"), "CPU " + v + "/KVM\n");
        }
        writeSchedstats();
        writeNumaMaps();
    }

    /** The process id. */
    public int pid() {
        return pid;
    }

    /** The domain's UUID, as on the command line. */
    public UUID uuid() {
        return uuid;
    }

    /** The thread id of a vCPU's thread. */
    public int tid(int vcpu) {
        if (vcpu < 0 || vcpu >= vcpus) {
            throw new IllegalArgumentException("no vCPU " + vcpu + " in a guest of " + vcpus);
        }
        return pid + 1 + vcpu;
    }

    /** Sets the guest's resident memory in small pages on a node (0 removes it from the node). */
    public synchronized FakeQemuProcess smallPagesOn(int node, DataSize size) {
        put(smallBytes, node, size);
        writeNumaMaps();
        return this;
    }

    /** Sets the guest's resident memory in huge pages of a size on a node; the huge mapping then exists. */
    public synchronized FakeQemuProcess hugePagesOn(int node, PageSize pageSize, DataSize size) {
        hugePageSize = pageSize;
        put(hugeBytes, node, size);
        writeNumaMaps();
        return this;
    }

    /** Adds run time and wait time to a vCPU thread's {@code schedstat}. */
    public synchronized FakeQemuProcess advanceVcpu(int vcpu, long ranNanos, long waitedNanos) {
        tid(vcpu);
        runNanos[vcpu] += ranNanos;
        waitNanos[vcpu] += waitedNanos;
        writeSchedstats();
        return this;
    }

    /** Removes the process's files, as its exit does. */
    public void exit() {
        sysfs.remove(dir());
    }

    private static void put(Map<Integer, Long> map, int node, DataSize size) {
        if (size.bytes() == 0) {
            map.remove(node);
        } else {
            map.put(node, size.bytes());
        }
    }

    private SysfsPath dir() {
        return SysfsPath.of("proc").resolveNumbered("", pid);
    }

    private SysfsPath task(int tid) {
        return dir().resolve("task").resolveNumbered("", tid);
    }

    private void writeSchedstats() {
        for (int v = 0; v < vcpus; v++) {
            sysfs.createReadOnlyFile(task(tid(v)).resolve("schedstat"),
                    runNanos[v] + " " + waitNanos[v] + " " + (runNanos[v] / 4_000_000) + "\n");
        }
    }

    private void writeNumaMaps() {
        StringBuilder text = new StringBuilder();
        text.append("55d4c3a00000 default file=/usr/bin/qemu-system-x86_64 mapped=1024 N0=1024 kernelpagesize_kB=4\n");
        text.append("7f0000000000 default anon=").append(pages(smallBytes, 4096)).append(" dirty=")
                .append(pages(smallBytes, 4096));
        smallBytes.forEach((node, bytes) -> text.append(" N").append(node).append('=').append(bytes / 4096));
        text.append(" kernelpagesize_kB=4\n");
        if (hugePageSize != null) {
            long page = hugePageSize.bytes();
            text.append("7e0000000000 bind:").append(hugeBytes.isEmpty() ? 0 : hugeBytes.keySet().iterator().next())
                    .append(" file=/dev/hugepages/libvirt/qemu/").append(uuid).append(" huge dirty=")
                    .append(pages(hugeBytes, page));
            hugeBytes.forEach((node, bytes) -> text.append(" N").append(node).append('=').append(bytes / page));
            text.append(" kernelpagesize_kB=").append(page / 1024).append('\n');
        }
        sysfs.createReadOnlyFile(dir().resolve("numa_maps"), text.toString());
    }

    private static long pages(Map<Integer, Long> bytes, long pageSize) {
        return bytes.values().stream().mapToLong(b -> b / pageSize).sum();
    }
}
