package io.virtforge.fake.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.NumaMode;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads at once: no lost pages, no lost events, no exceptions. */
class FakeConcurrencyTest {
    @Test
    void concurrentLifecyclesKeepTheBooksStraight() throws Exception {
        try (FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S)) {
            AtomicInteger heard = new AtomicInteger();
            fake.onLifecycle(e -> heard.incrementAndGet());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        VirtDomain d = fake.define(TestDomains.small("t" + thread + "-" + i).memory(DataSize.gib(1))
                                .hugepages(PageSize.GIB_1).memoryOn(NumaMode.STRICT, NodeSet.of(thread % 2)).build());
                        d.start();
                        d.suspend();
                        d.resume();
                        d.destroy();
                        d.undefine();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            fake.awaitEvents();
            assertThat(fake.domains()).isEmpty();
            assertThat(fake.freePages(0, PageSize.GIB_1)).isEqualTo(16);
            assertThat(fake.freePages(1, PageSize.GIB_1)).isEqualTo(16);
            assertThat(heard.get()).isEqualTo(6 * 40 * 6).isEqualTo(fake.events().size());
        }
    }
}
