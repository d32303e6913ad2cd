package io.virtforge.libvirt;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.VirtException;
import io.virtforge.libvirt.jna.Handles;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * The native handles inside libvirt-java's objects (read by {@link Handles}), for the few calls the SDK makes
 * through libvirt-java's own JNA interface ({@link Libvirt#INSTANCE}) or its own bindings, and the error
 * of such a call. The handles are borrowed: the libvirt-java object must stay reachable and open for the
 * duration of the call.
 */
final class NativeHandles {
    private NativeHandles() {
    }

    /** The {@code virConnectPtr} of an open connection. */
    static ConnectionPointer connection(Connect conn) {
        return Handles.connectionPointer(conn);
    }

    /** The {@code virDomainPtr} of a domain object that was not freed. */
    static DomainPointer domain(Domain dom) {
        return Handles.domainPointer(dom);
    }

    /**
     * The calling thread's libvirt error after a failed call, mapped (and then cleared). Must run on the
     * failing thread right after the failure: libvirt keeps the last error per thread.
     */
    static VirtException lastError(String operation) {
        virError err = Libvirt.INSTANCE.virGetLastError();
        if (err == null) {
            return new VirtException(operation + " failed without error details from libvirt", 0, 0, "");
        }
        VirtException e = ErrorMapping.map(operation, err.code, err.domain, err.message, LibvirtErrors.Call.GENERAL);
        Libvirt.INSTANCE.virResetLastError();
        return e;
    }
}
