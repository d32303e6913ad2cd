package io.virtforge.host.sysfs;

/** Paths that tell what KVM the kernel offers: the device node and the vendor modules' parameters. */
public final class KvmPaths {
    /** {@code /dev/kvm}: the device node QEMU opens to run guests with KVM. */
    public static final SysfsPath DEV_KVM = SysfsPath.of("dev", "kvm");
    /** {@code /sys/module}: one folder per loaded module (and per built-in one with parameters). */
    public static final SysfsPath MODULES = SysfsPath.of("sys", "module");

    private KvmPaths() {
    }

    /** {@code /sys/module/<module>}, e.g. {@code kvm_intel}; present while the module is loaded. */
    public static SysfsPath module(String module) {
        return MODULES.resolve(module);
    }

    /** {@code /sys/module/<module>/parameters/nested}: {@code Y}/{@code N} (kvm_intel), {@code 1}/{@code 0} (kvm_amd). */
    public static SysfsPath nested(String module) {
        return module(module).resolve("parameters", "nested");
    }
}
