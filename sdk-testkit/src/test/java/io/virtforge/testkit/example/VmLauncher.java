package io.virtforge.testkit.example;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Profile;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HostState;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.Comparator;

/**
 * A user's control-plane code, as the README's example tests it: it launches VMs on the NUMA node with the
 * most free 1 GiB pages, pins their vCPUs to free CPUs of that node, and restarts VMs whose emulator died.
 */
public final class VmLauncher {
    private final VirtConnection connection;

    /** Launches on this connection and heals crashed VMs. */
    public VmLauncher(VirtConnection connection) {
        this.connection = connection;
        connection.onLifecycle(this::heal);
    }

    /** Defines and starts a VM of {@code vcpus} vCPUs and {@code gib} GiB of 1 GiB pages. */
    public VirtDomain launch(String name, int vcpus, int gib) {
        HostState host = connection.hostState();
        NumaNode node = host.topology().nodes().stream()
                .max(Comparator.comparingLong(n -> host.freeHugePages(n.id(), PageSize.GIB_1))).orElseThrow();
        int[] cpus = node.cpus().stream().filter(c -> host.vcpuPinnedBy(c).isEmpty()).limit(vcpus).toArray();
        VirtDomain vm = connection.define(DomainBuilder.named(name).vcpus(vcpus).memory(DataSize.gib(gib))
                .hugepages(PageSize.GIB_1).memoryOn(NumaMode.STRICT, NodeSet.of(node.id()))
                .pinVcpus(CpuSet.of(cpus)).build(), DefineOptions.againstHost(Profile.STANDARD));
        vm.start();
        return vm;
    }

    private void heal(LifecycleEvent e) {
        if (e.type() == LifecycleEvent.Type.STOPPED && e.detail() == 5) { // VIR_DOMAIN_EVENT_STOPPED_FAILED
            connection.lookup(e.uuid()).ifPresent(VirtDomain::start);
        }
    }
}
