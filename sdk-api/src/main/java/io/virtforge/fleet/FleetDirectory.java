package io.virtforge.fleet;

import io.virtforge.topology.HostFiles;
import io.virtforge.topology.HostState;
import io.virtforge.xml.XmlFile;
import io.virtforge.xml.XmlFileException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Fleet} read from snapshot files, for offline planning and tests. The layout:
 *
 * <pre>
 * DIR/
 *   HOST/                  one folder per host, named by the host id
 *     capabilities.xml     required: virsh capabilities
 *     labels               optional: one label per line; '#' starts a comment
 *     *.xml                each other XML file, in any sub-folder, by its root element:
 *                            &lt;device&gt;  a node device (virsh nodedev-dumpxml)
 *                            &lt;domain&gt;  a domain already on the host (virsh dumpxml)
 * </pre>
 *
 * <p>Files are told apart by their root element rather than by name or folder, so that {@code virsh} output
 * can be saved under any name; sub-folders ({@code nodedev/}, {@code domains/}) are only for tidiness. Names
 * starting with a dot are ignored (editors' and version control's files), and so are files that are neither
 * XML nor {@code labels} (notes). Everything else that cannot be a host is an error naming the path, rather
 * than a host silently missing from the plan: a folder without {@code capabilities.xml}, an XML file of
 * another kind, capabilities anywhere but in {@code capabilities.xml}, an XML file directly in DIR. Files are
 * read in sorted order, so the same folder always gives the same fleet.
 */
public final class FleetDirectory {
    /** The capabilities file of a host folder. */
    public static final String CAPABILITIES = "capabilities.xml";
    /** The labels file of a host folder. */
    public static final String LABELS = "labels";

    private static final Logger LOG = LoggerFactory.getLogger(FleetDirectory.class);

    private FleetDirectory() {
    }

    /**
     * The fleet of the host folders in {@code dir}.
     *
     * @throws FleetDirectoryException when {@code dir} is not a folder, holds no host folder, or holds host
     *                                 folders without capabilities (all named) or XML files
     * @throws XmlFileException        for an XML file that cannot be read as what its root element says, or a
     *                                 domain name given twice on one host
     * @throws IOException             when a file cannot be read
     */
    public static Fleet load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new FleetDirectoryException(dir, dir + (Files.exists(dir) ? " is not a folder" : ": no such folder"));
        }
        List<Path> hostFolders = new ArrayList<>();
        List<String> withoutCapabilities = new ArrayList<>();
        for (Path p : sortedChildren(dir)) {
            if (Files.isDirectory(p)) {
                hostFolders.add(p);
                if (!Files.isRegularFile(p.resolve(CAPABILITIES))) {
                    withoutCapabilities.add(p.getFileName().toString());
                }
            } else if (isXml(p)) {
                throw new FleetDirectoryException(p, p + ": hosts are folders in " + dir + ", each with its "
                        + CAPABILITIES + "; move this file into one");
            }
        }
        if (hostFolders.isEmpty()) {
            throw new FleetDirectoryException(dir, dir + " holds no host: make one folder per host, named by the "
                    + "host, with the host's " + CAPABILITIES + " (virsh capabilities) in it");
        }
        if (!withoutCapabilities.isEmpty()) {
            throw new FleetDirectoryException(dir, dir + ": no " + CAPABILITIES + " in "
                    + String.join(", ", withoutCapabilities) + " (each host folder needs the host's virsh capabilities)");
        }
        Fleet.Builder fleet = Fleet.builder();
        for (Path folder : hostFolders) {
            fleet.host(host(folder));
        }
        return fleet.build();
    }

    /**
     * One host folder: the host named by the folder, with its capabilities, node devices, domains and labels.
     *
     * @throws FleetDirectoryException when the folder has no {@code capabilities.xml}, or an XML file that is
     *                                 neither a node device nor a domain
     * @throws XmlFileException        as {@link #load}
     * @throws IOException             when a file cannot be read
     */
    public static FleetHost host(Path folder) throws IOException {
        Path capabilities = folder.resolve(CAPABILITIES);
        if (!Files.isRegularFile(capabilities)) {
            throw new FleetDirectoryException(folder, folder + ": no " + CAPABILITIES
                    + " (each host folder needs the host's virsh capabilities)");
        }
        List<Path> devices = new ArrayList<>();
        List<Path> domains = new ArrayList<>();
        for (Path file : xmlFiles(folder)) {
            if (file.equals(capabilities)) {
                continue;
            }
            // a second parse when HostFiles reads the file for real: small files, and one reader for plan and fleet
            String root = XmlFile.element(file).name();
            switch (root) {
                case "device" -> devices.add(file);
                case "domain" -> domains.add(file);
                case "capabilities" -> throw new FleetDirectoryException(file, file + ": capabilities go in "
                        + capabilities + ", and a host has one");
                default -> throw new FleetDirectoryException(file, file + ": a <" + root + "> document; a host folder "
                        + "holds " + CAPABILITIES + ", node devices (<device>) and domains (<domain>)");
            }
        }
        HostState state = HostFiles.state(capabilities, devices, domains);
        Set<String> labels = labels(folder.resolve(LABELS));
        String id = folder.getFileName().toString();
        LOG.debug("host {}: {} node devices, {} domains, labels {}", id, devices.size(), domains.size(), labels);
        return new FleetHost(id, state, labels, 0);
    }

    /** The labels file's labels: one a line, blank lines and what follows '#' ignored; none without the file. */
    static Set<String> labels(Path file) throws IOException {
        Set<String> labels = new TreeSet<>();
        if (!Files.exists(file)) {
            return labels;
        }
        if (!Files.isRegularFile(file)) {
            throw new FleetDirectoryException(file, file + " is not a file (labels: one label per line)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new FleetDirectoryException(file, file + " is not UTF-8 text (labels: one label per line)");
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String label = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!label.isEmpty()) {
                labels.add(label);
            }
        }
        return labels;
    }

    /** The folder's entries but hidden ones, sorted by name. */
    private static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !hidden(p)).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /**
     * The XML files under the folder, in any non-hidden sub-folder, sorted by their path in it. Links are
     * followed (a host folder may be a link to where the snapshots are taken); a loop is an IOException.
     */
    private static List<Path> xmlFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder, Integer.MAX_VALUE, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> !p.equals(folder))
                    .filter(p -> stream(folder.relativize(p)).noneMatch(FleetDirectory::hidden))
                    .filter(FleetDirectory::isXml)
                    .sorted(Comparator.comparing(p -> folder.relativize(p).toString()))
                    .toList();
        }
    }

    private static Stream<Path> stream(Path relative) {
        List<Path> parts = new ArrayList<>();
        relative.forEach(parts::add);
        return parts.stream();
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean isXml(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
    }
}
