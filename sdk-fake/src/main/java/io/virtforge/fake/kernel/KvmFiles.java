package io.virtforge.fake.kernel;

import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.host.sysfs.KvmPaths;
import io.virtforge.topology.CpuVendor;

/**
 * The KVM files of a fake host: {@code /sys/module/kvm} and the vendor's {@code /sys/module/kvm_intel} or
 * {@code kvm_amd} with a read-only {@code parameters/nested} (as the real module's 0444 parameter), and
 * {@code /dev/kvm}. A vendor that is neither Intel nor AMD gets no vendor module.
 */
final class KvmFiles {
    private KvmFiles() {
    }

    static void install(FakeTree tree, String vendorId, KvmSpec spec) {
        CpuVendor vendor = CpuVendor.of(vendorId);
        if (spec.loaded) {
            tree.directory(KvmPaths.module("kvm").resolve("parameters"));
            vendor.kvmModule().ifPresent(module -> {
                tree.directory(KvmPaths.module(module).resolve("parameters"));
                if (spec.nestedShown) {
                    String text = spec.nested != null ? spec.nested : nestedText(vendor, spec.nestedOn);
                    tree.put(KvmPaths.nested(module), FakeFile.readOnly(text + "\n"));
                }
            });
        }
        switch (spec.device) {
            case USABLE -> tree.put(KvmPaths.DEV_KVM, FakeFile.readWrite(""));
            case READ_ONLY -> tree.put(KvmPaths.DEV_KVM, FakeFile.readOnly(""));
            case MISSING -> { }
        }
    }

    /** Intel's module shows a bool ({@code Y}/{@code N}); AMD's an int ({@code 1}/{@code 0}). */
    private static String nestedText(CpuVendor vendor, boolean on) {
        return vendor == CpuVendor.INTEL ? (on ? "Y" : "N") : on ? "1" : "0";
    }
}
