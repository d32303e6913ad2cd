package io.virtforge.host.sysfs;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Sysfs} over a real directory: {@code /} on a host, or any folder holding a tree of the same
 * shape (a captured sysfs, a fake tree exported by the test kit). {@link SysfsPath} {@code /sys/x} is the
 * file {@code ROOT/sys/x}.
 *
 * <p>Writes open the file without creating it ({@code O_WRONLY|O_TRUNC}) and hand the whole value to one
 * {@code write()} system call through a direct buffer ({@link FileChannel#write(ByteBuffer)} does not loop on
 * a short count; {@code FileOutputStream} would). A short count is reported as a failure. Errors are turned
 * into {@link Errno}s by {@link Errno#of(IOException)}.
 */
public final class RealSysfs implements Sysfs {
    private static final Logger LOG = LoggerFactory.getLogger(RealSysfs.class);
    private final Path root;
    /** The root as text without a trailing separator ({@code ""} for {@code /}), to which paths are appended. */
    private final String rootText;

    /** Over the host's {@code /}. */
    public RealSysfs() {
        this(Path.of("/"));
    }

    /** Over the given directory, standing for {@code /}. */
    public RealSysfs(Path root) {
        this.root = root.toAbsolutePath().normalize();
        String text = this.root.toString();
        this.rootText = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The directory standing for {@code /}. */
    public Path root() {
        return root;
    }

    /**
     * The real file behind a path. Its components are checked (none empty, {@code .}, {@code ..} or holding
     * a {@code /}), so one {@code resolve} of them joined by {@code /} gives the same path as resolving them
     * one by one, without a path object per component.
     */
    public Path fileOf(SysfsPath path) {
        List<String> segments = path.segments();
        if (segments.isEmpty()) {
            return root;
        }
        StringBuilder joined = new StringBuilder(rootText.length() + 16 * segments.size()).append(rootText);
        for (String segment : segments) {
            joined.append('/').append(segment);
        }
        return root.getFileSystem().getPath(joined.toString());
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code open}, {@code read} until the end, {@code close}: the same system calls as a C reader, into
     * this thread's buffer (see {@link SmallFileReader}); {@code Files.readAllBytes} would add an
     * {@code fstat} per file and allocate a stream and an array for each.
     */
    @Override
    public String read(SysfsPath path) {
        try {
            return SmallFileReader.read(fileOf(path));
        } catch (IOException e) {
            throw new SysfsReadException("read", path, Errno.of(e), e);
        }
    }

    @Override
    public void write(SysfsPath path, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        LOG.debug("write {} <- '{}'", path, value);
        int written;
        try (FileChannel channel = FileChannel.open(fileOf(path), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            written = channel.write(buffer);
        } catch (IOException e) {
            Errno errno = Errno.of(e);
            LOG.debug("write {} <- '{}' failed: {}", path, value, errno);
            throw new SysfsWriteException(path, value, errno, e);
        }
        if (written != bytes.length) {
            throw new SysfsWriteException(path, value, Errno.OTHER,
                    new IOException("short write: " + written + " of " + bytes.length + " bytes"));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link File#list()} first (one native call for the whole folder, no path object per entry); when it
     * fails (it returns null without saying why), the directory stream, whose exception gives the errno.
     */
    @Override
    public List<String> list(SysfsPath directory) {
        Path dir = fileOf(directory);
        String[] listed = dir.getFileSystem() == FileSystems.getDefault() ? dir.toFile().list() : null;
        if (listed != null) {
            List<String> names = new ArrayList<>(Arrays.asList(listed));
            names.sort(null);
            return names;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new SysfsReadException("list", directory, Errno.of(e), e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public String readLink(SysfsPath link) {
        try {
            return Files.readSymbolicLink(fileOf(link)).toString();
        } catch (IOException e) {
            throw new SysfsReadException("readlink", link, Errno.of(e), e);
        }
    }

    @Override
    public boolean exists(SysfsPath path) {
        return Files.exists(fileOf(path));
    }

    @Override
    public boolean isDirectory(SysfsPath path) {
        return Files.isDirectory(fileOf(path));
    }

    /** {@inheritDoc} Asks the kernel ({@code access(2)} for R_OK and W_OK), without opening the file. */
    @Override
    public boolean readWritable(SysfsPath path) {
        Path file = fileOf(path);
        return Files.isReadable(file) && Files.isWritable(file);
    }

    @Override
    public String toString() {
        return "RealSysfs[" + root + "]";
    }
}
