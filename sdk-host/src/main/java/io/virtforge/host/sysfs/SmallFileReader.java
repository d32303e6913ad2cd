package io.virtforge.host.sysfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Reads a whole small file (a sysfs attribute, a procfs file) with the system calls a C reader makes:
 * {@code open}, {@code read} until it returns 0, {@code close}, into a buffer kept per thread.
 *
 * <p>Why not the JDK's one-liners: {@code Files.readAllBytes} asks for the size first (an {@code fstat} per
 * file, useless for sysfs, whose files all claim 4,096 bytes) and allocates a stream and a new array per
 * file; {@code FileInputStream} and {@code RandomAccessFile} also {@code fstat} on open (to refuse a
 * directory). A byte channel opens with the {@code open} alone. Measured on discovery's 5,868 reads
 * (benchmarks/README.md, host discovery): 11.5–11.8 µs of CPU per file against 13.9 for
 * {@code readAllBytes}, 13.0 for {@code FileInputStream}, and 8.8 for the C floor.
 *
 * <p>Errors are the channel's {@link IOException}s ({@code NoSuchFileException}, {@code AccessDeniedException},
 * "Is a directory" from {@code read}), which {@link Errno#of(IOException)} maps. Public for the
 * benchmarks' I/O floor, which must read the way discovery reads.
 */
public final class SmallFileReader {
    /** Sysfs attributes fit in a page; larger files (procfs) grow the buffer. */
    private static final int INITIAL = 4096;
    /** A thread keeps a buffer up to this size; a larger file's buffer is dropped after the read. */
    private static final int KEPT = 64 * 1024;
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(INITIAL));

    private SmallFileReader() {
    }

    /** The whole file as UTF-8 text. */
    public static String read(Path file) throws IOException {
        ByteBuffer buffer = fill(file);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** The number of bytes in the file, read whole (for a floor that reads the way {@link #read} does). */
    public static int readLength(Path file) throws IOException {
        return fill(file).position();
    }

    /** Reads the file into this thread's buffer (grown as needed); its content is [0, position). */
    private static ByteBuffer fill(Path file) throws IOException {
        ByteBuffer buffer = BUFFER.get().clear();
        try (SeekableByteChannel channel = Files.newByteChannel(file, READ)) {
            while (channel.read(buffer) >= 0) {
                if (!buffer.hasRemaining()) {
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
                }
            }
        }
        if (buffer.capacity() <= KEPT) {
            BUFFER.set(buffer);
        }
        return buffer;
    }
}
