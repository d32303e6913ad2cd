package io.virtforge.libvirt.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of libvirt 7.3's persistent node device calls (mediated devices kept by {@code mdevctl}). A
 * class of their own so that an older libvirt, which lacks the symbols, fails only these calls (at this class's
 * initialisation, which {@link NodeDeviceCalls} turns into NO_SUPPORT) and not {@link LibvirtNative}'s. Ownership
 * as there: every returned {@code virNodeDevicePtr} is a new reference the caller must {@code virNodeDeviceFree}.
 */
final class PersistentNodeDeviceNative {
    static {
        Native.register(PersistentNodeDeviceNative.class,
                NativeLibrary.getInstance(Platform.isWindows() ? "virt-0" : "virt"));
    }

    private PersistentNodeDeviceNative() {
    }

    /** Forces class initialisation (symbol binding). */
    static void ensureLoaded() {
        // the static initialiser does the work
    }

    /** Defines a persistent device from XML without starting it; a new reference, or NULL. */
    static native Pointer virNodeDeviceDefineXML(Pointer conn, String xml, int flags);

    /** Starts a defined, inactive device; 0 or -1. */
    static native int virNodeDeviceCreate(Pointer dev, int flags);

    /** Removes a device's persistent definition; 0 or -1. */
    static native int virNodeDeviceUndefine(Pointer dev, int flags);

    /** 1 when active, 0 when not, -1 on error. */
    static native int virNodeDeviceIsActive(Pointer dev);

    /** 1 when persistent, 0 when not, -1 on error. */
    static native int virNodeDeviceIsPersistent(Pointer dev);
}
