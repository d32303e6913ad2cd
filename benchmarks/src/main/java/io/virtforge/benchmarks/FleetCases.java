package io.virtforge.benchmarks;

import io.virtforge.fake.fixtures.SyntheticFleet;
import io.virtforge.fleet.Fleet;
import io.virtforge.plan.DeviceRequest;
import io.virtforge.plan.NumaAffinity;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet placement cases ([fleet] issue), shared by {@link FleetPlannerBenchmark},
 * {@link InMemoryClaimThroughput} and {@link FleetShapes} (the Nova peer's input): a {@link SyntheticFleet}
 * of the seed {@link #SEED} (2/4/8-node hosts, 10 % with a GPU on every node, 20 % with an SR-IOV NIC on every
 * node, each 50-80 % occupied by pinned domains), and three dedicated requests, 1 GiB of 2 MiB pages per vCPU:
 *
 * <ul>
 *   <li>{@code v4c1}: 4 vCPUs in 1 guest cell;</li>
 *   <li>{@code v16c2}: 16 vCPUs in 2 guest cells;</li>
 *   <li>{@code v16c4gpu}: 16 vCPUs in 4 guest cells with one GPU, as below (a GPU request some hosts can
 *       take: on the seed's fleets no host has room for the next one);</li>
 *   <li>{@code v64c4gpu}: 64 vCPUs in 4 guest cells with one GPU ({@link SyntheticFleet#GPU_VENDOR}:
 *       {@link SyntheticFleet#GPU_DEVICE}) under {@link NumaAffinity#REQUIRED}.</li>
 * </ul>
 */
public final class FleetCases {
    /** The fleets' seed. */
    public static final long SEED = 15;
    /** The request names, in the order of the tables. */
    public static final List<String> REQUESTS = List.of("v4c1", "v16c2", "v16c4gpu", "v64c4gpu");

    private static final Map<Integer, Fleet> FLEETS = new ConcurrentHashMap<>();

    private FleetCases() {
    }

    /** The fleet of that many hosts (built once per JVM: 10,000 hosts take a few seconds). */
    public static Fleet fleet(int hosts) {
        return FLEETS.computeIfAbsent(hosts, n -> SyntheticFleet.seeded(SEED).hosts(n).occupancy(0.5, 0.8).build());
    }

    /** The request of that name. */
    public static PlacementRequest request(String name) {
        return switch (name) {
            case "v4c1" -> dedicated(4, 1).build();
            case "v16c2" -> dedicated(16, 2).build();
            case "v16c4gpu" -> dedicated(16, 4)
                    .device(DeviceRequest.ids(SyntheticFleet.GPU_VENDOR, SyntheticFleet.GPU_DEVICE))
                    .deviceAffinity(NumaAffinity.REQUIRED).build();
            case "v64c4gpu" -> dedicated(64, 4)
                    .device(DeviceRequest.ids(SyntheticFleet.GPU_VENDOR, SyntheticFleet.GPU_DEVICE))
                    .deviceAffinity(NumaAffinity.REQUIRED).build();
            default -> throw new IllegalArgumentException("unknown request " + name + ", not one of " + REQUESTS);
        };
    }

    /** vCPUs (dedicated) over cells, 1 GiB of 2 MiB pages each. */
    static PlacementRequest.Builder dedicated(int vcpus, int cells) {
        return PlacementRequest.builder(vcpus, DataSize.gib(vcpus)).cells(cells).pageSize(PageSize.MIB_2);
    }

    /** vCPUs of the named request. */
    public static int vcpus(String name) {
        return request(name).vcpus();
    }

    /** Guest cells of the named request. */
    public static int cells(String name) {
        return request(name).cellCount();
    }

    /** True when the named request asks for the GPU. */
    public static boolean gpu(String name) {
        return !request(name).devices().isEmpty();
    }
}
