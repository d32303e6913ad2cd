package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsReadException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sysfs tree answers to reads: file contents, directory listings, link targets. Written by hand to
 * state expectations, or {@linkplain #capture captured} through any {@link Sysfs} to compare two
 * implementations. Used by sdk-testkit's {@code io.virtforge.testkit.contract.SysfsReadContract}.
 */
public final class SysfsSnapshot {
    private final SortedMap<SysfsPath, String> files;
    private final SortedMap<SysfsPath, List<String>> directories;
    private final SortedMap<SysfsPath, String> links;

    private SysfsSnapshot(SortedMap<SysfsPath, String> files, SortedMap<SysfsPath, List<String>> directories,
            SortedMap<SysfsPath, String> links) {
        this.files = Collections.unmodifiableSortedMap(files);
        this.directories = Collections.unmodifiableSortedMap(directories);
        this.links = Collections.unmodifiableSortedMap(links);
    }

    /** A builder for expectations written by hand. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Walks a {@link Sysfs} from the given starting points, without following links into folders: records
     * every folder's listing, every readable file's content and every link's target. Write-only files
     * ({@link Errno#EACCES} on read) are left out.
     */
    public static SysfsSnapshot capture(Sysfs sysfs, Collection<SysfsPath> starts) {
        Builder b = new Builder();
        for (SysfsPath start : starts) {
            visit(sysfs, start, b);
        }
        return b.build();
    }

    /** Walks a {@link Sysfs} from the given starting points; see {@link #capture(Sysfs, Collection)}. */
    public static SysfsSnapshot capture(Sysfs sysfs, SysfsPath... starts) {
        return capture(sysfs, List.of(starts));
    }

    private static void visit(Sysfs sysfs, SysfsPath path, Builder b) {
        try {
            b.links.put(path, sysfs.readLink(path));
            return;
        } catch (SysfsReadException e) {
            if (e.errno() != Errno.EINVAL) {
                throw e;
            }
        }
        if (sysfs.isDirectory(path)) {
            List<String> entries = sysfs.list(path);
            b.directories.put(path, entries);
            entries.forEach(name -> visit(sysfs, path.resolve(name), b));
            return;
        }
        try {
            b.files.put(path, sysfs.read(path));
        } catch (SysfsReadException e) {
            if (e.errno() != Errno.EACCES) {
                throw e;
            }
        }
    }

    /** File contents by path. */
    public SortedMap<SysfsPath, String> files() {
        return files;
    }

    /** Sorted entry names by directory path. */
    public SortedMap<SysfsPath, List<String>> directories() {
        return directories;
    }

    /** Link targets by path. */
    public SortedMap<SysfsPath, String> links() {
        return links;
    }

    /** The number of entries recorded. */
    public int size() {
        return files.size() + directories.size() + links.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SysfsSnapshot s && s.files.equals(files) && s.directories.equals(directories)
                && s.links.equals(links);
    }

    @Override
    public int hashCode() {
        return files.hashCode() * 31 * 31 + directories.hashCode() * 31 + links.hashCode();
    }

    @Override
    public String toString() {
        return "SysfsSnapshot[" + files.size() + " files, " + directories.size() + " directories, "
                + links.size() + " links]";
    }

    /** Collects expectations. Paths are absolute strings, parsed with {@link SysfsPath#parse}. */
    public static final class Builder {
        private final SortedMap<SysfsPath, String> files = new TreeMap<>();
        private final SortedMap<SysfsPath, List<String>> directories = new TreeMap<>();
        private final SortedMap<SysfsPath, String> links = new TreeMap<>();

        private Builder() {
        }

        /** A file and its whole content. */
        public Builder file(String path, String content) {
            files.put(SysfsPath.parse(path), content);
            return this;
        }

        /** A directory and all its entries (sorted on the way in). */
        public Builder directory(String path, String... entries) {
            List<String> sorted = new ArrayList<>(List.of(entries));
            sorted.sort(null);
            directories.put(SysfsPath.parse(path), List.copyOf(sorted));
            return this;
        }

        /** A link and its target as stored. */
        public Builder link(String path, String target) {
            links.put(SysfsPath.parse(path), target);
            return this;
        }

        /** The snapshot. */
        public SysfsSnapshot build() {
            return new SysfsSnapshot(new TreeMap<>(files), new TreeMap<>(directories), new TreeMap<>(links));
        }
    }
}
