package io.virtforge.check;

import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Host rules on memory: page sizes the host has, enough free huge pages and memory on the bound nodes. */
final class MemoryRules {
    private MemoryRules() {
    }

    static final Rule HUGEPAGE_SIZE_UNSUPPORTED = Rule.of("HUGEPAGE_SIZE_UNSUPPORTED", Severity.ERROR, true,
            MemoryRules::sizes);
    static final Rule HUGEPAGES_INSUFFICIENT = Rule.of("HUGEPAGES_INSUFFICIENT", Severity.ERROR, true,
            MemoryRules::hugepages);
    static final Rule MEMORY_INSUFFICIENT = Rule.of("MEMORY_INSUFFICIENT", Severity.ERROR, true, MemoryRules::memory);

    static final List<Rule> ALL = List.of(HUGEPAGE_SIZE_UNSUPPORTED, HUGEPAGES_INSUFFICIENT, MEMORY_INSUFFICIENT);

    private static boolean supported(HostTopology host, PageSize size) {
        return host.pageSizes().contains(size);
    }

    private static void sizes(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        Set<PageSize> unsupported = new TreeSet<>();
        for (DomainFootprint.CellUse c : ctx.footprint().cells()) {
            c.pageSize().filter(s -> !supported(host, s)).ifPresent(unsupported::add);
        }
        for (PageSize s : unsupported) { // once per size, not once per cell
            out.add(Paths.HUGEPAGES, "huge pages of " + s + " are not supported by the host (it supports "
                    + host.pageSizes() + ")", "use one of the host's sizes");
        }
    }

    private static void hugepages(CheckContext ctx, Findings out) {
        HostState state = ctx.host();
        HostTopology host = state.topology();
        String me = ctx.domain().name();
        DomainFootprint f = ctx.footprint();
        // cells bound strictly (strict, restrictive) must find their pages on their nodes; the others
        // (unbound, or preferred/interleave, which the kernel may satisfy elsewhere) on any node
        Map<Integer, Map<PageSize, Long>> bound = new TreeMap<>();
        Map<PageSize, Long> anywhere = new TreeMap<>();
        for (DomainFootprint.CellUse c : f.cells()) {
            if (c.pageSize().isEmpty() || c.hugePages() == 0) {
                continue;
            }
            PageSize size = c.pageSize().get();
            if (c.strict() && c.hostNodes().filter(ns -> !ns.isEmpty()).isPresent()) {
                c.hugePagesByNode().forEach((node, n) -> bound.computeIfAbsent(node, k -> new TreeMap<>())
                        .merge(size, n, Long::sum));
            } else {
                anywhere.merge(size, c.hugePages(), Long::sum);
            }
        }
        bound.forEach((node, bySize) -> bySize.forEach((size, needed) -> {
            if (!supported(host, size) || !host.hasNode(node)) {
                return; // reported by HUGEPAGE_SIZE_UNSUPPORTED / NODESET_MISSING
            }
            long free = state.freeHugePagesExcluding(node, size, me);
            if (needed > free) {
                long total = host.node(node).flatMap(n -> n.pool(size)).map(HugePagePool::total).orElse(0L);
                out.add(Paths.HUGEPAGES, "the domain needs " + needed + " huge pages of " + size + " on host node "
                        + node + ", which has " + free + " free (pool of " + total + ")", "reserve "
                        + (needed - free) + " more: echo " + (total + needed - free) + " > /sys/devices/system/node/node"
                        + node + "/hugepages/hugepages-" + size.kib() + "kB/nr_hugepages");
            }
        }));
        anywhere.forEach((size, needed) -> {
            long free = 0;
            for (NumaNode n : host.nodes()) {
                long taken = bound.getOrDefault(n.id(), Map.of()).getOrDefault(size, 0L);
                free += Math.max(0, state.freeHugePagesExcluding(n.id(), size, me) - taken);
            }
            if (supported(host, size) && needed > free) {
                out.add(Paths.HUGEPAGES, "the domain needs " + needed + " huge pages of " + size
                        + " that may come from any node, and the host has " + free + " free over all nodes",
                        "reserve " + (needed - free) + " more");
            }
        });
    }

    private static void memory(CheckContext ctx, Findings out) {
        HostState state = ctx.host();
        HostTopology host = state.topology();
        Map<Integer, Long> need = new TreeMap<>();
        for (DomainFootprint.CellUse c : ctx.footprint().cells()) {
            if (c.strict()) {
                c.memoryByNode().forEach((node, bytes) -> need.merge(node, bytes, Long::sum));
            }
        }
        HostState others = state.footprint(ctx.domain().name()).isPresent() ? state.without(ctx.domain().name()) : state;
        need.forEach((node, bytes) -> host.node(node).ifPresent(n -> {
            long reserved = 0;
            for (HugePagePool p : n.hugePages().values()) {
                reserved += p.total() * p.size().bytes();
            }
            long available = n.memory().bytes() - reserved - others.heldMemory(node);
            if (bytes > available) {
                out.add(Paths.NUMATUNE_MEMORY, "the domain binds " + DataSize.ofBytes(bytes) + " strictly to host node "
                        + node + ", which has " + DataSize.ofBytes(Math.max(0, available)) + " left (of "
                        + n.memory() + ", after huge page pools and other domains)",
                        "bind to a node with room, or back the memory with huge pages reserved there");
            }
        }));
    }
}
