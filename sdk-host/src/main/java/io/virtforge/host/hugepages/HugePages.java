package io.virtforge.host.hugepages;

import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.KeepPartial;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsTransaction;
import io.virtforge.model.Domain;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.PageSize;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's huge page pools: read them, resize one as a transaction, work out what a domain needs, and
 * reserve it. A resize writes {@code nr_hugepages} and reads it back: the kernel gives fewer pages than
 * asked when memory is short or fragmented, and still reports success, so the read-back is the truth.
 * Counts are persistent pages ({@code nr_hugepages} less surplus pages).
 *
 * <p>On a host without NUMA folders, node 0's pools are the global ones.
 */
public final class HugePages {
    private static final Logger LOG = LoggerFactory.getLogger(HugePages.class);
    private final Sysfs sysfs;

    /** The pools of the host behind {@code sysfs}. */
    public HugePages(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** Every pool: each node's, then the global ones. */
    public List<HugePagePoolStatus> pools() {
        List<HugePagePoolStatus> pools = new ArrayList<>();
        if (sysfs.isDirectory(NodePaths.NODES)) {
            for (int node : KernelValues.numbered(sysfs.list(NodePaths.NODES), "node").toArray()) {
                for (PageSize size : HugePagePoolStatus.sizesIn(sysfs, NodePaths.node(node).resolve("hugepages"))) {
                    pools.add(pool(HugePagePoolId.node(node, size)));
                }
            }
        }
        for (PageSize size : HugePagePoolStatus.sizesIn(sysfs, HugePagePaths.GLOBAL)) {
            pools.add(pool(HugePagePoolId.global(size)));
        }
        return pools;
    }

    /** One pool's counters. */
    public HugePagePoolStatus pool(HugePagePoolId pool) {
        return HugePagePoolStatus.read(sysfs, pool);
    }

    /**
     * The pool of a node, or the global pool on a host without NUMA folders (where the host model has one
     * node 0).
     */
    public HugePagePoolId poolOf(int node, PageSize size) {
        return sysfs.isDirectory(NodePaths.NODES) ? HugePagePoolId.node(node, size) : HugePagePoolId.global(size);
    }

    /**
     * Sets a pool to {@code count} pages: writes {@code nr_hugepages}, reads it back and reports what the
     * kernel gave. When it gave a different count, {@link KeepPartial#RESTORE} puts the previous count back
     * (the result still says what the kernel gave); {@link KeepPartial#KEEP} keeps it.
     *
     * @throws HostChangeException when a write fails (the previous count is restored)
     */
    public PoolResize setPool(HugePagePoolId pool, long count, KeepPartial keep) {
        if (count < 0) {
            throw new IllegalArgumentException("negative page count " + count);
        }
        return SysfsTransaction.run(sysfs, "resize " + pool + " to " + count, tx -> {
            PoolResize r = resize(tx, pool, count);
            if (r.partial() && keep == KeepPartial.RESTORE) {
                LOG.info("{}; restoring {}", r, r.before());
                tx.write(pool.nrHugePages(), Long.toString(r.before()));
                long after = pool(pool).persistent();
                if (after != r.before()) {
                    throw new HostChangeException(pool + ": could not restore " + r.before() + " pages (now " + after
                            + ")");
                }
                return new PoolResize(pool, r.before(), count, r.granted(), after);
            }
            return r;
        });
    }

    private PoolResize resize(SysfsTransaction tx, HugePagePoolId pool, long count) {
        long before = pool(pool).persistent();
        if (before == count) {
            return new PoolResize(pool, before, count, before, before);
        }
        tx.writeRestoring(pool.nrHugePages(), Long.toString(count), Long.toString(before));
        long granted = pool(pool).persistent();
        PoolResize r = new PoolResize(pool, before, count, granted, granted);
        LOG.info("{}", r);
        return r;
    }

    /** The huge pages a domain needs on a host, per pool; see {@link HugePageNeeds}. */
    public HugePageNeeds needs(Domain domain, HostTopology host) {
        DomainFootprint f = DomainFootprint.of(domain, host);
        Map<HugePagePoolId, Long> pages = new TreeMap<>();
        f.hugePagesByNode().forEach((node, bySize) -> bySize.forEach((size, n) ->
                pages.merge(poolOf(node, size), n, Long::sum)));
        for (DomainFootprint.CellUse c : f.cells()) {
            if (c.pageSize().isPresent() && (c.hostNodes().isEmpty() || c.hostNodes().get().isEmpty())) {
                pages.merge(HugePagePoolId.global(c.pageSize().get()), c.hugePages(), Long::sum);
            }
        }
        return new HugePageNeeds(domain.name(), pages);
    }

    /**
     * Makes sure the pools hold enough free pages for a domain, raising the short ones, as one transaction:
     * when any pool cannot be raised enough, every pool raised is put back and
     * {@link HugePageShortageException} says which one was short. Pages a domain needs from the global pool
     * count as available when the nodes have them free beyond what the domain needs there.
     */
    public HugePageReservation reserveFor(Domain domain, HostTopology host) {
        HugePageNeeds needs = needs(domain, host);
        Map<HugePagePoolId, Long> raises = shortfalls(needs);
        List<PageSize> notMounted = unmountedSizes(needs.sizes());
        if (raises.isEmpty()) {
            return new HugePageReservation(needs, List.of(), notMounted);
        }
        List<PoolResize> done = SysfsTransaction.run(sysfs, "reserve huge pages for " + domain.name(), tx -> {
            List<PoolResize> resized = new ArrayList<>();
            for (Map.Entry<HugePagePoolId, Long> e : raises.entrySet()) {
                HugePagePoolId pool = e.getKey();
                PoolResize r = resize(tx, pool, pool(pool).persistent() + e.getValue());
                resized.add(r);
                if (r.granted() < r.requested()) {
                    throw new HugePageShortageException(domain.name() + " needs " + e.getValue() + " more pages in "
                            + pool + ", but the kernel gave only " + (r.granted() - r.before()), resized);
                }
            }
            return resized;
        });
        return new HugePageReservation(needs, done, notMounted);
    }

    /**
     * Pages to add per pool so that the needs fit the free pages; empty when they fit. Global needs count
     * the nodes' free pages beyond what is needed on each node.
     */
    public Map<HugePagePoolId, Long> shortfalls(HugePageNeeds needs) {
        Map<HugePagePoolId, Long> raises = new TreeMap<>();
        Map<PageSize, Long> spareOnNodes = new HashMap<>();
        for (HugePagePoolStatus s : pools()) {
            if (!s.pool().isGlobal()) {
                long need = needs.pages().getOrDefault(s.pool(), 0L);
                spareOnNodes.merge(s.pool().size(), Math.max(0, s.free() - need), Long::sum);
            }
        }
        needs.pages().forEach((pool, need) -> {
            long free = pool.isGlobal() && spareOnNodes.containsKey(pool.size()) ? spareOnNodes.get(pool.size())
                    : pool(pool).free();
            if (need > free) {
                raises.put(pool, need - free);
            }
        });
        return raises;
    }

    /** The page sizes among {@code sizes} that no hugetlbfs mount serves. */
    public List<PageSize> unmountedSizes(Collection<PageSize> sizes) {
        Optional<PageSize> defaultSize = HugetlbfsMount.defaultPageSize(sysfs);
        List<HugetlbfsMount> mounts = HugetlbfsMount.read(sysfs, defaultSize);
        return sizes.stream().filter(s -> mounts.stream().noneMatch(m -> m.pageSize().equals(s))).sorted().toList();
    }
}
