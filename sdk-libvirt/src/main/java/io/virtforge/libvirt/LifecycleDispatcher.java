package io.virtforge.libvirt;

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
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's lifecycle events: a single libvirt callback ({@code virConnectDomainEventRegisterAny}
 * for {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}), registered while at least one listener is subscribed, that
 * turns each libvirt event into a {@link LifecycleEvent} on the libvirt event loop thread and hands it
 * to this connection's own dispatch thread, which calls the listeners in subscription order. Both
 * threads are single, so listeners see the events in the order libvirt emitted them; a listener that
 * throws is logged and does not stop the others.
 *
 * <p>The callback's domain reference (libvirt-java takes one for each event) is freed before the
 * callback returns. Registration changes are serialised on this object; callers hold the connection's
 * read lock (or write lock on reconnect), so the {@link Connect} is not closed under them.
 */
final class LifecycleDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleDispatcher.class);

    private final String uri;
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch;
    /** Held strongly: libvirt keeps a native pointer to the JNA callback wrapping it. */
    private final LifecycleListener callback = this::onLibvirtEvent;
    private Connect registeredOn; // guarded by this

    LifecycleDispatcher(String uri) {
        this.uri = uri;
        this.dispatch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "virtforge-libvirt-events[" + uri + "]");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a listener, registering the libvirt callback on {@code conn} if it is the first. */
    synchronized Subscription subscribe(Connect conn, Consumer<LifecycleEvent> listener) throws LibvirtException {
        Objects.requireNonNull(listener, "listener");
        if (registeredOn == null) {
            conn.addLifecycleListener(callback);
            registeredOn = conn;
            LOG.debug("lifecycle callback registered on {}", uri);
        }
        listeners.add(listener);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                unsubscribe(listener);
            }
        };
    }

    /** Whether any listener is subscribed. */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    private synchronized void unsubscribe(Consumer<LifecycleEvent> listener) {
        listeners.remove(listener);
        if (listeners.isEmpty() && registeredOn != null) {
            unregister();
        }
    }

    /** Moves the libvirt callback to a new connection after a reconnect (if any listener is subscribed). */
    synchronized void moveTo(Connect conn) throws LibvirtException {
        if (registeredOn != null) {
            unregister();
        }
        if (!listeners.isEmpty()) {
            conn.addLifecycleListener(callback);
            registeredOn = conn;
            LOG.debug("lifecycle callback registered again on {} after reconnecting", uri);
        }
    }

    /** Unregisters the callback (before the connection closes) and stops the dispatch thread once it is idle. */
    synchronized void close() {
        if (registeredOn != null) {
            unregister();
        }
        listeners.clear();
        dispatch.shutdown();
        try {
            if (!dispatch.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("lifecycle listeners of {} still busy 5 s after close", uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unregister() {
        Connect conn = registeredOn;
        registeredOn = null;
        try {
            conn.removeLifecycleListener(callback);
            LOG.debug("lifecycle callback unregistered from {}", uri);
        } catch (LibvirtException | RuntimeException e) {
            // a lost connection has no callbacks left to remove
            LOG.debug("could not unregister the lifecycle callback from {}: {}", uri, e.toString());
        }
    }

    /** On the libvirt event loop thread: copy what is needed, free libvirt's reference, hand on. */
    private int onLibvirtEvent(Domain dom, DomainEvent event) {
        LifecycleEvent e = null;
        try {
            int type = ErrorMapping.number(event.getType());
            if (type >= 0 && type < LifecycleEvent.Type.values().length) {
                Object detail = event.getDetail();
                int detailCode = detail instanceof Enum<?> d && !d.name().equals("UNKNOWN") ? d.ordinal() : -1;
                e = new LifecycleEvent(dom.getName(), UUID.fromString(dom.getUUIDString()),
                        LifecycleEvent.Type.fromLibvirt(type), detailCode);
            } else {
                LOG.debug("ignoring a lifecycle event of a type libvirt-java does not know: {}", event);
            }
        } catch (LibvirtException | RuntimeException ex) {
            LOG.warn("could not read a lifecycle event from {}: {}", uri, ex.toString());
        } finally {
            try {
                dom.free();
            } catch (LibvirtException ex) {
                LOG.debug("freeing an event's domain reference failed: {}", ex.toString());
            }
        }
        if (e != null) {
            deliver(e);
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
