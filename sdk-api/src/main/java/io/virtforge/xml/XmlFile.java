package io.virtforge.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads XML files given by users (capabilities, node devices, domains): as bytes, so that the SDK's strict
 * decoder decides the encoding; a folder or a binary file is refused before parsing, and every error the
 * parser or a model reader raises comes back as an {@link XmlFileException} naming the file.
 */
public final class XmlFile {
    private XmlFile() {
    }

    /**
     * The file's bytes.
     *
     * @throws XmlFileException for a folder, or a binary file (with NUL bytes, which XML never has)
     * @throws IOException      when the file cannot be read (missing, no permission...)
     */
    public static byte[] bytes(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new XmlFileException(file, file + " is a folder, not a file");
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                throw new XmlFileException(file, file + " is a binary file, not XML");
            }
        }
        return bytes;
    }

    /**
     * The file read by {@code reader} (a parser, or a parser and a model reader in one function).
     *
     * @throws XmlFileException for a file {@link #bytes} refuses, or an {@link XmlException} of the reader
     * @throws IOException      when the file cannot be read
     */
    public static <T> T read(Path file, Function<InputStream, ? extends T> reader) throws IOException {
        Objects.requireNonNull(reader, "reader");
        byte[] bytes = bytes(file);
        try {
            return reader.apply(new ByteArrayInputStream(bytes));
        } catch (XmlException e) {
            throw new XmlFileException(file, e);
        }
    }

    /** The root element of the file. */
    public static XmlElement element(Path file) throws IOException {
        return read(file, XmlParser.defaults()::parse);
    }
}
