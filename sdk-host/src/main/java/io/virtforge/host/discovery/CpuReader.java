package io.virtforge.host.discovery;

import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.HostCpu;
import io.virtforge.value.CpuSet;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code /sys/devices/system/cpu}: the online, isolated and present lists and each CPU's
 * {@code topology} folder. SMT siblings come from {@code thread_siblings_list}, else the older
 * {@code thread_siblings} mask, else the CPU alone. An offline CPU has no {@code topology} folder: its
 * package topology stays unknown.
 */
final class CpuReader {
    private final Sysfs sysfs;

    CpuReader(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    CpuSet online() {
        return list(CpuPaths.ONLINE).orElse(CpuSet.empty());
    }

    CpuSet isolated() {
        return list(CpuPaths.ISOLATED).orElse(CpuSet.empty());
    }

    /** The present CPUs: {@code present}, else the {@code cpuN} folders. */
    CpuSet present() {
        Optional<CpuSet> present = list(CpuPaths.PRESENT);
        if (present.isPresent()) {
            return present.get();
        }
        return sysfs.isDirectory(CpuPaths.CPUS) ? KernelValues.numbered(sysfs.list(CpuPaths.CPUS), "cpu")
                : CpuSet.empty();
    }

    private Optional<CpuSet> list(SysfsPath path) {
        return sysfs.readTrimmedIfExists(path).map(KernelValues::cpuList);
    }

    /** One CPU on its node, with whatever topology its folder shows. */
    HostCpu read(int id, int node, boolean online, boolean isolated) {
        HostCpu cpu = HostCpu.of(id, node).withOnline(online).withIsolated(isolated);
        SysfsPath topology = CpuPaths.cpu(id).resolve("topology");
        Optional<String> core = sysfs.readTrimmedIfExists(CpuPaths.coreId(id));
        if (core.isEmpty()) {
            return cpu;
        }
        int socket = value(CpuPaths.physicalPackageId(id));
        int die = value(CpuPaths.dieId(id));
        CpuSet siblings = sysfs.readTrimmedIfExists(CpuPaths.threadSiblingsList(id)).map(KernelValues::cpuList)
                .or(() -> sysfs.readTrimmedIfExists(topology.resolve("thread_siblings")).map(KernelValues::cpuMask))
                .orElse(CpuSet.of(id));
        return cpu.withTopology(socket, socket < 0 ? -1 : Math.max(die, 0), KernelValues.integer(core.get()).orElse(-1),
                siblings);
    }

    private int value(SysfsPath path) {
        return sysfs.readTrimmedIfExists(path).map(KernelValues::integer).orElse(OptionalInt.empty()).orElse(-1);
    }
}
