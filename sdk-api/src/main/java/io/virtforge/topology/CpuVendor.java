package io.virtforge.topology;

import java.util.Locale;
import java.util.Optional;

/**
 * The maker of the host's x86 CPUs, which decides how KVM virtualises: Intel VT-x ({@code vmx}, module
 * {@code kvm_intel}) or AMD-V ({@code svm}, module {@code kvm_amd}; Hygon's AMD-derived CPUs too).
 */
public enum CpuVendor {
    /** Intel: VT-x, the {@code vmx} feature, the {@code kvm_intel} module. */
    INTEL("vmx", "kvm_intel"),
    /** AMD (and Hygon): AMD-V, the {@code svm} feature, the {@code kvm_amd} module. */
    AMD("svm", "kvm_amd"),
    /** Another vendor, or one not shown: no known virtualisation feature. */
    UNRECOGNIZED(null, null);

    private final String feature;
    private final String kvmModule;

    CpuVendor(String feature, String kvmModule) {
        this.feature = feature;
        this.kvmModule = kvmModule;
    }

    /**
     * The vendor of a name as the kernel ({@code vendor_id} of {@code /proc/cpuinfo}: {@code GenuineIntel},
     * {@code AuthenticAMD}, {@code HygonGenuine}) or libvirt ({@code <vendor>} of the host CPU: {@code Intel},
     * {@code AMD}, {@code Hygon}) writes it; {@link #UNRECOGNIZED} for any other.
     */
    public static CpuVendor of(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "genuineintel", "intel" -> INTEL;
            case "authenticamd", "amd", "hygongenuine", "hygon" -> AMD;
            default -> UNRECOGNIZED;
        };
    }

    /** The CPU feature a guest needs to run guests of its own: {@code vmx} or {@code svm}. */
    public Optional<String> virtualizationFeature() {
        return Optional.ofNullable(feature);
    }

    /** The KVM module for this vendor's CPUs: {@code kvm_intel} or {@code kvm_amd}. */
    public Optional<String> kvmModule() {
        return Optional.ofNullable(kvmModule);
    }

    /** The vendor whose virtualisation feature this is ({@code vmx} or {@code svm}), if any. */
    public static Optional<CpuVendor> ofFeature(String feature) {
        for (CpuVendor v : values()) {
            if (v.feature != null && v.feature.equals(feature)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
