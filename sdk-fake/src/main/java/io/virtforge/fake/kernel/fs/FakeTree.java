package io.virtforge.fake.kernel.fs;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.FakeSysfs;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory file tree of {@link FakeSysfs}: directories, files and symbolic links, with the kernel's
 * path walk: links are followed in every component but the last unless asked, {@code ..} in a link target
 * goes up from where the walk really is, a file in the middle of a path is {@link Errno#ENOTDIR}, a
 * missing entry {@link Errno#ENOENT}, more than 40 links {@link Errno#ELOOP}.
 */
public final class FakeTree {
    private static final int MAX_LINKS = 40;
    private final FakeDirectory root = new FakeDirectory();

    /** Where a walk ended: the node and its physical path (no links in it). */
    public record Located(FakeNode node, List<String> physical) {
        SysfsPath path() {
            return SysfsPath.of(physical.toArray(String[]::new));
        }
    }

    public FakeDirectory root() {
        return root;
    }

    /** Walks to a path, following a link in the last component when {@code followLast}. */
    public Located locate(SysfsPath path, boolean followLast) {
        return walk(root, new ArrayList<>(), path.segments(), followLast, new int[] {MAX_LINKS});
    }

    private Located walk(FakeNode start, List<String> physical, List<String> segments, boolean followLast,
            int[] linkBudget) {
        FakeNode current = start;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.equals(".") || segment.isEmpty()) {
                continue;
            }
            if (!(current instanceof FakeDirectory dir)) {
                throw new KernelError(Errno.ENOTDIR, "/" + String.join("/", physical) + " is not a directory");
            }
            if (segment.equals("..")) {
                if (!physical.isEmpty()) {
                    physical.remove(physical.size() - 1);
                }
                current = walk(root, new ArrayList<>(), physical, true, linkBudget).node();
                continue;
            }
            FakeNode child = dir.get(segment);
            if (child == null) {
                throw new KernelError(Errno.ENOENT, "no " + segment + " in /" + String.join("/", physical));
            }
            boolean last = i == segments.size() - 1;
            if (child instanceof FakeSymlink link && (!last || followLast)) {
                if (--linkBudget[0] < 0) {
                    throw new KernelError(Errno.ELOOP, "too many links");
                }
                boolean absolute = link.target().startsWith("/");
                Located target = walk(absolute ? root : current, absolute ? new ArrayList<>() : physical,
                        List.of(link.target().split("/")), true, linkBudget);
                current = target.node();
                physical = new ArrayList<>(target.physical());
            } else {
                current = child;
                physical.add(segment);
            }
        }
        return new Located(current, physical);
    }

    /** The physical path of a path, or the path itself when it cannot be walked. */
    public SysfsPath canonical(SysfsPath path) {
        try {
            return locate(path, true).path();
        } catch (KernelError e) {
            return path;
        }
    }

    /** The directory at a path, created with its parents as needed (links on the way are followed). */
    public FakeDirectory directory(SysfsPath path) {
        FakeDirectory dir = root;
        for (int i = 0; i < path.segments().size(); i++) {
            String segment = path.segments().get(i);
            FakeNode child = dir.get(segment);
            if (child == null) {
                child = new FakeDirectory();
                dir.put(segment, child);
            } else if (child instanceof FakeSymlink) {
                child = locate(SysfsPath.of(path.segments().subList(0, i + 1).toArray(String[]::new)), true).node();
            }
            if (!(child instanceof FakeDirectory next)) {
                throw new IllegalStateException(path + ": /" + String.join("/", path.segments().subList(0, i + 1))
                        + " is not a directory");
            }
            dir = next;
        }
        return dir;
    }

    /** Puts a node at a path, replacing what was there and creating the parent directories. */
    public void put(SysfsPath path, FakeNode node) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("cannot replace the root");
        }
        directory(path.parent()).put(path.name(), node);
    }

    /** Puts a link at a path pointing to the given path, with the relative target sysfs would use. */
    public void link(SysfsPath path, SysfsPath target) {
        put(path, new FakeSymlink(LinkTargets.relative(path, target)));
    }

    /** Removes the entry at a path (with everything under it); nothing happens when it is absent. */
    public void remove(SysfsPath path) {
        try {
            Located parent = locate(path.parent(), true);
            if (parent.node() instanceof FakeDirectory dir) {
                dir.remove(path.name());
            }
        } catch (KernelError e) {
            // already absent
        }
    }

    /** True when the path exists, following links. */
    public boolean exists(SysfsPath path) {
        try {
            locate(path, true);
            return true;
        } catch (KernelError e) {
            return false;
        }
    }
}
