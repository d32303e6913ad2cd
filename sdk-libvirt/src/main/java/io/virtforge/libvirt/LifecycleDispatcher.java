package io.virtforge.libvirt;

import io.virtforge.connect.LibvirtErrors;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's lifecycle events: a single libvirt callback ({@code virConnectDomainEventRegisterAny}
 * for {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}, through libvirt-java's JNA interface, so the event type and
 * detail arrive as libvirt's raw numbers, which libvirt-java's enums would clip), registered while at
 * least one listener is subscribed. On the libvirt event loop thread it copies the domain's name and UUID
 * (the domain pointer is borrowed for the duration of the callback: nothing to free) and hands a
 * {@link LifecycleEvent} to this connection's own dispatch thread, which calls the listeners in
 * subscription order. Both threads are single, so listeners see the events in the order libvirt emitted
 * them; a listener that throws is logged and does not stop the others.
 *
 * <p>Registration changes are serialised on this object; callers hold the connection's read lock (or
 * write lock on reconnect), so the {@link Connect} is not closed under them.
 */
final class LifecycleDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleDispatcher.class);
    private static final int EVENT_ID_LIFECYCLE = 0; // VIR_DOMAIN_EVENT_ID_LIFECYCLE
    private static final int UUID_STRING_BUFLEN = 37; // VIR_UUID_STRING_BUFLEN

    private final String uri;
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch;
    /** Held strongly for as long as libvirt may call it: libvirt keeps only a native pointer to it. */
    private final Libvirt.VirConnectDomainEventCallback callback = this::onLibvirtEvent;
    private Connect registeredOn; // guarded by this
    private int callbackId = -1; // guarded by this
    private boolean closed; // guarded by this

    LifecycleDispatcher(String uri) {
        this.uri = uri;
        this.dispatch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "virtforge-libvirt-events[" + uri + "]");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a listener, registering the libvirt callback on {@code conn} if it is the first. */
    synchronized Subscription subscribe(Connect conn, Consumer<LifecycleEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw LibvirtErrors.closed("subscribing to the lifecycle events of " + uri);
        }
        if (registeredOn == null) {
            register(conn);
        }
        listeners.add(listener);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                unsubscribe(listener);
            }
        };
    }

    private synchronized void unsubscribe(Consumer<LifecycleEvent> listener) {
        listeners.remove(listener);
        if (listeners.isEmpty() && registeredOn != null) {
            unregister();
        }
    }

    /** Moves the libvirt callback to a new connection after a reconnect (if any listener is subscribed). */
    synchronized void moveTo(Connect conn) {
        if (registeredOn != null) {
            unregister();
        }
        if (!closed && !listeners.isEmpty()) {
            register(conn);
        }
    }

    /**
     * Unregisters the callback (before the connection closes), drops the listeners and stops the dispatch
     * thread once the events already queued are delivered.
     */
    void close() {
        synchronized (this) {
            closed = true;
            if (registeredOn != null) {
                unregister();
            }
        }
        dispatch.shutdown();
        try {
            if (!dispatch.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("lifecycle listeners of {} still busy 5 s after close", uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listeners.clear();
    }

    private void register(Connect conn) {
        int id = Libvirt.INSTANCE.virConnectDomainEventRegisterAny(NativeHandles.connection(conn), null,
                EVENT_ID_LIFECYCLE, callback, null, null);
        if (id < 0) {
            throw NativeHandles.lastError("subscribing to lifecycle events of " + uri);
        }
        registeredOn = conn;
        callbackId = id;
        LOG.debug("lifecycle callback {} registered on {}", id, uri);
    }

    private void unregister() {
        Connect conn = registeredOn;
        int id = callbackId;
        registeredOn = null;
        callbackId = -1;
        try {
            if (Libvirt.INSTANCE.virConnectDomainEventDeregisterAny(NativeHandles.connection(conn), id) < 0) {
                // a lost connection has no callbacks left to remove
                LOG.debug("could not unregister lifecycle callback {} from {}: {}", id, uri,
                        NativeHandles.lastError("unregistering").libvirtMessage());
            } else {
                LOG.debug("lifecycle callback {} unregistered from {}", id, uri);
            }
        } catch (IllegalStateException e) {
            LOG.debug("lifecycle callback {} of {} not unregistered: {}", id, uri, e.getMessage());
        }
    }

    /** On the libvirt event loop thread: copy what is needed and hand on; never throws into libvirt. */
    private int onLibvirtEvent(ConnectionPointer conn, DomainPointer dom, int type, int detail, Pointer opaque) {
        try {
            if (type < 0 || type >= LifecycleEvent.Type.values().length) {
                LOG.debug("ignoring a lifecycle event of unknown type {} (detail {})", type, detail);
                return 0;
            }
            byte[] uuid = new byte[UUID_STRING_BUFLEN];
            String name = Libvirt.INSTANCE.virDomainGetName(dom);
            if (name == null || Libvirt.INSTANCE.virDomainGetUUIDString(dom, uuid) < 0) {
                LOG.warn("could not read the domain of a lifecycle event from {}", uri);
                return 0;
            }
            deliver(new LifecycleEvent(name, UUID.fromString(Native.toString(uuid)),
                    LifecycleEvent.Type.fromLibvirt(type), detail));
        } catch (RuntimeException e) {
            LOG.warn("could not read a lifecycle event from {}", uri, e);
        }
        return 0;
    }

    private void deliver(LifecycleEvent event) {
        try {
            dispatch.execute(() -> {
                for (Consumer<LifecycleEvent> l : listeners) {
                    try {
                        l.accept(event);
                    } catch (RuntimeException ex) {
                        LOG.warn("lifecycle listener {} failed on {}", l, event, ex);
                    }
                }
            });
        } catch (RejectedExecutionException ex) {
            LOG.debug("connection {} closed; dropping {}", uri, event);
        }
    }
}
