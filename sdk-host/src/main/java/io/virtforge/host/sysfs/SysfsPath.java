package io.virtforge.host.sysfs;

import io.virtforge.value.PciAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An absolute path in the kernel's virtual file systems ({@code /sys}, {@code /proc}, {@code /dev}), made
 * only of checked components. Every component is validated when the path is built: an empty component,
 * {@code .}, {@code ..}, a {@code /} (so also an absolute component), NUL or another control character, or
 * a component longer than 255 bytes is rejected with {@link InvalidSysfsPathException}, before any I/O.
 * Typed components ({@link PciAddress}, {@link DriverName}, {@link NetInterfaceName}, {@link BlockDeviceName},
 * non-negative ids) have their own, stricter rules. A path is a value: equal components, equal paths.
 *
 * <p>Paths never contain symlink resolution: {@code /sys/bus/pci/devices/0000:3b:00.0/driver} stays that,
 * and the {@link Sysfs} implementation follows links when it accesses the path.
 */
public final class SysfsPath implements Comparable<SysfsPath> {
    /** The root, {@code /}. */
    public static final SysfsPath ROOT = new SysfsPath(List.of());
    private static final int NAME_MAX = 255;

    private final List<String> segments;

    private SysfsPath(List<String> segments) {
        this.segments = segments;
    }

    /** The path from the root through the given components, each checked. */
    public static SysfsPath of(String... segments) {
        return ROOT.resolve(segments);
    }

    /**
     * Parses an absolute path such as {@code /sys/bus/pci}. Rejects a relative path, an empty component
     * ({@code //}, a trailing {@code /}) and every component {@link #checkSegment(String)} rejects. {@code /}
     * alone is the root.
     */
    public static SysfsPath parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new InvalidSysfsPathException(text, "a sysfs path must be absolute");
        }
        if (text.equals("/")) {
            return ROOT;
        }
        return ROOT.resolve(text.substring(1).split("/", -1));
    }

    /**
     * Checks one component and returns it. The rules: not null, not empty, not {@code .} or {@code ..}, no
     * {@code /}, no NUL or other control character, at most 255 bytes in UTF-8.
     *
     * @throws InvalidSysfsPathException when a rule is broken
     */
    public static String checkSegment(String segment) {
        if (segment == null) {
            throw new InvalidSysfsPathException(null, "a path component cannot be null");
        }
        if (segment.isEmpty()) {
            throw new InvalidSysfsPathException(segment, "empty path component");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new InvalidSysfsPathException(segment, "relative path component");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/') {
                throw new InvalidSysfsPathException(segment, "a path component cannot contain '/'");
            }
            if (c == 0) {
                throw new InvalidSysfsPathException(segment, "a path component cannot contain NUL");
            }
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidSysfsPathException(segment, "a path component cannot contain control characters");
            }
        }
        // a char is at most 3 bytes in UTF-8 (a surrogate pair: 4 for 2), so short names need no encoding
        if (segment.length() > NAME_MAX / 3 && segment.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new InvalidSysfsPathException(segment, "a path component is at most " + NAME_MAX + " bytes");
        }
        return segment;
    }

    /** This path with the given components appended, each checked. */
    public SysfsPath resolve(String... more) {
        if (more == null) {
            throw new InvalidSysfsPathException(null, "a path component cannot be null");
        }
        String[] all = new String[segments.size() + more.length];
        int i = 0;
        for (String s : segments) {
            all[i++] = s;
        }
        for (String s : more) {
            all[i++] = checkSegment(s);
        }
        return new SysfsPath(Collections.unmodifiableList(Arrays.asList(all)));
    }

    /** This path with a PCI address appended in its sysfs form, {@code 0000:3b:00.0}. */
    public SysfsPath resolve(PciAddress address) {
        if (address == null) {
            throw new InvalidSysfsPathException(null, "a PCI address cannot be null");
        }
        return resolve(address.format());
    }

    /** This path with a validated name appended (driver, network interface, block device). */
    public SysfsPath resolve(PathSegment name) {
        if (name == null) {
            throw new InvalidSysfsPathException(null, "a path component cannot be null");
        }
        return resolve(name.segment());
    }

    /**
     * This path with {@code prefix} followed by a non-negative number appended, e.g. {@code node} and 3 give
     * {@code node3}, {@code virtfn} and 0 give {@code virtfn0}; an empty prefix gives the bare number.
     */
    public SysfsPath resolveNumbered(String prefix, long number) {
        if (number < 0) {
            throw new InvalidSysfsPathException(prefix + number, "a numbered component needs a non-negative number");
        }
        return resolve(prefix + number);
    }

    /** The parent path; the root is its own parent. */
    public SysfsPath parent() {
        return segments.isEmpty() ? this : new SysfsPath(segments.subList(0, segments.size() - 1));
    }

    /** The last component; empty for the root. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The components, from the root down; unmodifiable. */
    public List<String> segments() {
        return segments;
    }

    /** True for the root. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** True when {@code other} is this path or one of its ancestors. */
    public boolean startsWith(SysfsPath other) {
        return other.segments.size() <= segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    /** The path, e.g. {@code /sys/bus/pci/drivers_probe}. */
    @Override
    public String toString() {
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SysfsPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public int compareTo(SysfsPath o) {
        int n = Math.min(segments.size(), o.segments.size());
        for (int i = 0; i < n; i++) {
            int c = segments.get(i).compareTo(o.segments.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(segments.size(), o.segments.size());
    }
}
