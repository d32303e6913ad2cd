package io.virtforge.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsReadException;
import io.virtforge.fake.kernel.SysfsSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The read behaviour every {@link Sysfs} must have, checked against a {@link SysfsSnapshot} of what the
 * tree holds: reads give the content, lists the sorted entries, {@code readlink} the stored target, and
 * failures are {@link SysfsReadException}s with the kernel's errno ({@code ENOENT} for a missing entry,
 * {@code EISDIR}, {@code ENOTDIR}, {@code EINVAL} for {@code readlink} of a non-link). Extend it, give the
 * implementation and the expectations; a subclass may skip itself with an assumption in either method.
 */
public abstract class SysfsReadContract {
    private static final String MISSING = "virtforge-no-such-entry";
    private Sysfs sysfs;
    private SysfsSnapshot expected;

    /** The implementation under test. */
    protected abstract Sysfs sysfs();

    /** What its tree holds. */
    protected abstract SysfsSnapshot expected();

    @BeforeEach
    final void prepareContract() {
        expected = expected();
        sysfs = sysfs();
    }

    private static void assertReadFails(Executable call, Errno errno, SysfsPath path) {
        SysfsReadException e = assertThrows(SysfsReadException.class, call, path.toString());
        assertEquals(errno, e.errno(), path.toString());
        assertEquals(path, e.path());
    }

    private SysfsPath anyFile() {
        assumeFalse(expected.files().isEmpty(), "the tree has no files");
        return expected.files().firstKey();
    }

    private SysfsPath anyDirectory() {
        assumeFalse(expected.directories().isEmpty(), "the tree has no directories");
        return expected.directories().firstKey();
    }

    @Test
    void readGivesEveryFilesContent() {
        anyFile();
        for (Map.Entry<SysfsPath, String> f : expected.files().entrySet()) {
            assertEquals(f.getValue(), sysfs.read(f.getKey()), f.getKey().toString());
        }
    }

    @Test
    void readTrimmedStripsSurroundingWhiteSpace() {
        anyFile();
        for (Map.Entry<SysfsPath, String> f : expected.files().entrySet()) {
            assertEquals(f.getValue().strip(), sysfs.readTrimmed(f.getKey()), f.getKey().toString());
            assertEquals(Optional.of(f.getValue().strip()), sysfs.readTrimmedIfExists(f.getKey()));
        }
    }

    @Test
    void listGivesEveryDirectorysSortedEntries() {
        anyDirectory();
        for (Map.Entry<SysfsPath, List<String>> d : expected.directories().entrySet()) {
            assertEquals(d.getValue(), sysfs.list(d.getKey()), d.getKey().toString());
        }
    }

    @Test
    void readLinkGivesTheStoredTargetAndItsLastComponent() {
        assumeFalse(expected.links().isEmpty(), "the tree has no links");
        for (Map.Entry<SysfsPath, String> l : expected.links().entrySet()) {
            assertEquals(l.getValue(), sysfs.readLink(l.getKey()), l.getKey().toString());
            // the last name of the target, trailing slashes ignored (libvirt's captures have "../linux-resctrl/system/")
            assertEquals(java.nio.file.Path.of(l.getValue()).getFileName().toString(), sysfs.readLinkName(l.getKey()),
                    l.getKey().toString());
        }
    }

    @Test
    void existsAndIsDirectoryTellFilesFromDirectories() {
        anyFile();
        for (SysfsPath f : expected.files().keySet()) {
            assertTrue(sysfs.exists(f), f.toString());
            assertFalse(sysfs.isDirectory(f), f.toString());
        }
        for (SysfsPath d : expected.directories().keySet()) {
            assertTrue(sysfs.exists(d), d.toString());
            assertTrue(sysfs.isDirectory(d), d.toString());
        }
    }

    @Test
    void missingEntriesFailWithEnoent() {
        SysfsPath missing = anyDirectory().resolve(MISSING);
        assertFalse(sysfs.exists(missing));
        assertFalse(sysfs.isDirectory(missing));
        assertEquals(Optional.empty(), sysfs.readTrimmedIfExists(missing));
        assertReadFails(() -> sysfs.read(missing), Errno.ENOENT, missing);
        assertReadFails(() -> sysfs.readTrimmed(missing), Errno.ENOENT, missing);
        assertReadFails(() -> sysfs.list(missing), Errno.ENOENT, missing);
        assertReadFails(() -> sysfs.readLink(missing), Errno.ENOENT, missing);
        SysfsPath deeper = missing.resolve("below");
        assertReadFails(() -> sysfs.read(deeper), Errno.ENOENT, deeper);
    }

    @Test
    void readOfADirectoryFailsWithEisdir() {
        SysfsPath dir = anyDirectory();
        assertReadFails(() -> sysfs.read(dir), Errno.EISDIR, dir);
    }

    @Test
    void listOfAFileOrAPathThroughAFileFailsWithEnotdir() {
        SysfsPath file = anyFile();
        assertReadFails(() -> sysfs.list(file), Errno.ENOTDIR, file);
        SysfsPath through = file.resolve("x");
        assertReadFails(() -> sysfs.read(through), Errno.ENOTDIR, through);
        assertFalse(sysfs.exists(through));
    }

    @Test
    void readLinkOfAFileOrADirectoryFailsWithEinval() {
        SysfsPath file = anyFile();
        SysfsPath dir = anyDirectory();
        assertReadFails(() -> sysfs.readLink(file), Errno.EINVAL, file);
        assertReadFails(() -> sysfs.readLink(dir), Errno.EINVAL, dir);
    }
}
