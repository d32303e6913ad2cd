package io.virtforge.monitor;

import java.util.List;

/**
 * What the host's {@code /proc} tells about one domain's QEMU process.
 *
 * @param pid      the QEMU process id
 * @param memory   its memory per NUMA node
 * @param vcpus    its vCPU threads, by vCPU number
 */
public record ProcessFacts(int pid, NumaMaps memory, List<VcpuThread> vcpus) {
    /** Copies the list. */
    public ProcessFacts {
        vcpus = List.copyOf(vcpus);
    }
}
