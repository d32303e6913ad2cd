package io.virtforge.libvirt.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA <em>direct mapping</em> of the libvirt C functions that libvirt-java 0.5.4 lacks.
 *
 * <p>Why direct mapping rather than a {@code Library} interface: a direct-mapped call is a plain
 * {@code static native} method bound once at class initialisation, with no dynamic proxy, no per-call
 * reflection and no argument-conversion lookup. Statistics calls are polled in hot loops, so the
 * lower per-call overhead matters, and none of these functions needs what direct mapping cannot do
 * (varargs, {@code String[]}/{@code Pointer[]} arguments). The cost is that registration binds every
 * symbol eagerly: a libvirt older than 1.2.14 (the newest symbol here, {@code virDomainPinIOThread})
 * fails at class initialisation, which {@link NativeLibvirt#isAvailable()} reports.
 *
 * <p>Handles ({@code virConnectPtr}, {@code virDomainPtr}, {@code virNodeDevicePtr}) travel as
 * {@link Pointer}; {@code unsigned int} maps to {@code int}, {@code unsigned long long*} to {@code long[]}.
 * Each method's comment states who owns what it returns. Callers must read the thread's libvirt error
 * (see {@link NativeErrors}) immediately after a failing call, before any other libvirt call.
 */
final class LibvirtNative {
    /** libvirt's {@code VIR_TYPED_PARAM_FIELD_LENGTH}. */
    static final int TYPED_PARAM_FIELD_LENGTH = 80;

    static {
        Native.register(LibvirtNative.class, NativeLibrary.getInstance(Platform.isWindows() ? "virt-0" : "virt"));
    }

    private LibvirtNative() {
    }

    /** Forces class initialisation (library load and symbol binding). */
    static void ensureLoaded() {
        // the static initialiser does the work
    }

    // ---- the default event loop --------------------------------------------------------------

    /** libvirt's {@code virEventTimeoutCallback}, called on the event loop's thread. */
    interface TimeoutCallback extends com.sun.jna.Callback {
        void invoke(int timer, Pointer opaque);
    }

    /** Adds a timer firing every {@code frequency} ms (0: at the next iteration) to the default loop; its id or -1. */
    static native int virEventAddTimeout(int frequency, TimeoutCallback cb, Pointer opaque, Pointer ff);

    /** Removes a timer; 0 or -1. */
    static native int virEventRemoveTimeout(int timer);

    // ---- host --------------------------------------------------------------------------------

    /** Returns a malloc'd XML string the caller must {@code free()}, or NULL on error. */
    static native Pointer virConnectGetDomainCapabilities(Pointer conn, String emulatorbin, String arch,
            String machine, String virttype, int flags);

    /** Returns libvirt's {@code virCPUCompareResult} (0 incompatible, 1 identical, 2 superset) or -1 on error. */
    static native int virConnectCompareHypervisorCPU(Pointer conn, String emulator, String arch, String machine,
            String virttype, String xmlCPU, int flags);

    /** Fills the caller-owned {@code counts[npages * cellCount]}; returns the entries filled or -1. */
    static native int virNodeGetFreePages(Pointer conn, int npages, int[] pages, int startCell, int cellCount,
            long[] counts, int flags);

    /** Returns the number of NUMA nodes adjusted, or -1. All arrays are caller-owned. */
    static native int virNodeAllocPages(Pointer conn, int npages, int[] pageSizes, long[] pageCounts,
            int startCell, int cellCount, int flags);

    /** With NULL {@code cpumap}/{@code online}, returns the number of host CPUs (or -1); nothing to free. */
    static native int virNodeGetCPUMap(Pointer conn, Pointer cpumap, Pointer online, int flags);

    // ---- node devices ------------------------------------------------------------------------

    /** Returns a new device reference the caller must release with {@link #virNodeDeviceFree}, or NULL. */
    static native Pointer virNodeDeviceLookupByName(Pointer conn, String name);

    /** Releases one device reference; returns 0 or -1. */
    static native int virNodeDeviceFree(Pointer dev);

    /**
     * Stores a malloc'd array of device references in {@code devices}; returns its length or -1. The
     * caller must {@link #virNodeDeviceFree} every element, then {@code free()} the array.
     */
    static native int virConnectListAllNodeDevices(Pointer conn, PointerByReference devices, int flags);

    /** Returns a malloc'd XML string the caller must {@code free()}, or NULL on error. */
    static native Pointer virNodeDeviceGetXMLDesc(Pointer dev, int flags);

    /** Returns a string owned by the device (do not free; copied into Java here), or NULL on error. */
    static native String virNodeDeviceGetName(Pointer dev);

    /** Detaches the device from its host driver; returns 0 or -1. */
    static native int virNodeDeviceDetachFlags(Pointer dev, String driverName, int flags);

    /** Re-attaches the device to its host driver; returns 0 or -1. */
    static native int virNodeDeviceReAttach(Pointer dev);

    /** Creates a transient device from XML; returns a new reference the caller must free, or NULL. */
    static native Pointer virNodeDeviceCreateXML(Pointer conn, String xml, int flags);

    /** Stops (removes) a device; returns 0 or -1. The reference stays the caller's to free. */
    static native int virNodeDeviceDestroy(Pointer dev);

    // ---- domains -----------------------------------------------------------------------------

    /**
     * Defines a domain from a NUL-terminated UTF-8 document (caller-owned, only read); returns a new
     * reference the caller must release with {@link #virDomainFree}, or NULL.
     */
    static native Pointer virDomainDefineXML(Pointer conn, Pointer xml);

    /** Creates and starts a transient domain from a document as above; a new reference to free, or NULL. */
    static native Pointer virDomainCreateXML(Pointer conn, Pointer xml, int flags);

    /** 1 persistent, 0 transient, -1 on error. */
    static native int virDomainIsPersistent(Pointer dom);

    /** Removes the domain's persistent configuration; 0 or -1. The reference stays the caller's to free. */
    static native int virDomainUndefineFlags(Pointer dom, int flags);

    /** Returns a string owned by the domain (do not free; copied into Java here), or NULL. */
    static native String virDomainGetName(Pointer dom);

    /** Returns the domain's connection without taking a reference (do not close), or NULL. */
    static native Pointer virDomainGetConnect(Pointer dom);

    /** Pins the emulator threads to the caller-owned {@code cpumap}; returns 0 or -1. */
    static native int virDomainPinEmulator(Pointer dom, byte[] cpumap, int maplen, int flags);

    /** Fills the caller-owned {@code cpumap}; returns 1 (pinned), 0 (no emulator pinning) or -1. */
    static native int virDomainGetEmulatorPinInfo(Pointer dom, byte[] cpumap, int maplen, int flags);

    /** Pins one IOThread to the caller-owned {@code cpumap}; returns 0 or -1. */
    static native int virDomainPinIOThread(Pointer dom, int iothreadId, byte[] cpumap, int maplen, int flags);

    /**
     * Stores a malloc'd array of {@code virDomainIOThreadInfoPtr} in {@code info}; returns its length or -1.
     * The caller must {@link #virDomainIOThreadInfoFree} every element, then {@code free()} the array.
     */
    static native int virDomainGetIOThreadInfo(Pointer dom, PointerByReference info, int flags);

    /** Frees one {@code virDomainIOThreadInfo} and its cpumap. */
    static native void virDomainIOThreadInfoFree(Pointer info);

    /**
     * With NULL {@code params} and {@code *nparams == 0}, stores the parameter count. Otherwise fills the
     * caller-owned array; the strings libvirt puts into it must be released with {@link #virTypedParamsClear}.
     */
    static native int virDomainGetNumaParameters(Pointer dom, Pointer params, IntByReference nparams, int flags);

    /** Reads (never keeps or frees) the caller-owned parameter array; returns 0 or -1. */
    static native int virDomainSetNumaParameters(Pointer dom, Pointer params, int nparams, int flags);

    // ---- migration ---------------------------------------------------------------------------

    /**
     * Migrates {@code domain} to the connection {@code dconn} with a caller-owned typed parameter array; returns a
     * new {@code virDomainPtr} on {@code dconn} the caller must free ({@link #virDomainFree}), or NULL on error.
     */
    static native Pointer virDomainMigrate3(Pointer domain, Pointer dconn, Pointer params, int nparams, int flags);

    /**
     * Stores the job's type in {@code type} and a malloc'd typed parameter array (free with
     * {@link #virTypedParamsFree}) in {@code params}; returns 0 or -1.
     */
    static native int virDomainGetJobStats(Pointer domain, IntByReference type, PointerByReference params,
            IntByReference nparams, int flags);

    /** Releases a {@code virDomainPtr} reference; returns 0 or -1. */
    static native int virDomainFree(Pointer domain);

    // ---- QoS parameters (all arrays caller-owned; strings libvirt puts into a read array are released with
    // virTypedParamsClear; with NULL params and *nparams 0 the getters other than the scheduler's store the count)

    static native int virDomainGetSchedulerParametersFlags(Pointer dom, Pointer params, IntByReference nparams,
            int flags);

    static native int virDomainSetSchedulerParametersFlags(Pointer dom, Pointer params, int nparams, int flags);

    static native int virDomainGetBlockIoTune(Pointer dom, String disk, Pointer params, IntByReference nparams,
            int flags);

    static native int virDomainSetBlockIoTune(Pointer dom, String disk, Pointer params, int nparams, int flags);

    static native int virDomainGetInterfaceParameters(Pointer dom, String device, Pointer params,
            IntByReference nparams, int flags);

    static native int virDomainSetInterfaceParameters(Pointer dom, String device, Pointer params, int nparams,
            int flags);

    static native int virDomainGetMemoryParameters(Pointer dom, Pointer params, IntByReference nparams, int flags);

    static native int virDomainSetMemoryParameters(Pointer dom, Pointer params, int nparams, int flags);

    static native int virDomainGetBlkioParameters(Pointer dom, Pointer params, IntByReference nparams, int flags);

    static native int virDomainSetBlkioParameters(Pointer dom, Pointer params, int nparams, int flags);

    // ---- statistics --------------------------------------------------------------------------

    /**
     * Stores a malloc'd NULL-terminated array of {@code virDomainStatsRecordPtr} in {@code retStats};
     * returns the record count or -1. Release everything with {@link #virDomainStatsRecordListFree}.
     */
    static native int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference retStats, int flags);

    /** Frees a record list, its records, their parameters and their domain references. NULL-safe. */
    static native void virDomainStatsRecordListFree(Pointer stats);

    // ---- typed parameters --------------------------------------------------------------------

    /** Frees the strings inside a libvirt-allocated array, then the array itself. NULL-safe. */
    static native void virTypedParamsFree(Pointer params, int nparams);

    /** Frees the strings inside an array but not the array (for caller-allocated arrays). NULL-safe. */
    static native void virTypedParamsClear(Pointer params, int nparams);

    // ---- errors (all thread-local) -----------------------------------------------------------

    /** Returns this thread's last error, owned by libvirt and valid until the next libvirt call, or NULL. */
    static native Pointer virGetLastError();

    /** Deep-copies this thread's last error into the caller's struct; release with {@link #virResetError}. */
    static native int virCopyLastError(Pointer to);

    /** Frees the strings inside an error struct filled by {@link #virCopyLastError}. */
    static native void virResetError(Pointer err);

    /** Clears this thread's last error. */
    static native void virResetLastError();

    /**
     * Releases memory libvirt documents as "free with free()". libvirt allocates with GLib's
     * {@code g_malloc}, which uses the system allocator, so the C library {@code free} is the right call.
     */
    static void free(Pointer p) {
        if (p != null) {
            Native.free(Pointer.nativeValue(p));
        }
    }

    /** Copies a malloc'd UTF-8 C string libvirt handed over, then frees it. */
    static String takeString(Pointer p) {
        try {
            return p.getString(0, "UTF-8");
        } finally {
            free(p);
        }
    }
}
