package io.virtforge.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * What the host's kernel offers for KVM, and so for nested virtualisation (a guest running guests of its
 * own): the CPU vendor, whether the vendor's KVM module ({@code kvm_intel}, {@code kvm_amd}) is loaded and
 * has its {@code nested} parameter on, and whether {@code /dev/kvm} exists and can be opened.
 *
 * @param vendor       the CPU vendor ({@code vendor_id} of {@code /proc/cpuinfo})
 * @param moduleLoaded true when {@code /sys/module/kvm_intel} (or {@code kvm_amd}) exists
 * @param nested       true when the module's {@code nested} parameter is on ({@code Y} or {@code 1}); false
 *                     when it is off or the module is not loaded
 * @param deviceUsable true when {@code /dev/kvm} exists and this process may open it for reading and writing
 */
public record KvmSupport(CpuVendor vendor, boolean moduleLoaded, boolean nested, boolean deviceUsable) {
    /** Checks the vendor. */
    public KvmSupport {
        Objects.requireNonNull(vendor, "vendor");
    }

    /** True when a guest can be given {@link CpuVendor#virtualizationFeature()} and use it. */
    public boolean nestedAvailable() {
        return deviceUsable && moduleLoaded && nested && vendor != CpuVendor.UNRECOGNIZED;
    }

    /**
     * Why a guest cannot run guests of its own on this host, with the fix, or empty when it can.
     *
     * @return the reason and the fix
     */
    public Optional<Unavailable> whyNoNesting() {
        String module = vendor.kvmModule().orElse(null);
        if (module == null) {
            return Optional.of(new Unavailable("the host's CPU vendor is not Intel or AMD: no known nested "
                    + "virtualisation", "run the domain on an Intel or AMD host"));
        }
        String enable = "enable nesting: 'options " + module + " nested=1' in /etc/modprobe.d/kvm.conf, then "
                + "'modprobe -r " + module + " && modprobe " + module + "' with no guest running (or boot with "
                + module + ".nested=1)";
        if (!moduleLoaded) {
            return Optional.of(new Unavailable("the " + module + " module is not loaded", "modprobe " + module
                    + " nested=1 (and enable VT-x/AMD-V in the firmware if it refuses)"));
        }
        if (!nested) {
            return Optional.of(new Unavailable("the " + module + " module has nesting off (parameter nested)", enable));
        }
        if (!deviceUsable) {
            return Optional.of(new Unavailable("/dev/kvm is missing or cannot be opened", "load " + module
                    + " and give the hypervisor's user access to /dev/kvm (group kvm)"));
        }
        return Optional.empty();
    }

    /**
     * Why nesting is unavailable.
     *
     * @param reason what the host lacks
     * @param fix    how to give it
     */
    public record Unavailable(String reason, String fix) {
    }
}
