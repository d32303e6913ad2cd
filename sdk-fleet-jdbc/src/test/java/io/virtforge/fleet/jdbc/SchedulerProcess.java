package io.virtforge.fleet.jdbc;

import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.FleetResult;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.fleet.Hosts;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Planner;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A scheduler in a JVM of its own, started by the cross-JVM tests ({@link SchedulerJvms}); talks to its parent on
 * stdout, one line per message.
 *
 * <ul>
 * <li>{@code race URL SCHEMA SEED REQUESTS}: says {@code READY}, waits for a line on stdin, then places REQUESTS
 * random requests on {@link #raceFleet()} (plan, claim, confirm or release 1 in 4, again on a conflict; before 1
 * request in 3 one of its confirmed domains is deleted, so the fleet churns) and says
 * {@code RESULT confirmed released deleted refused conflicts}, after a {@code FALSE_REFUSAL ...} line for every
 * refusal while a host of the fleet it saw could fit the request;</li>
 * <li>{@code claim-and-hang URL SCHEMA TIMEOUT_MS}: fills host {@code a} of {@link #smallFleet()} with two pending
 * claims, says {@code CLAIMED id1 id2} and sleeps until it is killed.</li>
 * </ul>
 */
public final class SchedulerProcess {
    private SchedulerProcess() {
    }

    /** Eight hosts of 16 CPUs and 4096 huge pages: too small for the race's requests. */
    static Fleet raceFleet() {
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < 8; i++) {
            b.host("h" + i, Hosts.host(16, 4096));
        }
        return b.build();
    }

    /** One host of 4 CPUs and 1024 pages: two {@link Hosts#small()} requests fill it. */
    static Fleet smallFleet() {
        return Fleet.builder().host("a", Hosts.host(4, 1024)).build();
    }

    /** Runs one mode (see the class comment). */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String schema = args[2];
        if (mode.equals("race")) {
            try (JdbcClaimStore store = JdbcClaimStore.builder(TestPostgres.dataSource(url)).schema(schema)
                    .fleet(raceFleet()).build()) {
                System.out.println("READY");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                race(store, Long.parseLong(args[3]), Integer.parseInt(args[4]));
            }
        } else if (mode.equals("claim-and-hang")) {
            JdbcClaimStore store = JdbcClaimStore.builder(TestPostgres.dataSource(url)).schema(schema)
                    .fleet(smallFleet()).timeout(Duration.ofMillis(Long.parseLong(args[3]))).build();
            FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
            StringBuilder ids = new StringBuilder("CLAIMED");
            for (String name : new String[] {"lost-1", "lost-2"}) {
                FleetPlacement p = planner.plan(Hosts.small(), FleetConstraints.none(), store.fleet()).chosen()
                        .orElseThrow();
                Claim claim = store.claim(p.hostId(), p.generation(), p.placement(), name);
                ids.append(' ').append(claim.id());
            }
            System.out.println(ids);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // the scheduler dies here, before it defines or confirms anything
        } else {
            throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void race(JdbcClaimStore store, long seed, int requests) {
        FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
        Planner single = Planner.create();
        Random rnd = new Random(seed);
        int confirmed = 0;
        int released = 0;
        int deleted = 0;
        int refused = 0;
        List<Long> mine = new ArrayList<>();
        int conflicts = 0;
        for (int i = 0; i < requests; i++) {
            if (!mine.isEmpty() && rnd.nextInt(3) == 0) {
                // a domain is deleted: capacity comes back while the others plan
                store.release(mine.remove(rnd.nextInt(mine.size())));
                deleted++;
            }
            PlacementRequest request = PlacementRequest.builder(1 + rnd.nextInt(3),
                    DataSize.mib(2L * (128 + rnd.nextInt(385)))).pageSize(PageSize.MIB_2).build();
            while (true) {
                Fleet seen = store.fleet();
                FleetResult result = planner.plan(request, FleetConstraints.none(), seen);
                if (result instanceof FleetPlacement p) {
                    try {
                        Claim claim = store.claim(p.hostId(), p.generation(), p.placement(), "vm-" + seed + "-" + i);
                        // some definitions fail: their claims go back, so capacity comes and goes
                        if (rnd.nextInt(4) == 0) {
                            store.release(claim.id());
                            released++;
                        } else {
                            store.confirm(claim.id());
                            mine.add(claim.id());
                            confirmed++;
                        }
                        break;
                    } catch (ClaimConflictException e) {
                        conflicts++;
                    }
                } else {
                    for (FleetHost h : seen.all()) {
                        if (single.plan(request, h.state()).fits()) {
                            System.out.println("FALSE_REFUSAL " + h.id() + " fits " + request.vcpus() + " vCPUs");
                        }
                    }
                    refused++;
                    break;
                }
            }
        }
        System.out.println("RESULT " + confirmed + " " + released + " " + deleted + " " + refused + " " + conflicts);
        System.out.flush();
    }
}
