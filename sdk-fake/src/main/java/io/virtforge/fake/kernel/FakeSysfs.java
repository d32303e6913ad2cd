package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsReadException;
import io.virtforge.host.sysfs.SysfsWriteException;
import io.virtforge.fake.kernel.fs.FakeDirectory;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeNode;
import io.virtforge.fake.kernel.fs.FakeSymlink;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.FakeTreeExporter;
import io.virtforge.fake.kernel.fs.FakeTreeLoader;
import io.virtforge.fake.kernel.fs.KernelError;
import io.virtforge.fake.kernel.fs.PlainAttribute;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory kernel behind the {@link Sysfs} interface, for testing host code without a host. Built with
 * {@link #builder()} it has the kernel's semantics for what Virtforge drives: plain attributes (read-only
 * ones refuse writes with {@code EACCES}, write-only ones refuse reads), symbolic links ({@code driver},
 * {@code iommu_group}, {@code physfn}, {@code virtfnN}, {@code device}) that paths walk through, the PCI
 * driver model ({@code driver_override}, {@code bind}, {@code unbind}, {@code new_id}, {@code remove_id},
 * {@code drivers_probe}), SR-IOV ({@code sriov_numvfs}, {@code sriov_drivers_autoprobe}), huge page pools
 * with partial allocation under memory pressure, IOMMU groups and {@code /dev/vfio}, THP, KSM, CPU governors
 * and I/O schedulers. Faults are injected through {@link #faults()}; every write is kept in
 * {@link #writeLog()}. A tree can be exported to a real directory and a real directory loaded, so the
 * same reads can be checked against {@link io.virtforge.host.sysfs.RealSysfs}.
 *
 * <p>Thread-safe: every access holds the instance's lock.
 */
public final class FakeSysfs implements Sysfs {
    private static final Logger LOG = LoggerFactory.getLogger(FakeSysfs.class);
    private final FakeTree tree;
    private final WriteFaults faults;
    private final WriteLog log;
    private final PciDriverModel pciDrivers;
    private final HugePages hugePages;

    FakeSysfs(FakeTree tree, WriteFaults faults, PciDriverModel pciDrivers, HugePages hugePages) {
        this.tree = tree;
        this.faults = faults;
        this.log = new WriteLog(path -> {
            synchronized (this) {
                return tree.canonical(path);
            }
        });
        this.pciDrivers = pciDrivers;
        this.hugePages = hugePages;
    }

    /** A builder for a host with kernel behaviour. */
    public static FakeHostBuilder builder() {
        return new FakeHostBuilder();
    }

    /** An empty tree of plain files, to fill with {@link #createFile} and friends or {@link #importTree}. */
    public static FakeSysfs empty() {
        return new FakeSysfs(new FakeTree(), new WriteFaults(), null, null);
    }

    /** A tree of plain files and links loaded from a real directory (which stands for {@code /}). */
    public static FakeSysfs loadFrom(Path directory) {
        FakeSysfs fake = empty();
        fake.importTree(directory, SysfsPath.ROOT);
        return fake;
    }

    /** Copies a real directory's files, folders and links into this tree at {@code at}, as plain files. */
    public synchronized void importTree(Path directory, SysfsPath at) {
        FakeTreeLoader.load(directory, tree, at);
    }

    /** Writes the tree to a real directory: folders, files with their current content and mode, links as links. */
    public synchronized void exportTo(Path directory) {
        FakeTreeExporter.export(tree, directory);
    }

    @Override
    public synchronized String read(SysfsPath path) {
        FakeNode node = locate("read", path, true);
        if (node instanceof FakeDirectory) {
            throw new SysfsReadException("read", path, Errno.EISDIR, null);
        }
        FakeFile file = (FakeFile) node;
        if (!file.readable()) {
            throw new SysfsReadException("read", path, Errno.EACCES, null);
        }
        return file.attribute().read();
    }

    @Override
    public synchronized void write(SysfsPath path, String value) {
        Objects.requireNonNull(value, "value");
        SysfsPath resolved = tree.canonical(path);
        Optional<Errno> error = Optional.empty();
        try {
            FakeNode node = tree.locate(path, true).node();
            if (node instanceof FakeDirectory) {
                throw new KernelError(Errno.EISDIR, "is a directory");
            }
            FakeFile file = (FakeFile) node;
            if (!file.writable()) {
                throw new KernelError(Errno.EACCES, "not writable");
            }
            Optional<Errno> injected = faults.onWrite(resolved, tree::canonical);
            if (injected.isPresent()) {
                throw new KernelError(injected.get(), "injected fault");
            }
            file.attribute().write(value);
            LOG.debug("write {} <- '{}'", path, value);
        } catch (KernelError e) {
            error = Optional.of(e.errno());
            LOG.debug("write {} <- '{}' failed: {}", path, value, e.getMessage());
            throw new SysfsWriteException(path, value, e.errno(), null);
        } finally {
            log.add(new WriteRecord(path, resolved, value, error));
        }
    }

    @Override
    public synchronized List<String> list(SysfsPath directory) {
        FakeNode node = locate("list", directory, true);
        if (!(node instanceof FakeDirectory dir)) {
            throw new SysfsReadException("list", directory, Errno.ENOTDIR, null);
        }
        return dir.names();
    }

    @Override
    public synchronized String readLink(SysfsPath link) {
        FakeNode node = locate("readlink", link, false);
        if (!(node instanceof FakeSymlink symlink)) {
            throw new SysfsReadException("readlink", link, Errno.EINVAL, null);
        }
        return symlink.target();
    }

    @Override
    public synchronized boolean exists(SysfsPath path) {
        return tree.exists(path);
    }

    @Override
    public synchronized boolean isDirectory(SysfsPath path) {
        try {
            return tree.locate(path, true).node() instanceof FakeDirectory;
        } catch (KernelError e) {
            return false;
        }
    }

    /** {@inheritDoc} A file both readable and writable by its mode (a read-only {@code /dev/kvm} is not). */
    @Override
    public synchronized boolean readWritable(SysfsPath path) {
        try {
            return tree.locate(path, true).node() instanceof FakeFile f && f.readable() && f.writable();
        } catch (KernelError e) {
            return false;
        }
    }

    private FakeNode locate(String operation, SysfsPath path, boolean followLast) {
        try {
            return tree.locate(path, followLast).node();
        } catch (KernelError e) {
            throw new SysfsReadException(operation, path, e.errno(), null);
        }
    }

    /** The faults to inject. */
    public WriteFaults faults() {
        return faults;
    }

    /** Every write so far. */
    public WriteLog writeLog() {
        return log;
    }

    /** Creates (or replaces) a read-write plain file, and its parent folders. */
    public synchronized FakeSysfs createFile(SysfsPath path, String content) {
        tree.put(path, FakeFile.readWrite(content));
        return this;
    }

    /** Creates (or replaces) a read-only plain file, and its parent folders. */
    public synchronized FakeSysfs createReadOnlyFile(SysfsPath path, String content) {
        tree.put(path, FakeFile.readOnly(content));
        return this;
    }

    /** Creates a folder and its parents. */
    public synchronized FakeSysfs createDirectory(SysfsPath path) {
        tree.directory(path);
        return this;
    }

    /** Creates (or replaces) a symbolic link with the target as given (relative or absolute). */
    public synchronized FakeSysfs createSymlink(SysfsPath path, String target) {
        tree.put(path, new FakeSymlink(target));
        return this;
    }

    /** Removes an entry and everything under it. */
    public synchronized FakeSysfs remove(SysfsPath path) {
        tree.remove(path);
        return this;
    }

    /**
     * Changes a plain file's content as the kernel would (e.g. an interface's {@code operstate} going down),
     * bypassing write rules, faults and the log.
     */
    public synchronized FakeSysfs setContent(SysfsPath path, String content) {
        FakeNode node = tree.locate(path, true).node();
        if (!(node instanceof FakeFile file) || !(file.attribute() instanceof PlainAttribute plain)) {
            throw new IllegalArgumentException(path + " is not a plain file; its content follows the fake kernel's state");
        }
        plain.set(content);
        return this;
    }

    /** Loads a PCI driver as {@code modprobe} does: it appears and binds to every unbound device it matches. */
    public synchronized FakeSysfs loadPciDriver(DriverName driver) {
        requireKernel(pciDrivers).load(driver);
        return this;
    }

    /** Sets how many pages of a node's huge page pool guests are using ({@code free_hugepages} drops). */
    public synchronized FakeSysfs setHugePagesInUse(int node, PageSize size, long pages) {
        requireKernel(hugePages).setInUse(node, size, pages);
        return this;
    }

    /** Sets a node's memory free for huge page allocation; a smaller budget means partial allocations. */
    public synchronized FakeSysfs setNodeFreeMemory(int node, DataSize free) {
        NodeMemory memory = requireKernel(hugePages).memory(node);
        if (free.bytes() > memory.totalBytes) {
            throw new IllegalArgumentException("free memory " + free + " > node size");
        }
        memory.freeBytes = free.bytes();
        return this;
    }

    /** A node's memory free for huge page allocation. */
    public synchronized DataSize nodeFreeMemory(int node) {
        return DataSize.ofBytes(requireKernel(hugePages).memory(node).freeBytes);
    }

    private static <T> T requireKernel(T model) {
        if (model == null) {
            throw new IllegalStateException("this FakeSysfs holds plain files only; build it with FakeSysfs.builder()");
        }
        return model;
    }

    @Override
    public String toString() {
        return "FakeSysfs[" + log.all().size() + " writes]";
    }
}
