package io.virtforge.fake.kernel;

import java.util.List;

/** How a CPU of a {@link FakeSysfs} host looks: its node, socket, die, core, online state and governor. */
public final class CpuSpec {
    Integer node;
    Integer socket;
    int die;
    Integer core;
    boolean online = true;
    String governor;
    List<String> availableGovernors = List.of("performance", "powersave");

    CpuSpec() {
    }

    /** The NUMA node (default: the node whose CPU list holds it, else 0). */
    public CpuSpec node(int id) {
        this.node = id;
        return this;
    }

    /** The socket, {@code physical_package_id} (default: the node). */
    public CpuSpec socket(int id) {
        this.socket = id;
        return this;
    }

    /** The die within the socket (default 0). */
    public CpuSpec die(int id) {
        this.die = id;
        return this;
    }

    /** The core; CPUs with the same socket, die and core are thread siblings (default: the CPU id). */
    public CpuSpec core(int id) {
        this.core = id;
        return this;
    }

    /** Whether the CPU is online (default true). */
    public CpuSpec online(boolean on) {
        this.online = on;
        return this;
    }

    /** Gives the CPU a {@code cpufreq} folder with this governor (default: no cpufreq, as in most VMs). */
    public CpuSpec governor(String name) {
        this.governor = name;
        return this;
    }

    /** The governors a write to {@code scaling_governor} may choose (default performance, powersave). */
    public CpuSpec availableGovernors(String... names) {
        this.availableGovernors = List.of(names);
        return this;
    }
}
