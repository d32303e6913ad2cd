package io.virtforge.monitor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vCPU thread of a QEMU process: QEMU names them {@code CPU <n>/KVM} (or {@code CPU <n>/TCG} under emulation) in
 * {@code /proc/PID/task/TID/comm}.
 *
 * @param vcpu      the vCPU number
 * @param tid       the thread id
 * @param schedstat its run and wait time
 */
public record VcpuThread(int vcpu, int tid, Schedstat schedstat) {
    private static final Pattern COMM = Pattern.compile("CPU (\\d{1,5})/(KVM|TCG)");

    /** The vCPU number a thread name stands for, empty for QEMU's other threads. */
    public static Optional<Integer> vcpuOf(String comm) {
        Matcher m = COMM.matcher(comm.strip());
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
