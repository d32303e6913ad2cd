package io.virtforge.connect;

/**
 * One vCPU of a running domain.
 *
 * @param number   the vCPU id
 * @param state    0 offline, 1 running, 2 blocked (libvirt's virVcpuState)
 * @param cpuTime  CPU time used, in nanoseconds
 * @param hostCpu  the host CPU it runs on now, -1 when unknown
 */
public record VcpuInfo(int number, int state, long cpuTime, int hostCpu) {
}
