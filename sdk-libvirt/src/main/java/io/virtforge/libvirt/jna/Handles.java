package io.virtforge.libvirt.jna;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;

/**
 * Reads the native handles out of libvirt-java objects, so these bindings run on the very
 * {@code virConnectPtr}/{@code virDomainPtr} libvirt-java opened (one connection serves both); and wraps a
 * domain reference a direct call returned in a libvirt-java object, or takes it back out, so objects made
 * either way are used and freed alike.
 *
 * <p>libvirt-java 0.5.4 keeps them in non-public fields: {@code Connect.vcp} (protected,
 * {@link ConnectionPointer}) and {@code Domain.vdp} (package-private, {@link DomainPointer}); it sets
 * {@code vcp} to {@code null} on {@code close()} and frees both in {@code finalize()}. The handles are
 * <em>borrowed</em>: no reference is taken, so the caller must keep the Java object strongly reachable
 * for the whole native call ({@link java.lang.ref.Reference#reachabilityFence}), and must not close it
 * concurrently.
 */
public final class Handles {
    private static final VarHandle CONNECT_VCP;
    private static final VarHandle DOMAIN_VDP;
    private static final MethodHandle DOMAIN_NEW;

    static {
        try {
            CONNECT_VCP = MethodHandles.privateLookupIn(Connect.class, MethodHandles.lookup())
                    .findVarHandle(Connect.class, "vcp", ConnectionPointer.class);
            DOMAIN_VDP = MethodHandles.privateLookupIn(Domain.class, MethodHandles.lookup())
                    .findVarHandle(Domain.class, "vdp", DomainPointer.class);
            DOMAIN_NEW = MethodHandles.privateLookupIn(Domain.class, MethodHandles.lookup())
                    .findConstructor(Domain.class, MethodType.methodType(void.class, Connect.class, DomainPointer.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this libvirt-java version does not keep its native handles in "
                    + "Connect.vcp / Domain.vdp, or has no Domain(Connect, DomainPointer) (written against 0.5.4): " + e);
        }
    }

    private Handles() {
    }

    /** The {@code virConnectPtr} of an open connection; throws if it is closed. */
    static Pointer connection(Connect conn) {
        return connectionPointer(conn).getPointer();
    }

    /** The {@code virDomainPtr} of a domain object; throws if it was freed. */
    static Pointer domain(Domain dom) {
        return domainPointer(dom).getPointer();
    }

    /** The connection handle as libvirt-java's own JNA interface takes it; throws if it is closed. */
    public static ConnectionPointer connectionPointer(Connect conn) {
        ConnectionPointer p = (ConnectionPointer) CONNECT_VCP.getVolatile(conn);
        pointer(p, "connection is closed");
        return p;
    }

    /** The domain handle as libvirt-java's own JNA interface takes it; throws if it was freed. */
    public static DomainPointer domainPointer(Domain dom) {
        DomainPointer p = (DomainPointer) DOMAIN_VDP.getVolatile(dom);
        pointer(p, "domain object has been freed");
        return p;
    }

    /**
     * A libvirt-java domain object owning {@code dom}, a reference a direct call returned, as libvirt-java's own
     * calls make them: freed by {@code free()} (or {@link #free}, or its finalizer).
     */
    static Domain adopt(Connect conn, Pointer dom) {
        DomainPointer handle = new DomainPointer();
        handle.setPointer(dom);
        try {
            return (Domain) DOMAIN_NEW.invokeExact(conn, handle);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make a libvirt-java Domain", e);
        }
    }

    /**
     * Takes the reference out of a libvirt-java domain object, which then counts as freed (its {@code free()}
     * and finalizer do nothing); the caller releases the returned pointer. {@code null} if it was freed.
     */
    static Pointer take(Domain dom) {
        DomainPointer handle = (DomainPointer) DOMAIN_VDP.getAndSet(dom, (DomainPointer) null);
        return handle == null ? null : handle.getPointer();
    }

    private static Pointer pointer(PointerType handle, String whenNull) {
        Pointer p = handle == null ? null : handle.getPointer();
        if (p == null) {
            throw new IllegalStateException(whenNull);
        }
        return p;
    }
}
