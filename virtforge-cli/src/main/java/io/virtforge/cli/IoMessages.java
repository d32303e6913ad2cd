package io.virtforge.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words: Java's file exceptions often carry only the path ("/tmp/x")
 * or only the errno text ("Is a directory"), which alone tell a user nothing.
 */
final class IoMessages {
    private IoMessages() {
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists already";
        }
        if (e instanceof NotDirectoryException f) {
            return f.getFile() + " is not a folder";
        }
        if (e instanceof DirectoryNotEmptyException f) {
            return "the folder " + f.getFile() + " is not empty";
        }
        if (e instanceof FileSystemException f) {
            String where = f.getFile() == null ? "" : f.getFile() + ": ";
            String reason = f.getReason() == null ? "" : f.getReason();
            return where + (reason.isEmpty() ? "cannot use it" : reason);
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
