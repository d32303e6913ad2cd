package io.virtforge.testing;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.BootDevice;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed's example domains written as builder programs, shared by the tests of several modules. */
public final class SeedPrograms {
    private SeedPrograms() {
    }

    /**
     * The seed's inputs for high-perf-vm (8 vCPUs, 16 GiB, 2 MiB pages, host node 0, CPUs 2-9,
     * emulator 0-1, virtio-scsi with queues 8 and I/O thread 1, a virtio NIC with vhost, 8 queues and
     * txmode iothread, VNC) given to the fluent builder.
     */
    public static DomainBuilder highPerfVm() {
        return DomainBuilder.named("high-perf-vm")
                .memory(DataSize.gib(16)).hugepages(PageSize.MIB_2).lockedMemory()
                .vcpus(8)
                .cpu(c -> c.hostPassthrough().check("none").topology(1, 8, 1))
                .numaCell(CpuSet.range(0, 7), DataSize.gib(16))
                .memoryOn(NumaMode.STRICT, NodeSet.of(0))
                .pinVcpus(CpuSet.range(2, 9)).pinEmulator(CpuSet.range(0, 1))
                .machine("pc-q35-7.2").boot(BootDevice.HD)
                .disk(d -> d.file("/var/lib/libvirt/images/high-perf-vm.qcow2").qcow2().virtioScsi().target("sda")
                        .iothread(1))
                .scsiQueues(8)
                .nic(n -> n.network("default").queues(8).txmodeIothread())
                .vnc();
    }

    /** The corrected seed (see the comment at the top of the file for each difference from the seed). */
    public static String highPerfVmCorrectedXml() {
        try (InputStream in = SeedPrograms.class.getResourceAsStream("high-perf-vm-corrected.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helper for tests: the built seed domain. */
    public static Domain highPerfVmDomain() {
        return highPerfVm().build();
    }
}
