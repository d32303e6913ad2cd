package io.virtforge.host.sysfs;

import io.virtforge.value.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parsing of the small texts the kernel shows in sysfs and procfs: CPU lists ({@code 0-3,8}, possibly
 * empty), CPU masks ({@code 00000000,00000011}), hex ids ({@code 0x8086}), {@code Key: value kB} lines
 * of {@code meminfo} files and bracketed choices ({@code always [madvise] never}).
 *
 * <p>Public because every reader of the sub-packages (discovery, huge pages, PCI, audit) parses these texts
 * and the parsing belongs next to the files it reads; it is a helper for those readers, not an API to build on.
 */
public final class KernelValues {
    private KernelValues() {
    }

    /** A CPU list as in {@code cpulist}, {@code online}, {@code isolated}; empty text is the empty set. */
    public static CpuSet cpuList(String text) {
        String t = text.strip();
        return t.isEmpty() ? CpuSet.empty() : CpuSet.parse(t);
    }

    /** A CPU mask as in {@code thread_siblings}: comma-separated 32-bit hex words, most significant first. */
    public static CpuSet cpuMask(String text) {
        String[] words = text.strip().split(",");
        List<Integer> ids = new ArrayList<>();
        for (int w = 0; w < words.length; w++) {
            String word = words[words.length - 1 - w];
            if (word.isEmpty()) {
                continue;
            }
            long bits = Long.parseLong(word, 16);
            for (int b = 0; b < 32; b++) {
                if ((bits & (1L << b)) != 0) {
                    ids.add(w * 32 + b);
                }
            }
        }
        return CpuSet.of(ids);
    }

    /** A decimal integer, as in {@code core_id} or {@code numa_node}; empty when the text is not one. */
    public static OptionalInt integer(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** A decimal count, as in {@code nr_hugepages}; empty when the text is not one. */
    public static OptionalLong count(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A hex number with or without {@code 0x}, as in {@code vendor} and {@code class}; -1 when not one. */
    public static int hex(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        try {
            return Integer.parseUnsignedInt(t, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The value in kB of a {@code meminfo} line whose key is {@code key}: {@code MemTotal:       16 kB} in
     * {@code /proc/meminfo}, {@code Node 0 MemTotal: 16 kB} in a node's {@code meminfo}.
     */
    public static OptionalLong meminfoKib(String text, String key) {
        String wanted = key + ":";
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(from, end);
            int at = line.indexOf(wanted);
            if (at >= 0 && (at == 0 || line.charAt(at - 1) == ' ')) {
                String rest = line.substring(at + wanted.length()).strip();
                int space = rest.indexOf(' ');
                OptionalLong v = count(space < 0 ? rest : rest.substring(0, space));
                if (v.isPresent()) {
                    return v;
                }
            }
            from = end + 1;
        }
        return OptionalLong.empty();
    }

    /**
     * The value of the first {@code key : value} line of {@code /proc/cpuinfo} with this key, e.g.
     * {@code GenuineIntel} for {@code vendor_id}; empty when no line has it.
     */
    public static Optional<String> cpuinfoField(String cpuinfo, String key) {
        return cpuinfo.lines().filter(l -> l.startsWith(key) && l.indexOf(':') > 0
                && l.substring(0, l.indexOf(':')).strip().equals(key))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
    }

    /** A kernel module's boolean parameter: {@code Y}, {@code y} or {@code 1} are on; anything else is off. */
    public static boolean moduleFlag(String text) {
        String t = text.strip();
        return t.equals("Y") || t.equals("y") || t.equals("1");
    }

    /** The bracketed word of a choice attribute, {@code madvise} of {@code always [madvise] never}; else the text. */
    public static String selectedChoice(String text) {
        String t = text.strip();
        int open = t.indexOf('[');
        int close = t.indexOf(']', open + 1);
        return open >= 0 && close > open ? t.substring(open + 1, close) : t;
    }

    /** The number after {@code prefix} in a name such as {@code node3} or {@code cpu12}; -1 when not such a name. */
    public static int numberedName(String name, String prefix) {
        if (!name.startsWith(prefix) || name.length() == prefix.length() || name.length() > prefix.length() + 9) {
            return -1;
        }
        int v = 0;
        for (int i = prefix.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The ids of entries named {@code <prefix><n>} ({@code node0}, {@code cpu12}, an IOMMU group's {@code 7});
     * other names are left out.
     */
    public static CpuSet numbered(List<String> names, String prefix) {
        return CpuSet.of(names.stream().mapToInt(n -> numberedName(n, prefix)).filter(i -> i >= 0).toArray());
    }
}
