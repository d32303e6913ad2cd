package io.virtforge.fleet;

import io.virtforge.VirtforgeException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A fleet folder {@link FleetDirectory} cannot read as hosts: not a folder, no host in it, host folders
 * without capabilities, a file that belongs nowhere. The message names the path; errors inside one XML file
 * are {@link io.virtforge.xml.XmlFileException}s instead.
 */
public final class FleetDirectoryException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    // a String, not a Path: Path is not Serializable and exceptions are
    private final String path;

    /**
     * A problem at a path.
     *
     * @param path    the folder or file in question
     * @param message the whole message, naming the path
     */
    public FleetDirectoryException(Path path, String message) {
        super(message);
        this.path = Objects.requireNonNull(path, "path").toString();
    }

    /** The folder or file in question. */
    public Path path() {
        return Path.of(path);
    }
}
