package io.virtforge.fake.libvirt;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The disk images and block devices a fake host has, which a domain's disks must name to start, as QEMU
 * needs them to exist ("Cannot access storage file ...: No such file or directory"). Paths are added and
 * removed by the test ({@code qemu-img create} and {@code rm} on a real host); a host may also see this
 * machine's real files ({@link #withRealFiles()}), which the {@code fake:///} URIs do so that a program that
 * makes its images for real (the {@code virtforge} command line) starts its domains on the fake too. The
 * fake never writes a real file. Thread-safe.
 */
public final class FakeStorage {
    private final Set<String> paths = new TreeSet<>();
    private final Set<String> folders = new TreeSet<>();
    private final boolean realFiles;

    private FakeStorage(boolean realFiles) {
        this.realFiles = realFiles;
    }

    /** Storage with no images until {@link #add} puts some there. */
    public static FakeStorage empty() {
        return new FakeStorage(false);
    }

    /** Storage that also has every file this machine has (read with {@link Files#exists}, never written). */
    public static FakeStorage withRealFiles() {
        return new FakeStorage(true);
    }

    /** Puts an image or device at {@code path} (an absolute path). */
    public synchronized FakeStorage add(String path) {
        paths.add(absolute(path));
        return this;
    }

    /**
     * Makes every path below {@code folder} count as an image, for a test that does not care which images a
     * host has (e.g. {@code addFolder("/var/lib/libvirt/images")}); {@link #add} is the exact way.
     */
    public synchronized FakeStorage addFolder(String folder) {
        String f = absolute(folder);
        folders.add(f.endsWith("/") ? f : f + "/");
        return this;
    }

    /** Removes an image added with {@link #add}; a real file stays where it is. */
    public synchronized FakeStorage remove(String path) {
        paths.remove(absolute(path));
        return this;
    }

    /** Whether a disk naming {@code path} finds it. */
    public synchronized boolean exists(String path) {
        Objects.requireNonNull(path, "path");
        if (paths.contains(path) || folders.stream().anyMatch(path::startsWith)) {
            return true;
        }
        if (!realFiles) {
            return false;
        }
        try {
            return Files.exists(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether this machine's real files count too. */
    public boolean seesRealFiles() {
        return realFiles;
    }

    private static String absolute(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        return path;
    }
}
