package io.virtforge.fake.libvirt;

import io.virtforge.connect.Scope;
import io.virtforge.model.Device;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PciAddress;
import java.util.Optional;
import java.util.UUID;

/**
 * Live and persistent changes of a domain as libvirt applies them for a {@link Scope}: a live change of a
 * shut-off domain and a persistent change of a transient one are refused (in that order, as
 * {@code virDomainObjUpdateModificationImpact}); with {@link Scope#BOTH} the persistent change is checked
 * first, then the live one, and both are kept only when both succeed. Hot-plugged PCI devices are taken and
 * given back like at start and stop.
 */
final class DomainTuning {
    private DomainTuning() {
    }

    /** One change, given the entry, the definition to change and whether it is the running one. */
    @FunctionalInterface
    interface Edit {
        Domain apply(DomainEntry entry, Domain definition, boolean live);
    }

    static void edit(FakeState state, UUID uuid, String name, String operation, Scope scope, Edit edit) {
        synchronized (state.host) {
            state.call(operation);
            DomainEntry e = state.entry(uuid, name);
            boolean live = scope != Scope.CONFIG;
            boolean config = scope != Scope.LIVE;
            if (live && !e.active()) {
                throw FakeErrors.notRunning(name);
            }
            if (config && !e.persistent) {
                throw FakeErrors.transientConfig(name);
            }
            Domain newConfig = config ? edit.apply(e, e.config, false) : null;
            Domain newLive = live ? edit.apply(e, e.live, true) : null;
            if (newConfig != null) {
                e.config = newConfig;
            }
            if (newLive != null) {
                e.live = newLive;
                e.runtime.devices(newLive, state.now());
                e.runtime.vcpus(state.now(), newLive.vcpuCount());
            }
        }
    }

    static void attach(FakeState state, UUID uuid, String name, Device device, Scope scope) {
        edit(state, uuid, name, "attachDevice", scope, (e, d, live) -> {
            if (!live) {
                return DomainEdits.attach(d, device, false);
            }
            StartChecks.check(device, state.host.networks, state.host.storage);
            Device plugged = LiveXml.plug(d, device, state::nextTap);
            Domain changed = DomainEdits.attach(d, plugged, true);
            Optional<PciAddress> pci = pciOf(device);
            if (pci.isPresent()) {
                Allocation taken = state.resources.acquireDevice(changed, pci.get(), state.holders(), state::timestamp);
                e.allocation.devices.addAll(taken.devices);
                e.allocation.managed.addAll(taken.managed);
            }
            return changed;
        });
    }

    static void detach(FakeState state, UUID uuid, String name, Device device, Scope scope) {
        edit(state, uuid, name, "detachDevice", scope, (e, d, live) -> {
            Domain changed = DomainEdits.detach(d, device, live);
            if (live) {
                DomainEdits.match(d, device).flatMap(DomainTuning::pciOf)
                        .ifPresent(pci -> state.resources.releaseDevice(e.allocation, pci));
            }
            return changed;
        });
    }

    static void update(FakeState state, UUID uuid, String name, Device device, Scope scope) {
        edit(state, uuid, name, "updateDevice", scope, (e, d, live) -> DomainEdits.update(d, device, live));
    }

    static void setNumaTune(FakeState state, UUID uuid, String name, NumaMode mode, NodeSet nodes, Scope scope) {
        edit(state, uuid, name, "setNumaTune", scope, (e, d, live) -> {
            if (live) {
                checkLiveNuma(state, name, d, mode, nodes);
            }
            return DomainEdits.setNumaTune(d, mode, nodes);
        });
    }

    /**
     * QEMU's rules for a live NUMA change (transcript-issue19.txt): the nodes must exist; a domain without
     * {@code <numatune>} takes any policy; otherwise the mode cannot change, and the nodeset can change only
     * in restrictive mode.
     */
    private static void checkLiveNuma(FakeState state, String name, Domain d, NumaMode mode, NodeSet nodes) {
        for (int node : nodes.toArray()) {
            if (!state.resources.base().hasNode(node)) {
                throw FakeErrors.nodeUnavailable(node);
            }
        }
        NumaTune.Memory current = d.numatune().flatMap(NumaTune::memory).orElse(null);
        if (current == null) {
            return;
        }
        if (current.mode().orElse(NumaMode.STRICT) != mode) {
            throw FakeErrors.numaModeLive(name);
        }
        if (current.nodeset().map(nodes::equals).orElse(true)) {
            return;
        }
        if (mode == NumaMode.STRICT) {
            throw FakeErrors.strictNodesetLive(name);
        }
        if (mode != NumaMode.RESTRICTIVE) {
            throw FakeErrors.nodesetLiveNeedsRestrictive(name);
        }
    }

    static Optional<PciAddress> pciOf(Device device) {
        if (device instanceof Hostdev h) {
            return h.sourcePci();
        }
        if (device instanceof NetInterface n) {
            return n.sourcePci();
        }
        return Optional.empty();
    }
}
