package io.virtforge.host.sysfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * The kernel error numbers that sysfs, procfs and device writes report, with their Linux x86_64 numbers
 * and glibc's English {@code strerror()} texts.
 *
 * <p>Java does not expose {@code errno}: it throws an {@link IOException} whose message (or, for
 * {@link FileSystemException}, whose {@linkplain FileSystemException#getReason() reason}) is the
 * {@code strerror()} text, and for a few errors a dedicated subclass. {@link #of(IOException)} maps back:
 * <table>
 * <caption>IOException to errno</caption>
 * <tr><th>Java exception</th><th>errno</th></tr>
 * <tr><td>{@link NoSuchFileException}</td><td>{@link #ENOENT}</td></tr>
 * <tr><td>{@link AccessDeniedException}</td><td>{@link #EACCES}, or {@link #EPERM} when its reason is
 * "Operation not permitted"</td></tr>
 * <tr><td>{@link FileAlreadyExistsException}</td><td>{@link #EEXIST}</td></tr>
 * <tr><td>{@link NotDirectoryException}</td><td>{@link #ENOTDIR}</td></tr>
 * <tr><td>{@link NotLinkException} ({@code readlink} of a non-link)</td><td>{@link #EINVAL}</td></tr>
 * <tr><td>any other: message or reason containing a {@code strerror()} text below (the longest match wins,
 * so "No such device or address" is {@link #ENXIO}, not {@link #ENODEV})</td><td>that errno</td></tr>
 * <tr><td>anything else, including messages in another language</td><td>{@link #OTHER}</td></tr>
 * </table>
 */
public enum Errno {
    /** 1: "Operation not permitted". */
    EPERM(1, "Operation not permitted"),
    /** 2: "No such file or directory". */
    ENOENT(2, "No such file or directory"),
    /** 5: "Input/output error". */
    EIO(5, "Input/output error"),
    /** 6: "No such device or address". */
    ENXIO(6, "No such device or address"),
    /** 11: "Resource temporarily unavailable". */
    EAGAIN(11, "Resource temporarily unavailable"),
    /** 12: "Cannot allocate memory". */
    ENOMEM(12, "Cannot allocate memory"),
    /** 13: "Permission denied". */
    EACCES(13, "Permission denied"),
    /** 16: "Device or resource busy". */
    EBUSY(16, "Device or resource busy"),
    /** 17: "File exists". */
    EEXIST(17, "File exists"),
    /** 19: "No such device". */
    ENODEV(19, "No such device"),
    /** 20: "Not a directory". */
    ENOTDIR(20, "Not a directory"),
    /** 21: "Is a directory". */
    EISDIR(21, "Is a directory"),
    /** 22: "Invalid argument". */
    EINVAL(22, "Invalid argument"),
    /** 28: "No space left on device". */
    ENOSPC(28, "No space left on device"),
    /** 30: "Read-only file system". */
    EROFS(30, "Read-only file system"),
    /** 34: "Numerical result out of range". */
    ERANGE(34, "Numerical result out of range"),
    /** 40: "Too many levels of symbolic links". */
    ELOOP(40, "Too many levels of symbolic links"),
    /** 87: "Too many users": a mediated device type with no instance left ({@code mdev_core.c}). */
    EUSERS(87, "Too many users"),
    /** 95: "Operation not supported". */
    EOPNOTSUPP(95, "Operation not supported"),
    /** Any error not listed here, or one whose text could not be recognised. */
    OTHER(-1, "Unknown error");

    private final int number;
    private final String strerror;

    Errno(int number, String strerror) {
        this.number = number;
        this.strerror = strerror;
    }

    /** The Linux x86_64 errno value; -1 for {@link #OTHER}. */
    public int number() {
        return number;
    }

    /** glibc's English {@code strerror()} text. */
    public String strerror() {
        return strerror;
    }

    /** The errno of the given number, or {@link #OTHER}. */
    public static Errno ofNumber(int number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return e;
            }
        }
        return OTHER;
    }

    /**
     * The errno whose {@code strerror()} text the message contains (the longest such text), or
     * {@link #OTHER}. Matching ignores case.
     */
    public static Errno ofMessage(String message) {
        if (message == null) {
            return OTHER;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        Errno best = OTHER;
        for (Errno e : values()) {
            if (e != OTHER && m.contains(e.strerror.toLowerCase(java.util.Locale.ROOT))
                    && (best == OTHER || e.strerror.length() > best.strerror.length())) {
                best = e;
            }
        }
        return best;
    }

    /** The errno behind a Java I/O exception, following the table in the class comment. */
    public static Errno of(IOException e) {
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (e instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return ofMessage(text) == EPERM ? EPERM : EACCES;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EEXIST;
        }
        if (e instanceof NotDirectoryException) {
            return ENOTDIR;
        }
        if (e instanceof NotLinkException) {
            return EINVAL;
        }
        return ofMessage(text);
    }

    /** {@code NAME (strerror text)}, e.g. {@code EBUSY (Device or resource busy)}. */
    public String describe() {
        return name() + " (" + strerror + ")";
    }
}
