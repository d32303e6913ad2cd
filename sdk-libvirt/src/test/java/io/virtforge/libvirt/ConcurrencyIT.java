package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eight threads share one connection to {@code test:///default}, each defining, starting, destroying and
 * undefining its own domains, 200 operations per thread, with listings and lookups in between. Nothing
 * may fail or crash, and nothing may leak: the domain list ends as it began, no libvirt-java domain
 * object stays unfreed ({@link LibvirtConnection#openDomainHandles()}), and closing the connection
 * leaves no reference on it ({@code virConnectClose} answers 0: every {@code virDomainPtr} taken was
 * freed, every callback unregistered).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConcurrencyIT {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyIT.class);
    private static final int THREADS = 8;
    private static final int OPERATIONS = 200; // per thread: 50 rounds of define, start, destroy, undefine

    @Test
    void eightThreadsDefineStartDestroyUndefineWithoutErrorsOrLeaks() throws Exception {
        Hosts.assumeTestDriver();
        LibvirtConnection conn = LibvirtConnection.open(Hosts.TEST_URI);
        List<DomainSummary> before = conn.domains();
        Map<String, List<LifecycleEvent.Type>> events = new ConcurrentHashMap<>();
        Subscription sub = conn.onLifecycle(e -> {
            if (e.domain().startsWith("it-cc-")) {
                events.computeIfAbsent(e.domain(), k -> new CopyOnWriteArrayList<>()).add(e.type());
            }
        });
        AtomicInteger operations = new AtomicInteger();
        long t0 = System.nanoTime();
        runThreads(i -> {
            for (int round = 0; round < OPERATIONS / 4; round++) {
                String name = "it-cc-" + i + "-" + round;
                LibvirtDomain dom = conn.define(LibvirtTestDriverIT.guest(name));
                dom.start();
                assertThat(dom.state()).isEqualTo(DomainState.RUNNING);
                if (round % 10 == 0) {
                    assertThat(conn.domains()).extracting(DomainSummary::name).contains(name, "test");
                    assertThat(conn.lookup(name)).contains(dom);
                    conn.allDomainStats();
                }
                dom.destroy();
                dom.undefine();
                operations.addAndGet(4);
            }
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("{} operations by {} threads in {} ms", operations.get(), THREADS, ms);
        assertThat(operations.get()).isEqualTo(THREADS * OPERATIONS);

        awaitEvents(events, THREADS * OPERATIONS / 4, 4);
        sub.close();
        assertThat(events).hasSize(THREADS * OPERATIONS / 4).allSatisfy((name, types) -> assertThat(types)
                .as(name).containsExactly(LifecycleEvent.Type.DEFINED, LifecycleEvent.Type.STARTED,
                        LifecycleEvent.Type.STOPPED, LifecycleEvent.Type.UNDEFINED));

        assertThat(conn.domains()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(conn.openDomainHandles()).isZero();
        conn.close();
        assertThat(conn.referencesLeftAtClose()).as("native references left after close").isZero();
    }

    /** The same load while another thread keeps reconnecting: calls wait for the swap, none fails. */
    @Test
    void reconnectingUnderLoadLosesNoCallAndLeaksNothing() throws Exception {
        Hosts.assumeTestDriver();
        LibvirtConnection conn = LibvirtConnection.open(Hosts.TEST_URI);
        int domainsBefore = conn.domains().size();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reconnects = new AtomicInteger();
        Thread chaos = new Thread(() -> {
            while (!done.get()) {
                conn.reconnect();
                reconnects.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "reconnector");
        chaos.start();
        try {
            runThreads(i -> {
                for (int round = 0; round < OPERATIONS / 4; round++) {
                    LibvirtDomain dom = conn.define(LibvirtTestDriverIT.guest("it-cc-r-" + i + "-" + round));
                    dom.start();
                    dom.destroy();
                    dom.undefine();
                }
            });
        } finally {
            done.set(true);
            chaos.join();
        }
        LOG.info("{} reconnects during the run", reconnects.get());
        assertThat(reconnects.get()).isPositive();
        assertThat(conn.domains()).hasSize(domainsBefore);
        assertThat(conn.openDomainHandles()).isZero();
        conn.close();
        assertThat(conn.referencesLeftAtClose()).isZero();
    }

    @FunctionalInterface
    interface Worker {
        void run(int thread) throws Exception;
    }

    private static void runThreads(Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    worker.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : results) {
                f.get(150, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitEvents(Map<String, List<LifecycleEvent.Type>> events, int domains, int each)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && (events.size() < domains
                || events.values().stream().anyMatch(l -> l.size() < each))) {
            Thread.sleep(20);
        }
    }
}
