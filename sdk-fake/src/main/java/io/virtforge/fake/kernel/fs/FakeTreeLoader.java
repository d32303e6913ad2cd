package io.virtforge.fake.kernel.fs;

import io.virtforge.VirtforgeException;
import io.virtforge.host.sysfs.SysfsPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Reads a real directory into a fake tree without following links: folders, regular files (UTF-8, as
 * {@link io.virtforge.host.sysfs.RealSysfs} reads them; access from the owner's mode bits) and links with their
 * targets as stored. Names must be valid {@link SysfsPath} components. Other kinds of files are skipped.
 */
public final class FakeTreeLoader {
    private FakeTreeLoader() {
    }

    public static void load(Path directory, FakeTree tree, SysfsPath at) {
        tree.directory(at);
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    tree.directory(pathOf(directory, dir, at));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    SysfsPath p = pathOf(directory, file, at);
                    if (attrs.isSymbolicLink()) {
                        tree.put(p, new FakeSymlink(Files.readSymbolicLink(file).toString()));
                    } else if (attrs.isRegularFile()) {
                        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                        Set<PosixFilePermission> mode = modeOf(file);
                        boolean readable = mode == null || mode.contains(PosixFilePermission.OWNER_READ);
                        boolean writable = mode == null || mode.contains(PosixFilePermission.OWNER_WRITE);
                        tree.put(p, new FakeFile(new PlainAttribute(content), readable, writable));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new VirtforgeException("cannot load a sysfs tree from " + directory + ": " + e, e);
        }
    }

    private static Set<PosixFilePermission> modeOf(Path file) {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class).permissions();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static SysfsPath pathOf(Path root, Path entry, SysfsPath at) {
        SysfsPath p = at;
        for (Path name : root.relativize(entry)) {
            if (!name.toString().isEmpty()) {
                p = p.resolve(name.toString());
            }
        }
        return p;
    }
}
