package io.virtforge.fake.kernel.fs;

import io.virtforge.VirtforgeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes a fake tree to a real directory: folders, files with their current content (write-only files
 * empty), links as real symbolic links with the same targets. File modes follow access: {@code r--r--r--}
 * read-only, {@code rw-r--r--} read-write, {@code -w-------} write-only.
 */
public final class FakeTreeExporter {
    private FakeTreeExporter() {
    }

    public static void export(FakeTree tree, Path directory) {
        try {
            Files.createDirectories(directory);
            exportDirectory(tree.root(), directory);
        } catch (IOException e) {
            throw new VirtforgeException("cannot export the fake sysfs tree to " + directory + ": " + e, e);
        }
    }

    private static void exportDirectory(FakeDirectory dir, Path target) throws IOException {
        for (Map.Entry<String, FakeNode> e : dir.entries().entrySet()) {
            Path child = target.resolve(e.getKey());
            FakeNode node = e.getValue();
            if (node instanceof FakeDirectory sub) {
                Files.createDirectories(child);
                exportDirectory(sub, child);
            } else if (node instanceof FakeSymlink link) {
                Files.deleteIfExists(child);
                Files.createSymbolicLink(child, Path.of(link.target()));
            } else if (node instanceof FakeFile file) {
                Files.write(child, (file.readable() ? file.attribute().read() : "").getBytes(StandardCharsets.UTF_8));
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(child, PosixFilePermissions.fromString(mode(file)));
                }
            }
        }
    }

    private static String mode(FakeFile file) {
        if (file.readable()) {
            return file.writable() ? "rw-r--r--" : "r--r--r--";
        }
        return "-w-------";
    }
}
