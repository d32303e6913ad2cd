package io.virtforge.cli;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.plan.Placement;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import java.nio.file.Path;
import java.util.Map;

/**
 * The seed's tuned VM around a placement: host-passthrough CPU (a generic model under TCG) with one socket
 * (and SMT when the vCPUs sit on pairs of sibling threads),
 * locked huge-page memory, a qcow2 disk on virtio-scsi with cache none, io native, discard unmap and the I/O
 * thread, a virtio NIC with vhost and a queue per vCPU, a pty console or the serial to a file, and direct
 * kernel boot when asked.
 */
record VmRecipe(String name, DomainType type, Path disk, String network, Path kernel, Path initrd, String cmdline,
        Path serialLog, String machine, boolean lockMemory) {
    Domain build(Placement placement, HostTopology host) {
        int vcpus = placement.vcpuPins().size();
        int threads = threadsPerCore(placement.vcpuPins(), host);
        DomainBuilder b = placement.applyTo(DomainBuilder.named(name).type(type));
        if (machine != null) {
            b.machine(machine);
        }
        b.cpu(c -> {
            if (type == DomainType.KVM) {
                c.hostPassthrough();
            } else {
                c.model("qemu64"); // TCG cannot pass the host CPU through
            }
            c.topology(1, vcpus / threads, threads);
        });
        if (lockMemory) {
            b.lockedMemory();
        }
        b.disk(d -> d.file(disk.toString()).qcow2().virtioScsi().cacheNone().ioNative().discardUnmap().iothread(1));
        if (!network.equals("none")) {
            b.nic(n -> n.network(network).virtio().vhost().queuesPerVcpu());
        }
        if (kernel != null) {
            b.directKernelBoot(kernel.toAbsolutePath().toString(),
                    initrd == null ? null : initrd.toAbsolutePath().toString(), cmdline);
        }
        if (serialLog != null) {
            b.serialToFile(serialLog.toAbsolutePath().toString());
        }
        return b.assemble();
    }

    /**
     * 2 when the vCPUs come in pairs pinned to the two SMT threads of one host core (so the guest is told it
     * has SMT and schedules accordingly), else 1.
     */
    static int threadsPerCore(Map<Integer, CpuSet> pins, HostTopology host) {
        if (pins.size() % 2 != 0) {
            return 1;
        }
        for (int v = 0; v < pins.size(); v += 2) {
            CpuSet a = pins.get(v);
            CpuSet b = pins.get(v + 1);
            if (a == null || b == null || a.size() != 1 || b.size() != 1) {
                return 1;
            }
            int cpuA = a.first().getAsInt();
            int cpuB = b.first().getAsInt();
            CpuSet siblings = host.cpu(cpuA).map(HostCpu::siblings).orElse(CpuSet.of(cpuA));
            if (cpuA == cpuB || !siblings.contains(cpuB) || siblings.size() != 2) {
                return 1;
            }
        }
        return 2;
    }
}
