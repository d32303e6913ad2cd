package io.virtforge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Rewrites a file in place as an editor should: through a symbolic link to its target (the link stays),
 * keeping the target's mode, owner and group, and atomically (a temporary file beside the target, moved
 * over it), so a reader sees the old content or the new, never half.
 */
final class InPlaceFile {
    private InPlaceFile() {
    }

    static void replace(Path file, String content) throws IOException {
        Path target = file.toRealPath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".virtforge");
        try {
            copyOwnership(target, tmp);
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void copyOwnership(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // not a POSIX file system: nothing to keep
        }
        PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class);
        try {
            // owner first: changing it may clear set-id bits the mode then sets again
            view.setOwner(a.owner());
            view.setGroup(a.group());
        } catch (IOException e) {
            // only root may give a file away; a user rewriting their own file keeps their own owner anyway
        }
        view.setPermissions(a.permissions());
    }
}
