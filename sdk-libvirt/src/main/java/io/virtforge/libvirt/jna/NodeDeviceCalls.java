package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

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
        onDevice(conn, name, "virNodeDeviceDetachFlags", d -> LibvirtNative.virNodeDeviceDetachFlags(d, driver, flags));
    }

    static void reattach(Pointer conn, String name) {
        onDevice(conn, name, "virNodeDeviceReAttach", LibvirtNative::virNodeDeviceReAttach);
    }

    /** Creates a transient device from XML; its name. */
    static String createXml(Pointer conn, String xml, int flags) {
        return nameOf(LibvirtNative.virNodeDeviceCreateXML(conn, xml, flags), "virNodeDeviceCreateXML");
    }

    /** Defines a persistent device from XML (libvirt 7.3); its name. */
    static String defineXml(Pointer conn, String xml, int flags) {
        requirePersistentCalls("virNodeDeviceDefineXML");
        return nameOf(PersistentNodeDeviceNative.virNodeDeviceDefineXML(conn, xml, flags), "virNodeDeviceDefineXML");
    }

    /** The name of a new device reference, which is then released. */
    private static String nameOf(Pointer dev, String function) {
        if (dev == null) {
            throw NativeErrors.failure(function);
        }
        try {
            String name = LibvirtNative.virNodeDeviceGetName(dev);
            if (name == null) {
                throw NativeErrors.failure("virNodeDeviceGetName");
            }
            return name;
        } finally {
            LibvirtNative.virNodeDeviceFree(dev);
        }
    }

    /** A call on one device by name that returns 0 or -1. */
    static void onDevice(Pointer conn, String name, String function, ToIntFunction<Pointer> call) {
        Pointer dev = lookup(conn, name);
        try {
            if (call.applyAsInt(dev) < 0) {
                throw NativeErrors.failure(function);
            }
        } finally {
            LibvirtNative.virNodeDeviceFree(dev);
        }
    }

    static void destroy(Pointer conn, String name) {
        onDevice(conn, name, "virNodeDeviceDestroy", LibvirtNative::virNodeDeviceDestroy);
    }

    static void start(Pointer conn, String name) {
        requirePersistentCalls("virNodeDeviceCreate");
        onDevice(conn, name, "virNodeDeviceCreate", d -> PersistentNodeDeviceNative.virNodeDeviceCreate(d, 0));
    }

    static void undefine(Pointer conn, String name) {
        requirePersistentCalls("virNodeDeviceUndefine");
        onDevice(conn, name, "virNodeDeviceUndefine", d -> PersistentNodeDeviceNative.virNodeDeviceUndefine(d, 0));
    }

    /** Whether the device is active and persistent (libvirt 7.3). */
    static NodeDeviceStatus status(Pointer conn, String name) {
        requirePersistentCalls("virNodeDeviceIsActive");
        Pointer dev = lookup(conn, name);
        try {
            int active = PersistentNodeDeviceNative.virNodeDeviceIsActive(dev);
            if (active < 0) {
                throw NativeErrors.failure("virNodeDeviceIsActive");
            }
            int persistent = PersistentNodeDeviceNative.virNodeDeviceIsPersistent(dev);
            if (persistent < 0) {
                throw NativeErrors.failure("virNodeDeviceIsPersistent");
            }
            return new NodeDeviceStatus(active == 1, persistent == 1);
        } finally {
            LibvirtNative.virNodeDeviceFree(dev);
        }
    }

    /** NO_SUPPORT, as libvirt says it, when this libvirt predates 7.3's persistent node device calls. */
    private static void requirePersistentCalls(String function) {
        if (PersistentCalls.FAILURE != null) {
            throw new NativeLibvirtException(function, NativeLibvirtException.VIR_ERR_NO_SUPPORT,
                    NativeLibvirtException.VIR_FROM_NONE, 2, "this function is not supported by the connection driver: "
                            + function + " (the libvirt library predates 7.3)");
        }
    }

    /** Binds the 7.3 symbols once, lazily, remembering why it failed. */
    private static final class PersistentCalls {
        static final Throwable FAILURE = load();

        private static Throwable load() {
            try {
                PersistentNodeDeviceNative.ensureLoaded();
                return null;
            } catch (LinkageError e) {
                return e;
            }
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
