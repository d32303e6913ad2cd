package io.virtforge.cli;

import io.virtforge.connect.NumaPolicy;
import io.virtforge.connect.VcpuInfo;
import io.virtforge.connect.VirtDomain;
import io.virtforge.value.CpuSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A running domain's vCPUs as the hypervisor reports them ({@code virsh vcpuinfo}: vCPU, host CPU, state,
 * CPU time) and the pins read back (vCPUs, emulator, I/O threads, NUMA memory policy).
 */
record VcpuReport(List<VcpuInfo> vcpus, Map<Integer, CpuSet> pins, CpuSet emulator, Map<Integer, CpuSet> iothreads,
        NumaPolicy numa) {
    static VcpuReport read(VirtDomain vm) {
        return new VcpuReport(vm.vcpus(), vm.vcpuPins(), vm.emulatorPin(), vm.iothreadPins(), vm.numaTune());
    }

    static String state(int state) {
        return switch (state) {
            case 0 -> "offline";
            case 1 -> "running";
            case 2 -> "blocked";
            default -> "unknown";
        };
    }

    String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%4s  %8s  %-8s  %10s  %s%n", "vCPU",
                "host CPU", "state", "CPU time", "pinned to"));
        for (VcpuInfo v : vcpus) {
            sb.append(String.format(Locale.ROOT, "%4d  %8s  %-8s  %8.1f s  %s%n", v.number(),
                    v.hostCpu() < 0 ? "?" : Integer.toString(v.hostCpu()), state(v.state()), v.cpuTime() / 1e9,
                    pins.containsKey(v.number()) ? pins.get(v.number()).format() : "-"));
        }
        sb.append("emulator pinned to ").append(emulator.format());
        iothreads.forEach((id, s) -> sb.append("; I/O thread ").append(id).append(" pinned to ").append(s.format()));
        sb.append("; memory ").append(numa.mode().name().toLowerCase(Locale.ROOT)).append(" on ")
                .append(numa.nodes().isEmpty() ? "any node" : Counts.nodes(numa.nodes())).append('\n');
        return sb.toString();
    }

    Map<String, Object> json() {
        List<Object> list = new ArrayList<>();
        for (VcpuInfo v : vcpus) {
            list.add(JsonText.object("vcpu", v.number(), "hostCpu", v.hostCpu(), "state", state(v.state()),
                    "cpuTimeNs", v.cpuTime(), "pinnedTo", pins.containsKey(v.number()) ? pins.get(v.number()).format()
                            : null));
        }
        Map<String, Object> io = new LinkedHashMap<>();
        iothreads.forEach((id, s) -> io.put(Integer.toString(id), s.format()));
        return JsonText.object("vcpus", list, "emulatorPin", emulator.format(), "iothreadPins", io,
                "numatune", JsonText.object("mode", numa.mode().name().toLowerCase(Locale.ROOT),
                        "nodes", numa.nodes().format()));
    }
}
