package io.virtforge.monitor;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a process's memory sits, from {@code /proc/PID/numa_maps}: bytes per NUMA node over all its mappings, and
 * the part of it in huge pages (mappings whose {@code kernelpagesize_kB} is above the base page). Each line's
 * {@code N<node>=<pages>} counts pages of that line's {@code kernelpagesize_kB}.
 *
 * @param bytesPerNode     resident bytes per node, all page sizes
 * @param hugeBytesPerNode resident bytes per node in huge pages
 * @param hugeMapped       whether any mapping uses huge pages, touched or not (a guest's hugetlbfs memory is one
 *                         mapping, listed before the guest touches it)
 */
public record NumaMaps(Map<Integer, Long> bytesPerNode, Map<Integer, Long> hugeBytesPerNode, boolean hugeMapped) {
    private static final long BASE_PAGE_KIB = 4;

    /** Copies the maps, sorted by node. */
    public NumaMaps {
        bytesPerNode = Collections.unmodifiableMap(new TreeMap<>(bytesPerNode));
        hugeBytesPerNode = Collections.unmodifiableMap(new TreeMap<>(hugeBytesPerNode));
    }

    /**
     * Parses the file.
     *
     * @throws MonitorReadException when a node count or a page size is not a number
     */
    public static NumaMaps parse(String text) {
        Map<Integer, Long> all = new TreeMap<>();
        Map<Integer, Long> huge = new TreeMap<>();
        Map<Integer, Long> pages = new TreeMap<>();
        boolean hugeMapped = false;
        for (String line : text.split("\n")) {
            pages.clear();
            long pageKib = BASE_PAGE_KIB;
            for (String field : line.split(" ")) {
                if (field.startsWith("kernelpagesize_kB=")) {
                    pageKib = Numbers.nonNegative(field.substring("kernelpagesize_kB=".length()), "numa_maps page size");
                } else if (field.length() > 2 && field.charAt(0) == 'N' && field.indexOf('=') > 1) {
                    int eq = field.indexOf('=');
                    int node = ProcFiles.number(field.substring(1, eq));
                    if (node >= 0) {
                        pages.put(node, Numbers.nonNegative(field.substring(eq + 1), "numa_maps page count"));
                    }
                }
            }
            hugeMapped |= pageKib > BASE_PAGE_KIB;
            for (Map.Entry<Integer, Long> e : pages.entrySet()) {
                long bytes = e.getValue() * pageKib * 1024;
                all.merge(e.getKey(), bytes, Long::sum);
                if (pageKib > BASE_PAGE_KIB) {
                    huge.merge(e.getKey(), bytes, Long::sum);
                }
            }
        }
        return new NumaMaps(all, huge, hugeMapped);
    }

    /** Resident bytes on every node. */
    public long totalBytes() {
        return bytesPerNode.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Resident bytes in huge pages on every node. */
    public long hugeBytes() {
        return hugeBytesPerNode.values().stream().mapToLong(Long::longValue).sum();
    }
}
