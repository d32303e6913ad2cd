package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events: one thread owned by the connection, in order, failing listeners isolated. */
class FakeEventsTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.TINY);

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void everyEventArrivesInOrderOnTheConnectionsOneThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
        fake.onLifecycle(e -> {
            threads.add(Thread.currentThread().getName());
            seen.add(e);
        });
        for (int i = 0; i < 20; i++) {
            VirtDomain d = fake.define(plain("vm" + i));
            d.start();
            d.destroy();
            d.undefine();
        }
        fake.awaitEvents();
        assertThat(seen).hasSize(80).isEqualTo(fake.events());
        assertThat(threads).allMatch(t -> t.startsWith("virtforge-fake-events-")).containsOnly(threads.get(0));
        assertThat(threads.get(0)).isNotEqualTo(Thread.currentThread().getName());
        for (int i = 0; i < 20; i++) {
            assertThat(seen.subList(4 * i, 4 * i + 4)).extracting(LifecycleEvent::type).containsExactly(
                    LifecycleEvent.Type.DEFINED, LifecycleEvent.Type.STARTED, LifecycleEvent.Type.STOPPED,
                    LifecycleEvent.Type.UNDEFINED);
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
        fake.onLifecycle(e -> {
            throw new IllegalStateException("listener bug");
        });
        fake.onLifecycle(seen::add);
        fake.define(plain("vm"));
        fake.define(plain("vm2"));
        fake.awaitEvents();
        assertThat(seen).hasSize(2);
    }

    @Test
    void aClosedSubscriptionHearsNothingMoreAndClosingTheConnectionStopsDelivery() {
        List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
        Subscription s = fake.onLifecycle(seen::add);
        fake.define(plain("a"));
        fake.awaitEvents();
        s.close();
        fake.define(plain("b"));
        fake.awaitEvents();
        assertThat(seen).extracting(LifecycleEvent::domain).containsExactly("a");
        fake.close();
        fake.awaitEvents();
    }
}
