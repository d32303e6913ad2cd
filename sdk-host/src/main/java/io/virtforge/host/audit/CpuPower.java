package io.virtforge.host.audit;

import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.KernelCommandLine;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.Sysfs;
import java.util.Optional;

/**
 * What drives a host's CPU power management, read through {@link Sysfs}: the vendor ({@code vendor_id} of
 * {@code /proc/cpuinfo}), the cpuidle driver and CPU 0's cpufreq driver. The audit's C-state, governor and
 * IOMMU advice depend on them: a kernel parameter for a driver that is not loaded does nothing, so advising
 * {@code intel_idle.max_cstate=0} on an AMD host, or any C-state change when cpuidle is {@code none}, is noise.
 * Each part is empty when its file cannot be read: the audit then says nothing rather than guess.
 *
 * @param vendor     {@code GenuineIntel}, {@code AuthenticAMD}...
 * @param idleDriver {@code intel_idle}, {@code acpi_idle}, {@code none}...
 * @param freqDriver {@code intel_pstate}, {@code intel_cpufreq}, {@code amd-pstate}, {@code amd-pstate-epp},
 *                   {@code acpi-cpufreq}...
 */
record CpuPower(Optional<String> vendor, Optional<String> idleDriver, Optional<String> freqDriver) {
    static final String INTEL = "GenuineIntel";
    static final String AMD = "AuthenticAMD";

    /** Reads the host's vendor and drivers. */
    static CpuPower read(Sysfs sysfs) {
        return new CpuPower(sysfs.readTrimmedIfExists(ProcPaths.CPUINFO).flatMap(t -> KernelValues.cpuinfoField(t,
                "vendor_id")),
                sysfs.readTrimmedIfExists(CpuPaths.CPUIDLE_DRIVER).filter(s -> !s.isEmpty()),
                sysfs.readTrimmedIfExists(CpuPaths.scalingDriver(0)).filter(s -> !s.isEmpty()));
    }

    /**
     * The kernel parameters that would cap C-states under the idle driver in use, or empty when there is
     * nothing to advise: no cpuidle driver ({@code none}, e.g. a guest), an unknown one, or a command line that
     * already caps them.
     */
    Optional<String> cstateAdvice(KernelCommandLine cmdline) {
        if (cmdline.has("idle", "poll")) {
            return Optional.empty();
        }
        return switch (idleDriver.orElse("none")) {
            case "intel_idle" -> cmdline.has("intel_idle.max_cstate", "0") || cmdline.has("intel_idle.max_cstate", "1")
                    ? Optional.empty()
                    : Optional.of("boot with intel_idle.max_cstate=1 (or intel_idle.max_cstate=0 "
                            + "processor.max_cstate=1 to hand idle to acpi_idle), or idle=poll");
            case "acpi_idle" -> cmdline.has("processor.max_cstate", "1") ? Optional.empty()
                    : Optional.of("boot with processor.max_cstate=1 (or idle=poll)");
            default -> Optional.empty();
        };
    }

    /** How to get the performance governor under the cpufreq driver in use. */
    String governorAdvice() {
        String driver = freqDriver.orElse("");
        if (driver.equals("intel_pstate")) {
            return "intel_pstate in active mode only offers performance and powersave: set performance (cpupower "
                    + "frequency-set -g performance), or boot with intel_pstate=passive (or disable) for the "
                    + "generic governors";
        }
        if (driver.startsWith("amd-pstate")) {
            return "boot with amd_pstate=passive (or guided) and set the performance governor (cpupower "
                    + "frequency-set -g performance)";
        }
        return "set the performance governor (cpupower frequency-set -g performance, or tuned's virtual-host profile)";
    }

    /** The kernel parameters that turn the IOMMU on, for this vendor when it is known. */
    String iommuParameters() {
        return switch (vendor.orElse("")) {
            case INTEL -> "intel_iommu=on iommu=pt";
            case AMD -> "amd_iommu=on iommu=pt";
            default -> "intel_iommu=on iommu=pt (or amd_iommu=on iommu=pt)";
        };
    }

    /** The firmware switch for the IOMMU, by vendor. */
    String iommuFirmware() {
        return switch (vendor.orElse("")) {
            case INTEL -> "VT-d";
            case AMD -> "AMD-Vi";
            default -> "VT-d/AMD-Vi";
        };
    }
}
