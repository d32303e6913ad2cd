package io.virtforge.host.sysfs;

/** Paths of CPUs under {@code /sys/devices/system/cpu}. */
public final class CpuPaths {
    /** {@code /sys/devices/system/cpu}. */
    public static final SysfsPath CPUS = SysfsPath.of("sys", "devices", "system", "cpu");
    /** The online CPUs, a CPU list. */
    public static final SysfsPath ONLINE = CPUS.resolve("online");
    /** The CPUs isolated from the scheduler ({@code isolcpus=}), a CPU list, empty when none. */
    public static final SysfsPath ISOLATED = CPUS.resolve("isolated");
    /** The possible CPUs. */
    public static final SysfsPath POSSIBLE = CPUS.resolve("possible");
    /** The cpuidle driver in use ({@code intel_idle}, {@code acpi_idle}, {@code none}...). */
    public static final SysfsPath CPUIDLE_DRIVER = CPUS.resolve("cpuidle", "current_driver");
    /** The present CPUs. */
    public static final SysfsPath PRESENT = CPUS.resolve("present");

    private CpuPaths() {
    }

    /** {@code /sys/devices/system/cpu/cpu<n>}. */
    public static SysfsPath cpu(int cpu) {
        return CPUS.resolveNumbered("cpu", cpu);
    }

    private static SysfsPath topology(int cpu, String name) {
        return cpu(cpu).resolve("topology", name);
    }

    /** The socket of the CPU. */
    public static SysfsPath physicalPackageId(int cpu) {
        return topology(cpu, "physical_package_id");
    }

    /** The die of the CPU within its socket. */
    public static SysfsPath dieId(int cpu) {
        return topology(cpu, "die_id");
    }

    /** The core of the CPU within its die. */
    public static SysfsPath coreId(int cpu) {
        return topology(cpu, "core_id");
    }

    /** The hardware threads sharing the CPU's core, a CPU list. */
    public static SysfsPath threadSiblingsList(int cpu) {
        return topology(cpu, "thread_siblings_list");
    }

    /** The CPU's frequency governor. */
    public static SysfsPath scalingGovernor(int cpu) {
        return cpu(cpu).resolve("cpufreq", "scaling_governor");
    }

    /** The CPU's frequency scaling driver ({@code intel_pstate}, {@code amd-pstate}, {@code acpi-cpufreq}...). */
    public static SysfsPath scalingDriver(int cpu) {
        return cpu(cpu).resolve("cpufreq", "scaling_driver");
    }
}
