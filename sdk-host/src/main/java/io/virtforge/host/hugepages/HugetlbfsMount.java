package io.virtforge.host.hugepages;

import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.value.PageSize;
import io.virtforge.value.ValueFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mounted hugetlbfs file system, from {@code /proc/mounts}: where it is mounted and the page size its
 * files are backed by ({@code pagesize=} option; without it, the default huge page size).
 *
 * @param mountPoint the mount point, e.g. {@code /dev/hugepages}
 * @param pageSize   the page size
 */
public record HugetlbfsMount(String mountPoint, PageSize pageSize) {
    /**
     * The default huge page size, {@code Hugepagesize} of {@code /proc/meminfo}: the size of the pages of a
     * mount without {@code pagesize=}; empty when the kernel shows none.
     */
    public static Optional<PageSize> defaultPageSize(Sysfs sysfs) {
        return sysfs.readTrimmedIfExists(ProcPaths.MEMINFO).flatMap(t -> {
            var kib = KernelValues.meminfoKib(t, "Hugepagesize");
            return kib.isPresent() && kib.getAsLong() > 0 ? Optional.of(PageSize.ofKib(kib.getAsLong()))
                    : Optional.empty();
        });
    }

    /**
     * The hugetlbfs mounts of {@code /proc/mounts}; a mount without {@code pagesize=} gets
     * {@code defaultSize}, and is left out when that is unknown. Empty when the file does not exist.
     */
    public static List<HugetlbfsMount> read(Sysfs sysfs, Optional<PageSize> defaultSize) {
        return sysfs.readTrimmedIfExists(ProcPaths.MOUNTS).map(t -> parse(t, defaultSize)).orElse(List.of());
    }

    /** Parses the text of {@code /proc/mounts}. */
    public static List<HugetlbfsMount> parse(String mounts, Optional<PageSize> defaultSize) {
        List<HugetlbfsMount> result = new ArrayList<>();
        for (String line : mounts.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || !f[2].equals("hugetlbfs")) {
                continue;
            }
            Optional<PageSize> size = defaultSize;
            for (String option : f[3].split(",")) {
                if (option.startsWith("pagesize=")) {
                    size = pageSize(option.substring("pagesize=".length()));
                }
            }
            String point = unescape(f[1]);
            size.ifPresent(s -> result.add(new HugetlbfsMount(point, s)));
        }
        return List.copyOf(result);
    }

    private static Optional<PageSize> pageSize(String text) {
        try {
            String t = text.endsWith("k") || text.endsWith("K") || text.endsWith("M") || text.endsWith("G")
                    ? text + "iB" : text;
            return Optional.of(PageSize.parse(t.replace("kiB", "KiB")));
        } catch (ValueFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code /proc/mounts} writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                String oct = s.substring(i + 1, i + 4);
                if (oct.chars().allMatch(d -> d >= '0' && d <= '7')) {
                    b.append((char) Integer.parseInt(oct, 8));
                    i += 3;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
