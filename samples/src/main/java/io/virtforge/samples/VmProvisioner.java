package io.virtforge.samples;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Profile;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.time.Duration;

/**
 * A sample of control-plane code built on the SDK, as a user would write it (and test it offline, see
 * {@code OfflineControlPlaneTest}): it provisions latency-sensitive VMs where the host has room (dedicated
 * vCPUs, 2 MiB pages, one guest NUMA cell), never leaves a half-made VM behind, and retires VMs.
 * Works on any {@link VirtConnection}: {@code qemu:///system} in production, {@code fake:///xeon-2s} in tests.
 */
public final class VmProvisioner {
    private final VirtConnection connection;
    private final Planner planner = Planner.create();

    /** Provisions on this connection. */
    public VmProvisioner(VirtConnection connection) {
        this.connection = connection;
    }

    /** The host has no room for a request; {@link #reasons()} says why, per node. */
    public static final class NoCapacityException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient NoFit reasons;

        NoCapacityException(String name, NoFit reasons) {
            super("no room for " + name + ": " + reasons);
            this.reasons = reasons;
        }

        /** The planner's reasons. */
        public NoFit reasons() {
            return reasons;
        }
    }

    /**
     * Places, defines and starts a VM of {@code vcpus} dedicated vCPUs and {@code memory} of 2 MiB pages on
     * one NUMA node; throws {@link NoCapacityException} when no node has room. A VM that fails to start is
     * undefined again.
     */
    public VirtDomain provision(String name, int vcpus, DataSize memory) {
        HostState host = connection.hostState();
        PlacementResult result = planner.plan(PlacementRequest.builder(vcpus, memory).cells(1)
                .pageSize(PageSize.MIB_2).build(), host);
        Placement placement = result.placement()
                .orElseThrow(() -> new NoCapacityException(name, result.noFit().orElseThrow()));
        DomainBuilder b = placement.applyTo(DomainBuilder.named(name)).cpu(c -> c.hostPassthrough())
                .lockedMemory();
        VirtDomain vm = connection.define(b.assemble(), DefineOptions.againstHost(Profile.LATENCY_SENSITIVE));
        try {
            vm.start();
        } catch (VirtException e) {
            vm.undefine();
            throw e;
        }
        return vm;
    }

    /** Shuts a VM down (destroying it after {@code grace}) and removes its definition. */
    public void retire(String name, Duration grace) {
        connection.lookup(name).ifPresent(vm -> {
            if (vm.state().isActive()) {
                vm.shutdown(grace);
            }
            vm.undefine();
        });
    }

    /** The share of its vCPUs a running VM used over {@code window} (0 to 1), from two CPU time readings. */
    public double busy(VirtDomain vm, long cpuTimeBefore, Duration window) {
        long used = vm.cpuTime() - cpuTimeBefore;
        return used / (double) window.toNanos() / vm.vcpus().size();
    }

    /**
     * Provisions one VM and says where it went: {@code VmProvisioner [URI [NAME [VCPUS [GIB]]]]}, by default
     * {@code fake:///xeon-2s demo 4 4} (a fake host in this process: nothing changes on this machine). With
     * {@code qemu:///system} it defines and starts a real VM (without a disk: it boots nothing; remove it with
     * {@code virsh destroy NAME; virsh undefine NAME}).
     */
    public static void main(String... args) {
        String uri = args.length > 0 ? args[0] : "fake:///xeon-2s";
        String name = args.length > 1 ? args[1] : "demo";
        int vcpus = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long gib = args.length > 3 ? Long.parseLong(args[3]) : 4;
        try (VirtConnection connection = VirtConnections.open(uri)) {
            VirtDomain vm = new VmProvisioner(connection).provision(name, vcpus, DataSize.gib(gib));
            System.out.println(vm.name() + " is " + vm.state() + " on " + uri + ": " + vcpus + " dedicated vCPUs, "
                    + gib + " GiB of 2 MiB pages on one NUMA node");
        } catch (NoCapacityException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
