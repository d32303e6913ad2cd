package io.virtforge.monitor;

import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsReadException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one QEMU process's {@code numa_maps} and its vCPU threads' {@code comm} and {@code schedstat}. */
final class ProcessReader {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessReader.class);

    private ProcessReader() {
    }

    /** The process's facts, empty when it exited while being read. */
    static Optional<ProcessFacts> read(Sysfs sysfs, int pid) {
        try {
            NumaMaps memory = NumaMaps.parse(sysfs.read(ProcFiles.numaMaps(pid)));
            List<VcpuThread> vcpus = new ArrayList<>();
            for (String name : sysfs.list(ProcFiles.tasks(pid))) {
                int tid = ProcFiles.number(name);
                if (tid > 0) {
                    VcpuThread.vcpuOf(sysfs.read(ProcFiles.taskComm(pid, tid))).ifPresent(vcpu -> vcpus.add(
                            new VcpuThread(vcpu, tid, Schedstat.parse(sysfs.read(ProcFiles.taskSchedstat(pid, tid))))));
                }
            }
            vcpus.sort(Comparator.comparingInt(VcpuThread::vcpu));
            return Optional.of(new ProcessFacts(pid, memory, vcpus));
        } catch (SysfsReadException e) {
            LOG.debug("QEMU process {} not readable (exited?): {}", pid, e.getMessage());
            return Optional.empty();
        }
    }
}
