package io.virtforge.fleet;

import io.virtforge.VirtforgeException;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one host of a {@link ClaimStore} in step with a live libvirt connection: reads the host once
 * ({@link VirtConnection#hostState()}: its topology, live free huge pages and running domains), then follows
 * the connection's lifecycle events and changes only the domain an event names — a started domain's live XML
 * is read and added, a stopped one removed, its huge pages given back to or taken from the pools' live free
 * counts — without reading the whole host again. Each change reaches the store through
 * {@link ClaimStore#putHost}, so the host's generation moves and a plan made before it conflicts.
 *
 * <p>Events are applied in order on the feed's own thread (not the connection's event thread, which must
 * not wait on libvirt calls). What lifecycle events do not tell — a live {@code vcpupin}, a hot-plugged
 * device, events lost while the connection was down — takes a {@link #refresh()}, e.g. after
 * {@link VirtConnection#reconnect()} or on a timer. {@link #sync()} waits until every event received so far
 * is applied.
 */
public final class LiveHostFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHostFeed.class);

    private final ClaimStore store;
    private final String hostId;
    private final VirtConnection connection;
    private final Set<String> labels;
    private final ExecutorService worker;
    private final AtomicLong applied = new AtomicLong();
    private final Subscription subscription;
    private HostState state; // confined to the worker thread after start

    private LiveHostFeed(ClaimStore store, String hostId, VirtConnection connection, Set<String> labels) {
        this.store = store;
        this.hostId = hostId;
        this.connection = connection;
        this.labels = Set.copyOf(labels);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "virtforge-feed-" + hostId);
            t.setDaemon(true);
            return t;
        });
        // subscribe before the first read: an event that races with it is applied after it, and applying
        // an event twice changes nothing (a started domain already there is replaced, a stopped one absent is skipped)
        this.subscription = connection.onLifecycle(e -> worker.execute(() -> apply(e)));
    }

    /**
     * Reads the host from the connection into the store under the id, and follows its events until closed.
     *
     * @throws VirtforgeException when the first read fails (nothing is left subscribed)
     */
    public static LiveHostFeed start(ClaimStore store, String hostId, VirtConnection connection, Set<String> labels) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(labels, "labels");
        LiveHostFeed feed = new LiveHostFeed(store, hostId, connection, labels);
        try {
            feed.refresh();
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
        return feed;
    }

    /** The host's id in the store. */
    public String hostId() {
        return hostId;
    }

    /** The number of events applied so far (those that changed nothing included). */
    public long eventsApplied() {
        return applied.get();
    }

    /** Reads the whole host again and puts it in the store. */
    public void refresh() {
        await(() -> publish(connection.hostState()));
    }

    /** Returns once every event received before the call is applied. */
    public void sync() {
        await(() -> { });
    }

    /** Stops following the connection (the host stays in the store as last read). */
    @Override
    public void close() {
        subscription.close();
        worker.shutdown();
    }

    private void apply(LifecycleEvent event) {
        try {
            switch (event.type()) {
                case STARTED, RESUMED -> running(event).ifPresent(this::started);
                case STOPPED -> stopped(event.domain());
                default -> { } // a definition, a pause or a guest's own shutdown notice does not change what it holds
            }
        } catch (RuntimeException e) {
            LOG.warn("host {}: event {} of {} not applied ({}); reading the whole host", hostId, event.type(),
                    event.domain(), e.toString());
            try {
                publish(connection.hostState());
            } catch (RuntimeException again) {
                LOG.warn("host {}: could not read the host ({}); its snapshot stays as last read", hostId,
                        again.toString());
            }
        }
        applied.incrementAndGet();
    }

    /** The live definition of the domain, if it still runs. */
    private Optional<Domain> running(LifecycleEvent event) {
        Optional<VirtDomain> domain = connection.lookup(event.uuid());
        if (domain.isEmpty() || !domain.get().state().isActive()) {
            return Optional.empty(); // gone or stopped since: its STOPPED event follows, or came before
        }
        return Optional.of(domain.get().live());
    }

    private void started(Domain live) {
        HostState without = held(live.name()).map(gone -> PoolCounts.without(state, gone)).orElse(state);
        publish(PoolCounts.with(without, List.of(live)));
    }

    private void stopped(String name) {
        held(name).ifPresent(gone -> publish(PoolCounts.without(state, gone)));
    }

    /** The domain of that name in the current snapshot. */
    private Optional<Domain> held(String name) {
        return state.domains().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private void publish(HostState next) {
        state = next;
        store.putHost(new FleetHost(hostId, next, labels, 0));
    }

    private void await(Runnable task) {
        try {
            worker.submit(task).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new VirtforgeException("host " + hostId + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtforgeException("host " + hostId + ": interrupted while waiting for the feed", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new VirtforgeException("host " + hostId + ": the feed did not answer in 5 minutes", e);
        }
    }
}
