package io.virtforge.samples.fleet;

import io.virtforge.fake.fixtures.SyntheticFleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.plan.DeviceRequest;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.value.DataSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The simulated stream of requests: a deterministic mix (the same seed gives the same stream) of four
 * flavours, all dedicated vCPUs in 2 MiB pages, some asking for a GPU, a VF or an availability zone.
 *
 * <p>The mix, by weight: {@code s2} (2 vCPUs, 4 GiB) 35, {@code m4} (4, 16 GiB) 30, {@code l8} (8, 24 GiB) 20,
 * {@code x16} (16, 48 GiB in 2 cells) 15. The memory per vCPU varies (2 to 4 GiB) around the fleet's 3 GiB of
 * 2 MiB pages per CPU on purpose, so that some hosts run out of CPUs first and others of pages first, as real
 * fleets do. Needs: 6 % a GPU, 8 % a VF, 10 % a zone, the rest plain.
 */
public final class RequestStream {
    /** The smallest flavour, the yardstick of fragmentation: a host that cannot take it strands its free CPUs. */
    public static final Flavour SMALLEST = new Flavour("s2", 2, DataSize.gib(4), 1);
    /** The largest flavour: a host that can still take it has room for any request of the stream but devices. */
    public static final Flavour LARGEST = new Flavour("x16", 16, DataSize.gib(48), 2);
    /** The flavours of the stream. */
    public static final List<Flavour> FLAVOURS = List.of(SMALLEST, new Flavour("m4", 4, DataSize.gib(16), 1),
            new Flavour("l8", 8, DataSize.gib(24), 1), LARGEST);
    private static final int[] WEIGHTS = {35, 30, 20, 15};
    /** The GPU {@link SyntheticFleet}'s GPU hosts have on every node. */
    public static final DeviceRequest GPU = DeviceRequest.ids(SyntheticFleet.GPU_VENDOR, SyntheticFleet.GPU_DEVICE);
    /**
     * A VF of the SR-IOV NIC {@link SyntheticFleet} puts on every node of its SR-IOV hosts (Intel X710, VF
     * 8086:154c; SyntheticFleet names no constant for it). By ids rather than {@link DeviceRequest#vfOf}: each
     * node has its own PF, and the request should take a VF of whichever node the planner picks.
     */
    public static final DeviceRequest VF = DeviceRequest.ids(0x8086, 0x154c);

    private RequestStream() {
    }

    /** The first {@code count} requests of the stream of that seed. */
    public static List<SimRequest> of(long seed, int count) {
        Random rnd = new Random(seed);
        List<SimRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Flavour flavour = pick(rnd);
            int draw = rnd.nextInt(100);
            Need need = draw < 6 ? Need.GPU : draw < 14 ? Need.VF : draw < 24 ? Need.ZONE : Need.PLAIN;
            String zone = "az" + (1 + rnd.nextInt(3));
            out.add(request(i, flavour, need, zone));
        }
        return List.copyOf(out);
    }

    private static Flavour pick(Random rnd) {
        int draw = rnd.nextInt(100);
        for (int f = 0; f < WEIGHTS.length; f++) {
            draw -= WEIGHTS[f];
            if (draw < 0) {
                return FLAVOURS.get(f);
            }
        }
        throw new AssertionError("the weights add up to 100");
    }

    private static SimRequest request(int index, Flavour flavour, Need need, String zone) {
        PlacementRequest.Builder request = flavour.request();
        FleetConstraints.Builder constraints = FleetConstraints.builder();
        switch (need) {
            // the label first: the fleet planner then skips hosts without the device before planning on them
            case GPU -> {
                request.device(GPU);
                constraints.requireLabel("gpu");
            }
            case VF -> {
                request.device(VF);
                constraints.requireLabel("sriov");
            }
            case ZONE -> constraints.requireLabel(zone);
            case PLAIN -> {
                // any host
            }
        }
        return new SimRequest(index, String.format("sim%05d", index), flavour, need, request.build(),
                constraints.build());
    }
}
