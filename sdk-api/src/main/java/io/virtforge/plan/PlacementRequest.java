package io.virtforge.plan;

import io.virtforge.check.OvercommitProfile;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a domain needs from a host, for the {@link Planner}: vCPUs and memory, the guest NUMA layout
 * (a fixed number of cells, as few as fit, or explicit asymmetric cells), CPU, SMT thread and
 * emulator policies, I/O threads, page size, passthrough and mediated devices with their NUMA affinity, reserved
 * housekeeping CPUs, overcommit ratios for shared CPUs and base-page memory, and a strategy. Immutable.
 */
public final class PlacementRequest {
    private final int vcpus;
    private final DataSize memory;
    private final int cellCount;
    private final List<CellRequest> cells;
    private final CpuPolicy cpuPolicy;
    private final CpuSet dedicatedMask;
    private final ThreadPolicy threadPolicy;
    private final EmulatorPolicy emulatorPolicy;
    private final int iothreads;
    private final PagePolicy pagePolicy;
    private final PageSize pageSize;
    private final List<DeviceRequest> devices;
    private final List<MdevRequest> mdevs;
    private final NumaAffinity deviceAffinity;
    private final CpuSet reservedCpus;
    private final double cpuAllocationRatio;
    private final double ramAllocationRatio;
    private final Strategy strategy;
    private final NodeSet allowedNodes;

    private PlacementRequest(Builder b) {
        vcpus = b.vcpus;
        memory = Objects.requireNonNull(b.memory, "memory");
        cellCount = b.cellCount;
        cells = List.copyOf(b.cells);
        cpuPolicy = b.cpuPolicy;
        dedicatedMask = b.dedicatedMask;
        threadPolicy = b.threadPolicy;
        emulatorPolicy = b.emulatorPolicy;
        iothreads = b.iothreads;
        pagePolicy = b.pagePolicy;
        pageSize = b.pageSize;
        devices = List.copyOf(b.devices);
        mdevs = List.copyOf(b.mdevs);
        deviceAffinity = b.deviceAffinity;
        reservedCpus = b.reservedCpus;
        cpuAllocationRatio = b.cpuAllocationRatio;
        ramAllocationRatio = b.ramAllocationRatio;
        strategy = b.strategy;
        allowedNodes = b.allowedNodes;
        check();
    }

    private void check() {
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be at least 1");
        }
        if (memory.bytes() == 0) {
            throw new IllegalArgumentException("memory must not be zero");
        }
        if (!cells.isEmpty()) {
            CpuSet all = CpuSet.empty();
            long mem = 0;
            for (CellRequest c : cells) {
                if (c.vcpus().intersects(all)) {
                    throw new IllegalArgumentException("vCPUs " + c.vcpus().intersect(all) + " are in two cells");
                }
                all = all.union(c.vcpus());
                mem += c.memory().bytes();
            }
            if (!all.equals(CpuSet.range(0, vcpus - 1))) {
                throw new IllegalArgumentException("the cells' vCPUs " + all + " must be exactly 0-" + (vcpus - 1));
            }
            if (mem != memory.bytes()) {
                throw new IllegalArgumentException("the cells' memory adds up to " + DataSize.ofBytes(mem)
                        + ", not " + memory);
            }
        }
        if (cellCount > vcpus) {
            throw new IllegalArgumentException(cellCount + " cells for " + vcpus + " vCPUs: each cell needs a vCPU");
        }
        if (cpuPolicy == CpuPolicy.MIXED && (dedicatedMask == null || dedicatedMask.isEmpty()
                || dedicatedMask.last().getAsInt() >= vcpus)) {
            throw new IllegalArgumentException("the mixed policy needs a mask of dedicated vCPUs within 0-" + (vcpus - 1));
        }
        if (pagePolicy == PagePolicy.EXPLICIT && pageSize == null) {
            throw new IllegalArgumentException("an explicit page policy needs a page size");
        }
        if (cpuAllocationRatio <= 0 || ramAllocationRatio <= 0) {
            throw new IllegalArgumentException("allocation ratios must be positive");
        }
    }

    /** A request of {@code vcpus} vCPUs and {@code memory}. */
    public static Builder builder(int vcpus, DataSize memory) {
        return new Builder(vcpus, memory);
    }

    /** vCPUs. */
    public int vcpus() {
        return vcpus;
    }

    /** Memory. */
    public DataSize memory() {
        return memory;
    }

    /** The fixed number of guest cells; 0 means as few as fit (unless explicit cells are given). */
    public int cellCount() {
        return cellCount;
    }

    /** Explicit (possibly asymmetric) guest cells; empty when not given. */
    public List<CellRequest> cells() {
        return cells;
    }

    /** The CPU policy. */
    public CpuPolicy cpuPolicy() {
        return cpuPolicy;
    }

    /** The dedicated vCPUs of the mixed policy. */
    public Optional<CpuSet> dedicatedMask() {
        return Optional.ofNullable(dedicatedMask);
    }

    /** True when vCPU {@code v} gets a dedicated CPU. */
    public boolean isDedicated(int v) {
        return cpuPolicy == CpuPolicy.DEDICATED || (cpuPolicy == CpuPolicy.MIXED && dedicatedMask.contains(v));
    }

    /** The SMT thread policy (dedicated vCPUs). */
    public ThreadPolicy threadPolicy() {
        return threadPolicy;
    }

    /** The emulator thread policy. */
    public EmulatorPolicy emulatorPolicy() {
        return emulatorPolicy;
    }

    /** I/O threads (pinned with the emulator). */
    public int iothreads() {
        return iothreads;
    }

    /** The page policy. */
    public PagePolicy pagePolicy() {
        return pagePolicy;
    }

    /** The explicit page size. */
    public Optional<PageSize> pageSize() {
        return Optional.ofNullable(pageSize);
    }

    /** The devices. */
    public List<DeviceRequest> devices() {
        return devices;
    }

    /** The mediated devices (vGPUs), placed under the devices' NUMA affinity policy too. */
    public List<MdevRequest> mdevs() {
        return mdevs;
    }

    /** The devices' NUMA affinity policy. */
    public NumaAffinity deviceAffinity() {
        return deviceAffinity;
    }

    /** Housekeeping CPUs no vCPU is placed on. */
    public CpuSet reservedCpus() {
        return reservedCpus;
    }

    /** Shared vCPUs per shared host CPU allowed (the planner uses at most its profile's maximum). */
    public double cpuAllocationRatio() {
        return cpuAllocationRatio;
    }

    /** Base-page memory overcommit ratio (huge pages are never overcommitted). */
    public double ramAllocationRatio() {
        return ramAllocationRatio;
    }

    /** The strategy. */
    public Strategy strategy() {
        return strategy;
    }

    /** The host nodes the domain may use; empty when any. */
    public Optional<NodeSet> allowedNodes() {
        return Optional.ofNullable(allowedNodes);
    }

    /**
     * One explicit guest cell.
     *
     * @param vcpus  its vCPUs
     * @param memory its memory
     */
    public record CellRequest(CpuSet vcpus, DataSize memory) {
        /** Checks the cell is not empty. */
        public CellRequest {
            if (vcpus.isEmpty()) {
                throw new IllegalArgumentException("a guest cell needs vCPUs");
            }
        }
    }

    /** Builds a {@link PlacementRequest}. Defaults: as few cells as fit, dedicated, prefer, share, any pages, required, pack. */
    public static final class Builder {
        private final int vcpus;
        private final DataSize memory;
        private int cellCount;
        private final List<CellRequest> cells = new ArrayList<>();
        private CpuPolicy cpuPolicy = CpuPolicy.DEDICATED;
        private CpuSet dedicatedMask;
        private ThreadPolicy threadPolicy = ThreadPolicy.PREFER;
        private EmulatorPolicy emulatorPolicy = EmulatorPolicy.SHARE;
        private int iothreads;
        private PagePolicy pagePolicy = PagePolicy.ANY;
        private PageSize pageSize;
        private final List<DeviceRequest> devices = new ArrayList<>();
        private final List<MdevRequest> mdevs = new ArrayList<>();
        private NumaAffinity deviceAffinity = NumaAffinity.REQUIRED;
        private CpuSet reservedCpus = CpuSet.empty();
        private double cpuAllocationRatio = 1.0;
        private double ramAllocationRatio = 1.0;
        private Strategy strategy = Strategy.PACK;
        private NodeSet allowedNodes;

        private Builder(int vcpus, DataSize memory) {
            this.vcpus = vcpus;
            this.memory = memory;
        }

        /** A fixed number of guest cells, vCPUs and memory split evenly. */
        public Builder cells(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("cell count " + count);
            }
            cellCount = count;
            cells.clear();
            return this;
        }

        /** As few guest cells as fit (the default). */
        public Builder fewestCells() {
            cellCount = 0;
            cells.clear();
            return this;
        }

        /** Adds an explicit guest cell (asymmetric layouts). */
        public Builder cell(CpuSet guestVcpus, DataSize cellMemory) {
            cells.add(new CellRequest(guestVcpus, cellMemory));
            cellCount = 0;
            return this;
        }

        /** The CPU policy. */
        public Builder cpuPolicy(CpuPolicy policy) {
            cpuPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** The mixed policy with the dedicated vCPUs. */
        public Builder mixed(CpuSet dedicatedVcpus) {
            cpuPolicy = CpuPolicy.MIXED;
            dedicatedMask = Objects.requireNonNull(dedicatedVcpus);
            return this;
        }

        /** The SMT thread policy. */
        public Builder threadPolicy(ThreadPolicy policy) {
            threadPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** The emulator policy. */
        public Builder emulatorPolicy(EmulatorPolicy policy) {
            emulatorPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** I/O threads. */
        public Builder iothreads(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("iothreads " + count);
            }
            iothreads = count;
            return this;
        }

        /** The page policy (SMALL, LARGE, ANY). */
        public Builder pagePolicy(PagePolicy policy) {
            pagePolicy = Objects.requireNonNull(policy);
            if (policy != PagePolicy.EXPLICIT) {
                pageSize = null;
            }
            return this;
        }

        /** An explicit page size. */
        public Builder pageSize(PageSize size) {
            pagePolicy = PagePolicy.EXPLICIT;
            pageSize = Objects.requireNonNull(size);
            return this;
        }

        /** Adds a passthrough device. */
        public Builder device(DeviceRequest request) {
            devices.add(Objects.requireNonNull(request));
            return this;
        }

        /** Adds a mediated device: an instance of a type, existing and free or to be created. */
        public Builder mdev(MdevRequest request) {
            mdevs.add(Objects.requireNonNull(request));
            return this;
        }

        /** The devices' NUMA affinity policy. */
        public Builder deviceAffinity(NumaAffinity affinity) {
            deviceAffinity = Objects.requireNonNull(affinity);
            return this;
        }

        /** Housekeeping CPUs no vCPU may use (the emulator shares them). */
        public Builder reservedCpus(CpuSet cpus) {
            reservedCpus = Objects.requireNonNull(cpus);
            return this;
        }

        /**
         * Shared vCPUs allowed per shared host CPU (default 1). The planner holds it to at most its overcommit
         * profile's maximum ({@link Planner#withProfile}).
         */
        public Builder cpuAllocationRatio(double ratio) {
            cpuAllocationRatio = ratio;
            return this;
        }

        /**
         * Shared vCPUs allowed per shared host CPU as the profile allows them: its maximum ratio (production 2,
         * dev-test 8, VDI 16). Base-page memory keeps its own ratio (1 unless {@link #ramAllocationRatio} says
         * otherwise): no profile overcommits memory.
         */
        public Builder overcommit(OvercommitProfile profile) {
            cpuAllocationRatio = profile.maxRatio();
            return this;
        }

        /** Base-page memory overcommit. */
        public Builder ramAllocationRatio(double ratio) {
            ramAllocationRatio = ratio;
            return this;
        }

        /** The strategy. */
        public Builder strategy(Strategy value) {
            strategy = Objects.requireNonNull(value);
            return this;
        }

        /** Restricts the domain to some host nodes. */
        public Builder allowedNodes(NodeSet nodes) {
            allowedNodes = nodes;
            return this;
        }

        /** Builds the request; throws IllegalArgumentException for inconsistent requests. */
        public PlacementRequest build() {
            return new PlacementRequest(this);
        }
    }
}
