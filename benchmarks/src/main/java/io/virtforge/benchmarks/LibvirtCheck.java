package io.virtforge.benchmarks;

import io.virtforge.libvirt.jna.NativeLibvirt;
import org.libvirt.Connect;

/**
 * Whether {@link LibvirtBenchmark} can run here: the libvirt C library loads and {@code test:///default}
 * opens. Prints what it found; exits 1 (with the reason on the last line) when not. Used by {@code run-all.sh}.
 */
public final class LibvirtCheck {
    private LibvirtCheck() {
    }

    public static void main(String[] args) {
        if (!NativeLibvirt.isAvailable()) {
            System.out.println("libvirt C library (libvirt.so.0) cannot be loaded: "
                    + NativeLibvirt.unavailableReason().orElse("?"));
            System.exit(1);
        }
        try {
            Connect c = new Connect(LibvirtBenchmark.URI);
            String version = c.getLibVirVersion() + "";
            c.close();
            System.out.println("libvirt " + version + ": " + LibvirtBenchmark.URI + " opens");
        } catch (Throwable e) {
            System.out.println("cannot open " + LibvirtBenchmark.URI + ": " + e);
            System.exit(1);
        }
    }
}
