package io.virtforge.cli;

import io.virtforge.model.Domain;
import io.virtforge.model.Untyped;
import io.virtforge.model.DomainXml;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlException;
import io.virtforge.xml.XmlParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The XML files the commands are given, read as bytes: a folder, a binary file or text that is not UTF-8
 * is refused as bad input with the file's name and what is wrong, never with Java's raw words.
 */
final class XmlFiles {
    private XmlFiles() {
    }

    /** The file's bytes; a folder or a binary file (with NUL bytes, which XML never has) is refused. */
    static byte[] bytes(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw CliException.badInput(file + " is a folder, not a file");
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                throw CliException.badInput(file + " is a binary file, not XML");
            }
        }
        return bytes;
    }

    /** The root element of the XML file, parsed from its bytes (strictly decoded by the SDK). */
    static XmlElement element(Path file) throws IOException {
        return parsed(file, XmlParser.defaults()::parse);
    }

    /** The domain in the file, parsed from its bytes. */
    static Domain domain(Path file) throws IOException {
        return parsed(file, DomainXml.defaults()::parse);
    }

    /** What the domain file holds that the model keeps but does not type. */
    static List<Untyped> untyped(Path file) throws IOException {
        return parsed(file, DomainXml.defaults()::inspect);
    }

    /** The file's bytes read by {@code parse}; what the SDK refuses is bad input, named with the file. */
    private static <T> T parsed(Path file, Function<InputStream, T> parse) throws IOException {
        byte[] bytes = bytes(file);
        try {
            return parse.apply(new ByteArrayInputStream(bytes));
        } catch (XmlException e) {
            throw CliException.badInput(file + ": " + e.getMessage());
        }
    }
}
