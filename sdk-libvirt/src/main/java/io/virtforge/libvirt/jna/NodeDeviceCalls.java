package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Node device calls on a borrowed {@code virConnectPtr}. Every {@code virNodeDevicePtr} obtained here is
 * released with {@code virNodeDeviceFree} before returning, on success and on failure.
 */
final class NodeDeviceCalls {
    private NodeDeviceCalls() {
    }

    static List<String> listNames(Pointer conn, int flags) {
        PointerByReference out = new PointerByReference();
        int n = LibvirtNative.virConnectListAllNodeDevices(conn, out, flags);
        if (n < 0) {
            throw NativeErrors.failure("virConnectListAllNodeDevices");
        }
        Pointer array = out.getValue(); // malloc'd array of n new device references: all ours to release
        try {
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = LibvirtNative.virNodeDeviceGetName(device(array, i)); // owned by the device: copied
                if (name == null) {
                    throw NativeErrors.failure("virNodeDeviceGetName");
                }
                names.add(name);
            }
            return names;
        } finally {
            for (int i = 0; i < n; i++) {
                LibvirtNative.virNodeDeviceFree(device(array, i));
            }
            LibvirtNative.free(array);
        }
    }

    private static Pointer device(Pointer array, int i) {
        return array.getPointer((long) i * NativeLayout.POINTER);
    }

    static String xml(Pointer conn, String name, int flags) {
        Pointer dev = lookup(conn, name);
        try {
            Pointer xml = LibvirtNative.virNodeDeviceGetXMLDesc(dev, flags);
            if (xml == null) {
                throw NativeErrors.failure("virNodeDeviceGetXMLDesc");
            }
            return LibvirtNative.takeString(xml); // malloc'd: copied, then freed
        } finally {
            LibvirtNative.virNodeDeviceFree(dev);
        }
    }

    static void detach(Pointer conn, String name, String driver, int flags) {
        Pointer dev = lookup(conn, name);
        try {
            if (LibvirtNative.virNodeDeviceDetachFlags(dev, driver, flags) < 0) {
                throw NativeErrors.failure("virNodeDeviceDetachFlags");
            }
        } finally {
            LibvirtNative.virNodeDeviceFree(dev);
        }
    }

    static void reattach(Pointer conn, String name) {
        Pointer dev = lookup(conn, name);
        try {
            if (LibvirtNative.virNodeDeviceReAttach(dev) < 0) {
                throw NativeErrors.failure("virNodeDeviceReAttach");
            }
        } finally {
            LibvirtNative.virNodeDeviceFree(dev);
        }
    }

    /** A new device reference; the caller must {@code virNodeDeviceFree} it. */
    private static Pointer lookup(Pointer conn, String name) {
        Pointer dev = LibvirtNative.virNodeDeviceLookupByName(conn, name);
        if (dev == null) {
            throw NativeErrors.failure("virNodeDeviceLookupByName");
        }
        return dev;
    }
}
