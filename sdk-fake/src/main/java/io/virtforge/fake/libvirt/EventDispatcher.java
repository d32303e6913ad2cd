package io.virtforge.fake.libvirt;

import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers lifecycle events on one thread owned by the connection, in the order they were published (the
 * connection publishes while holding its lock, so the order is the order of the state changes). A listener
 * that throws is logged and does not stop the others. Keeps every event for {@link #history()}.
 */
final class EventDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService thread;
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<LifecycleEvent> history = new ArrayList<>();

    EventDispatcher(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "virtforge-fake-events-" + THREADS.incrementAndGet() + "-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    Subscription subscribe(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                listeners.remove(listener);
            }
        };
    }

    void publish(LifecycleEvent event) {
        synchronized (history) {
            history.add(event);
        }
        LOG.debug("event {}", event);
        try {
            thread.execute(() -> deliver(event));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.debug("connection closed; event {} not delivered", event);
        }
    }

    private void deliver(LifecycleEvent event) {
        for (Consumer<LifecycleEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("lifecycle listener failed on {}", event, e);
            }
        }
    }

    List<LifecycleEvent> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Waits until every event published so far has been delivered. */
    void await(Duration timeout) {
        Future<?> barrier;
        try {
            barrier = thread.submit(() -> { });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return;
        }
        try {
            barrier.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for event delivery", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("events not delivered within " + timeout + " (a listener blocks?)", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        listeners.clear();
    }
}
