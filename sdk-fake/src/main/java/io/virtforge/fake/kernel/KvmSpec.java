package io.virtforge.fake.kernel;

/**
 * The KVM part of a fake host, for {@link FakeHostBuilder#kvm}: whether the vendor's module is loaded, its
 * {@code nested} parameter as the kernel shows it, and {@code /dev/kvm}.
 */
public final class KvmSpec {
    boolean loaded = true;
    String nested;
    boolean nestedOn = true;
    boolean nestedShown = true;
    DevKvm device = DevKvm.USABLE;

    /** What {@code /dev/kvm} is. */
    public enum DevKvm {
        /** Present, readable and writable. */
        USABLE,
        /** Present but without write permission (a user outside group kvm). */
        READ_ONLY,
        /** Absent (no module, or a container without the device). */
        MISSING
    }

    KvmSpec() {
    }

    /** Leaves the module out: no {@code /sys/module/kvm_*} folder and no {@code /dev/kvm}. */
    public KvmSpec notLoaded() {
        loaded = false;
        device = DevKvm.MISSING;
        return this;
    }

    /** Nesting on or off, shown as the vendor's module shows it ({@code Y}/{@code N} on Intel, {@code 1}/{@code 0} on AMD). */
    public KvmSpec nested(boolean on) {
        nestedOn = on;
        nested = null;
        nestedShown = true;
        return this;
    }

    /** The {@code nested} parameter's exact text, e.g. {@code Y}, {@code 0}, or null to leave the file out. */
    public KvmSpec nestedText(String text) {
        nested = text;
        nestedShown = text != null;
        return this;
    }

    /** What {@code /dev/kvm} is. */
    public KvmSpec device(DevKvm value) {
        device = value;
        return this;
    }
}
