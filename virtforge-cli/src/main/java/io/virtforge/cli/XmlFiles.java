package io.virtforge.cli;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.model.Untyped;
import io.virtforge.topology.HostFiles;
import io.virtforge.xml.XmlFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The domain files the xml commands are given, read through the SDK's {@link XmlFile}: a folder, a binary file
 * or text that is not UTF-8 is refused as bad input with the file's name and what is wrong, never with Java's
 * raw words.
 */
final class XmlFiles {
    private XmlFiles() {
    }

    /** The domain in the file. */
    static Domain domain(Path file) throws IOException {
        return HostFiles.domain(file);
    }

    /** What the domain file holds that the model keeps but does not type. */
    static List<Untyped> untyped(Path file) throws IOException {
        return XmlFile.read(file, DomainXml.defaults()::inspect);
    }
}
