package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.libvirt.Domain;
import org.libvirt.jna.Libvirt;

/**
 * Many threads on one shared libvirt-java connection: no errors, no crashes, the same answers. A quiet
 * per-connection error handler replaces libvirt's default one (which prints every error to stderr);
 * libvirt still records each error for the failing thread, which the interleaved failing calls check.
 */
class ConcurrencyTest extends OnTestDriver {
    private static final int THREADS = 8;
    private static final int CALLS = 300;
    private static final int[] SIZES = {4, 8, 2048, 1048576};


    private final AtomicInteger handled = new AtomicInteger();
    private final Libvirt.VirErrorCallback quiet = (userData, error) -> handled.incrementAndGet();

    @BeforeEach
    void quietErrors() throws Exception {
        conn.setConnectionErrorCallback(quiet);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threadsShareOneConnection() throws Exception {
        Domain test = driver.testDomain();
        FreePages pages = NativeLibvirt.freePages(conn, SIZES, 0, 2);
        List<DomainStatsRecord> stats = NativeLibvirt.allDomainStats(conn, NativeFlags.STATS_STATE, 0);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int failuresSeen = 0;
                    for (int i = 0; i < CALLS; i++) {
                        assertThat(NativeLibvirt.freePages(conn, SIZES, 0, 2)).isEqualTo(pages);
                        assertThat(NativeLibvirt.allDomainStats(conn, NativeFlags.STATS_STATE, 0)).isEqualTo(stats);
                        if ((i + thread) % 10 == 0) {
                            // interleave failing calls: each thread must see its own error, never a neighbour's
                            try {
                                NativeLibvirt.reattachNodeDevice(conn, "computer");
                            } catch (NativeLibvirtException e) {
                                assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_NO_SUPPORT);
                                assertThat(e.function()).isEqualTo("virNodeDeviceReAttach");
                                assertThat(e.libvirtMessage()).contains("virNodeDeviceReAttach");
                                failuresSeen++;
                            }
                            assertThat(NativeLibvirt.emulatorPinInfo(test, 0).cardinality()).isEqualTo(8);
                        }
                    }
                    return failuresSeen;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(100, TimeUnit.SECONDS)).isEqualTo(CALLS / 10);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(conn.isAlive()).isTrue();
        assertThat(handled.get()).isEqualTo(THREADS * CALLS / 10);
    }
}
