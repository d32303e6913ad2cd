package io.virtforge.libvirt;

import io.virtforge.connect.VirtException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * The native handles inside libvirt-java's objects ({@code Connect.vcp}, protected; {@code Domain.vdp},
 * package-private: read reflectively, as the {@code jna} package does), for the few calls the SDK makes
 * through libvirt-java's own JNA interface ({@link Libvirt#INSTANCE}) or its own bindings, and the error
 * of such a call. The handles are borrowed: the libvirt-java object must stay reachable and open for the
 * duration of the call.
 */
final class NativeHandles {
    private static final VarHandle CONNECT_VCP;
    private static final VarHandle DOMAIN_VDP;

    static {
        try {
            CONNECT_VCP = MethodHandles.privateLookupIn(Connect.class, MethodHandles.lookup())
                    .findVarHandle(Connect.class, "vcp", ConnectionPointer.class);
            DOMAIN_VDP = MethodHandles.privateLookupIn(Domain.class, MethodHandles.lookup())
                    .findVarHandle(Domain.class, "vdp", DomainPointer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this libvirt-java does not keep its handles in Connect.vcp / "
                    + "Domain.vdp (written against 0.5.4): " + e);
        }
    }

    private NativeHandles() {
    }

    /** The {@code virConnectPtr} of an open connection. */
    static ConnectionPointer connection(Connect conn) {
        ConnectionPointer p = (ConnectionPointer) CONNECT_VCP.getVolatile(conn);
        if (p == null || p.getPointer() == null) {
            throw new IllegalStateException("connection is closed");
        }
        return p;
    }

    /** The {@code virDomainPtr} of a domain object that was not freed. */
    static DomainPointer domain(Domain dom) {
        DomainPointer p = (DomainPointer) DOMAIN_VDP.getVolatile(dom);
        if (p == null || p.getPointer() == null) {
            throw new IllegalStateException("domain object has been freed");
        }
        return p;
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
        VirtException e = ErrorMapping.map(operation, err.code, err.domain, err.message, ErrorMapping.Call.GENERAL);
        Libvirt.INSTANCE.virResetLastError();
        return e;
    }
}
