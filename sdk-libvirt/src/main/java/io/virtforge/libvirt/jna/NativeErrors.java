package io.virtforge.libvirt.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the calling thread's libvirt error into a {@link NativeLibvirtException}.
 *
 * <p>libvirt keeps the last error per OS thread and overwrites it on the next libvirt call made by that
 * thread (every public entry point resets it). So {@link #failure} must run on the thread that made the
 * failing call, immediately after it, before any other libvirt call — including the frees in
 * {@code finally} blocks and anything logging might trigger. Call sites therefore build the exception
 * right at the failure check ({@code throw NativeErrors.failure(...)}) and clean up afterwards.
 */
final class NativeErrors {
    private static final Logger LOG = LoggerFactory.getLogger(NativeErrors.class);

    private NativeErrors() {
    }

    /**
     * Copies and clears this thread's last libvirt error.
     *
     * @param function the libvirt function whose failure is being reported
     * @return the exception to throw (never {@code null}, even if libvirt recorded nothing)
     */
    static NativeLibvirtException failure(String function) {
        NativeLibvirtException e = copyLastError(function);
        LOG.debug("libvirt call failed: {}", e.getMessage());
        return e;
    }

    private static NativeLibvirtException copyLastError(String function) {
        if (LibvirtNative.virGetLastError() == null) {
            return new NativeLibvirtException(function, NativeLibvirtException.VIR_ERR_OK,
                    NativeLibvirtException.VIR_FROM_NONE, 0, "libvirt reported failure without error details");
        }
        // A deep copy owned by us: its strings stay valid whatever libvirt does next on this thread.
        try (Memory err = new Memory(NativeLayout.ERR_SIZE)) {
            err.clear();
            try {
                if (LibvirtNative.virCopyLastError(err) < 0) {
                    return new NativeLibvirtException(function, NativeLibvirtException.VIR_ERR_OK,
                            NativeLibvirtException.VIR_FROM_NONE, 0, "virCopyLastError failed");
                }
                return new NativeLibvirtException(function, err.getInt(NativeLayout.ERR_CODE),
                        err.getInt(NativeLayout.ERR_DOMAIN), err.getInt(NativeLayout.ERR_LEVEL),
                        string(err.getPointer(NativeLayout.ERR_MESSAGE)));
            } finally {
                LibvirtNative.virResetError(err); // frees the copied strings
                LibvirtNative.virResetLastError();
            }
        }
    }

    private static String string(Pointer p) {
        return p == null ? null : p.getString(0);
    }
}
