package io.virtforge.fake.libvirt;

import io.virtforge.connect.NumaPolicy;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.model.IothreadId;
import io.virtforge.model.IothreadPin;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.NodeSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pinning and NUMA policy read back from a domain's XML the way libvirt reports them: a thread without
 * a pin may run on the domain's {@code <vcpu cpuset>}, else on every host CPU; no numatune is strict
 * with no nodes.
 */
final class PinReadback {
    private PinReadback() {
    }

    private static CpuSet unpinned(Domain d, HostTopology host) {
        return d.vcpu().flatMap(v -> v.cpuset()).orElse(host.allCpus());
    }

    /**
     * One entry per vCPU of the current count ({@code <vcpu current>}, else all): what sdk-libvirt reads, as it
     * asks {@code virDomainGetVcpuPinInfo} for {@code virDomainGetInfo}'s vCPU count, the current one.
     */
    static Map<Integer, CpuSet> vcpus(Domain d, HostTopology host) {
        Map<Integer, CpuSet> pins = new TreeMap<>();
        CpuTune tune = d.cputune().orElse(null);
        for (int v = 0; v < currentVcpus(d); v++) {
            int vcpu = v;
            pins.put(v, tune == null ? unpinned(d, host)
                    : tune.vcpuPin(vcpu).map(p -> p.cpuset()).orElse(unpinned(d, host)));
        }
        return pins;
    }

    /** The vCPUs online: {@code <vcpu current>}, else all of them. */
    static int currentVcpus(Domain d) {
        int current = d.vcpu().map(v -> v.current().orElse(d.vcpuCount())).orElse(d.vcpuCount());
        return Math.min(current, d.vcpuCount());
    }

    static CpuSet emulator(Domain d, HostTopology host) {
        return d.cputune().flatMap(CpuTune::emulatorPin).orElse(unpinned(d, host));
    }

    static Map<Integer, CpuSet> iothreads(Domain d, HostTopology host) {
        Map<Integer, CpuSet> pins = new TreeMap<>();
        int count = d.iothreads().orElse(0);
        for (IothreadId id : d.iothreadIds()) {
            pins.put(id.id(), unpinned(d, host));
        }
        for (int i = 1; pins.size() < count; i++) {
            pins.putIfAbsent(i, unpinned(d, host));
        }
        for (IothreadPin p : d.cputune().map(CpuTune::iothreadPins).orElse(java.util.List.of())) {
            pins.put(p.iothread(), p.cpuset());
        }
        return pins;
    }

    static NumaPolicy numa(Domain d) {
        NumaTune.Memory m = d.numatune().flatMap(NumaTune::memory).orElse(null);
        NumaMode mode = m == null ? NumaMode.STRICT : m.mode().orElse(NumaMode.STRICT);
        NodeSet nodes = m == null ? NodeSet.empty() : m.nodeset().orElse(NodeSet.empty());
        return new NumaPolicy(mode, nodes);
    }
}
