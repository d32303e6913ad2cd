package io.virtforge.xml;

import io.virtforge.VirtforgeException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file Virtforge will not read as XML: a folder, a binary file, XML the parser or a model reader refused, or
 * a document that does not belong where it was found. The message starts with the file's path, so a user
 * reading it knows which of many files to open.
 */
public final class XmlFileException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    // a String, not a Path: Path is not Serializable and exceptions are
    private final String path;

    /**
     * The file and what is wrong with it.
     *
     * @param path    the file
     * @param message the whole message, naming the file ({@code PATH is a folder, not a file})
     */
    public XmlFileException(Path path, String message) {
        super(message);
        this.path = Objects.requireNonNull(path, "path").toString();
    }

    /** The file and the XML error found in it. */
    public XmlFileException(Path path, XmlException cause) {
        super(path + ": " + cause.getMessage(), cause);
        this.path = path.toString();
    }

    /** The file. */
    public Path path() {
        return Path.of(path);
    }

    /** The parser's or model reader's error, with its line and column; empty when the file itself was refused. */
    public Optional<XmlException> xmlError() {
        return getCause() instanceof XmlException x ? Optional.of(x) : Optional.empty();
    }
}
