package io.virtforge.fake.kernel;

import java.util.List;

/** A CPU of the fake host with its topology resolved. */
record CpuState(int id, int node, int socket, int die, int core, boolean online, String governor,
        List<String> availableGovernors) {
    boolean sameCore(CpuState other) {
        return socket == other.socket && die == other.die && core == other.core;
    }
}
