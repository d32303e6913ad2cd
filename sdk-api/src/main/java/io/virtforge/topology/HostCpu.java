package io.virtforge.topology;

import io.virtforge.value.CpuSet;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One logical host CPU: its NUMA node, its place in the package (socket, die, core), its SMT siblings
 * (the logical CPUs of the same core, itself included), and whether it is online and isolated from
 * the scheduler ({@code isolcpus}).
 */
public final class HostCpu {
    private final int id;
    private final int node;
    private final int socket;
    private final int die;
    private final int core;
    private final CpuSet siblings;
    private final boolean online;
    private final boolean isolated;

    private HostCpu(int id, int node, int socket, int die, int core, CpuSet siblings, boolean online,
            boolean isolated) {
        if (id < 0 || node < 0) {
            throw new IllegalArgumentException("cpu " + id + " on node " + node);
        }
        this.id = id;
        this.node = node;
        this.socket = socket;
        this.die = die;
        this.core = core;
        this.siblings = siblings.contains(id) ? siblings : siblings.union(CpuSet.of(id));
        this.online = online;
        this.isolated = isolated;
    }

    /** An online, not isolated CPU on {@code node} whose package topology is unknown. */
    public static HostCpu of(int id, int node) {
        return new HostCpu(id, node, -1, -1, -1, CpuSet.of(id), true, false);
    }

    /** The CPU with its package topology and SMT siblings. */
    public HostCpu withTopology(int socketId, int dieId, int coreId, CpuSet siblingCpus) {
        return new HostCpu(id, node, socketId, dieId, coreId, Objects.requireNonNull(siblingCpus), online, isolated);
    }

    /** The CPU online or offline. */
    public HostCpu withOnline(boolean isOnline) {
        return new HostCpu(id, node, socket, die, core, siblings, isOnline, isolated);
    }

    /** The CPU isolated from the scheduler or not. */
    public HostCpu withIsolated(boolean isIsolated) {
        return new HostCpu(id, node, socket, die, core, siblings, online, isIsolated);
    }

    /** The CPU id. */
    public int id() {
        return id;
    }

    /** The NUMA node. */
    public int node() {
        return node;
    }

    /** The socket ({@code physical_package_id}), when known. */
    public OptionalInt socket() {
        return socket < 0 ? OptionalInt.empty() : OptionalInt.of(socket);
    }

    /** The die, when known. */
    public OptionalInt die() {
        return die < 0 ? OptionalInt.empty() : OptionalInt.of(die);
    }

    /** The core id within the die, when known. */
    public OptionalInt core() {
        return core < 0 ? OptionalInt.empty() : OptionalInt.of(core);
    }

    /** The SMT siblings, this CPU included. */
    public CpuSet siblings() {
        return siblings;
    }

    /** True when online. */
    public boolean online() {
        return online;
    }

    /** True when isolated from the general scheduler. */
    public boolean isolated() {
        return isolated;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostCpu c && c.id == id && c.node == node && c.socket == socket && c.die == die
                && c.core == core && c.siblings.equals(siblings) && c.online == online && c.isolated == isolated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, node, socket, die, core, siblings, online, isolated);
    }

    @Override
    public String toString() {
        return "cpu" + id + "{node " + node + ", socket " + socket + ", core " + core + ", siblings " + siblings
                + (online ? "" : ", offline") + (isolated ? ", isolated" : "") + "}";
    }
}
