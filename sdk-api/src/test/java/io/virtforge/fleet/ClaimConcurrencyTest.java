package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 8 threads place 1,000 requests each into a fleet too small for them all, each plan -> claim, again on a
 * conflict: no CPU or huge page ends up booked twice (the validator finds no error on any domain of the final
 * hosts), and every refusal was a real no-fit on the fleet the planner saw.
 */
class ClaimConcurrencyTest {
    private static final int THREADS = 8;
    private static final int REQUESTS = 1_000;

    @Test
    void concurrentPlannersNeverBookAResourceTwice() throws Exception {
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < 8; i++) {
            b.host("h" + i, Hosts.host(16, 4096));
        }
        InMemoryClaimStore store = new InMemoryClaimStore(b.build());
        FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
        Planner single = Planner.create();
        AtomicInteger confirmed = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        Queue<String> falseRefusals = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            done.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                List<Claim> mine = new ArrayList<>();
                start.await();
                for (int i = 0; i < REQUESTS; i++) {
                    if (!mine.isEmpty() && rnd.nextInt(3) == 0) {
                        // a domain is deleted: capacity comes back while others plan
                        store.release(mine.remove(rnd.nextInt(mine.size())).id());
                        deleted.incrementAndGet();
                    }
                    PlacementRequest request = PlacementRequest.builder(1 + rnd.nextInt(3),
                            DataSize.mib(2L * (128 + rnd.nextInt(385)))).pageSize(PageSize.MIB_2).build();
                    while (true) {
                        Fleet seen = store.fleet();
                        FleetResult result = planner.plan(request, FleetConstraints.none(), seen);
                        if (result instanceof FleetPlacement p) {
                            try {
                                Claim claim = store.claim(p.hostId(), p.generation(), p.placement(),
                                        "vm-" + seed + "-" + i);
                                // some definitions fail: their claims go back, so capacity comes and goes
                                if (rnd.nextInt(4) == 0) {
                                    store.release(claim.id());
                                    released.incrementAndGet();
                                } else {
                                    store.confirm(claim.id());
                                    mine.add(claim);
                                    confirmed.incrementAndGet();
                                }
                                break;
                            } catch (ClaimConflictException e) {
                                conflicts.incrementAndGet();
                            }
                        } else {
                            for (FleetHost h : seen.all()) {
                                if (single.plan(request, h.state()).fits()) {
                                    falseRefusals.add(h.id() + " fits " + request.vcpus() + " vCPUs");
                                }
                            }
                            refused.incrementAndGet();
                            break;
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(falseRefusals).isEmpty();
        assertThat(confirmed.get() + released.get() + refused.get()).isEqualTo(THREADS * REQUESTS);
        assertThat(refused.get()).as("the fleet is too small for all").isPositive();
        assertThat(store.pendingCount()).isZero();
        int domains = 0;
        for (FleetHost h : store.fleet().all()) {
            for (Domain d : h.state().domains()) {
                assertThat(Validator.standard().validate(d, h.state()).errors()).extracting(Finding::toString)
                        .as("%s on %s", d.name(), h.id()).isEmpty();
                domains++;
            }
        }
        assertThat(domains).isEqualTo(confirmed.get() - deleted.get());
        assertThat(confirmed.get()).as("a stream, not just refusals").isGreaterThan(THREADS * REQUESTS / 4);
        System.out.printf("claims: %d confirmed (%d deleted after), %d released, %d refused, %d conflicts%n",
                confirmed.get(), deleted.get(), released.get(), refused.get(), conflicts.get());
    }

    @Test
    void theValidatorSeesADoubleBooking() {
        // the check above is not vacuous: the same placement booked twice on a host is caught
        HostState host = Hosts.host(4, 600);
        Placement p = Planner.create().plan(Hosts.small(), host).orElseThrow();
        Domain one = p.applyTo(DomainBuilder.named("one")).assemble();
        Domain two = p.applyTo(DomainBuilder.named("two")).assemble();
        HostState twice = host.with(one).with(two);
        assertThat(Validator.standard().validate(two, twice).errors()).extracting(Finding::code)
                .contains("PIN_CPU_BUSY", "HUGEPAGES_INSUFFICIENT");
    }
}
