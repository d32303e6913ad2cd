package io.virtforge.host.sysfs;

/** Paths of procfs files the host helpers read. */
public final class ProcPaths {
    /** {@code /proc/meminfo}. */
    public static final SysfsPath MEMINFO = SysfsPath.of("proc", "meminfo");
    /** {@code /proc/mounts}. */
    public static final SysfsPath MOUNTS = SysfsPath.of("proc", "mounts");
    /** {@code /proc/cpuinfo}: one block per CPU; the audit and the KVM facts read its {@code vendor_id}. */
    public static final SysfsPath CPUINFO = SysfsPath.of("proc", "cpuinfo");
    /** {@code /proc/cmdline}: the kernel command line. */
    public static final SysfsPath CMDLINE = SysfsPath.of("proc", "cmdline");
    /** {@code /proc/net/route}: the IPv4 routing table, one route per line, the interface first. */
    public static final SysfsPath NET_ROUTE = SysfsPath.of("proc", "net", "route");

    private ProcPaths() {
    }
}
