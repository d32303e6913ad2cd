package io.virtforge.host.discovery;

import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.KvmPaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.topology.CpuVendor;
import io.virtforge.topology.KvmSupport;
import java.util.Optional;

/**
 * Reads what the kernel offers for KVM and nested virtualisation: the vendor from {@code vendor_id} of
 * {@code /proc/cpuinfo}, then that vendor's module ({@code /sys/module/kvm_intel} or {@code kvm_amd}) and its
 * {@code parameters/nested}, and whether {@code /dev/kvm} can be opened for reading and writing. A missing
 * file is a fact, not an error: no module folder is a module not loaded, no parameter file is nesting off.
 */
public final class KvmReader {
    private KvmReader() {
    }

    /** The KVM facts of the host behind {@code sysfs}. */
    public static KvmSupport read(Sysfs sysfs) {
        CpuVendor vendor = sysfs.readTrimmedIfExists(ProcPaths.CPUINFO)
                .flatMap(t -> KernelValues.cpuinfoField(t, "vendor_id")).map(CpuVendor::of)
                .orElse(CpuVendor.UNRECOGNIZED);
        Optional<String> module = vendor.kvmModule();
        boolean loaded = module.map(m -> sysfs.isDirectory(KvmPaths.module(m))).orElse(false);
        boolean nested = loaded && sysfs.readTrimmedIfExists(KvmPaths.nested(module.get()))
                .map(KernelValues::moduleFlag).orElse(false);
        return new KvmSupport(vendor, loaded, nested, sysfs.readWritable(KvmPaths.DEV_KVM));
    }
}
