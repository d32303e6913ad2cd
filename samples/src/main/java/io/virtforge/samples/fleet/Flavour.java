package io.virtforge.samples.fleet;

import io.virtforge.plan.PlacementRequest;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.Objects;

/**
 * A VM size of the simulated stream: dedicated vCPUs, memory in 2 MiB pages, split evenly over a number of guest
 * NUMA cells (each cell on its own host node).
 *
 * @param name   short name, e.g. {@code m4}
 * @param vcpus  dedicated vCPUs
 * @param memory memory, all of it in 2 MiB pages
 * @param cells  guest NUMA cells (1 or more, at most {@code vcpus})
 */
public record Flavour(String name, int vcpus, DataSize memory, int cells) {
    /** Checks the fields. */
    public Flavour {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(memory, "memory");
        if (vcpus < 1 || cells < 1 || cells > vcpus) {
            throw new IllegalArgumentException("a flavour needs 1 <= cells <= vcpus, not " + cells + " cells for "
                    + vcpus + " vCPUs");
        }
    }

    /** A request for this flavour, to which devices or other options may be added. */
    public PlacementRequest.Builder request() {
        return PlacementRequest.builder(vcpus, memory).cells(cells).pageSize(PageSize.MIB_2);
    }
}
