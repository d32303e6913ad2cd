package io.virtforge.topology;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.xml.XmlFile;
import io.virtforge.xml.XmlFileException;
import io.virtforge.xml.XmlParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A host read from snapshot files, for offline use and tests: its libvirt capabilities ({@code virsh
 * capabilities}), node device XMLs ({@code virsh nodedev-dumpxml}) and the XML of the domains already on it
 * ({@code virsh dumpxml}). Every error names its file ({@link XmlFileException}); an unreadable file is an
 * {@link IOException}.
 */
public final class HostFiles {
    private HostFiles() {
    }

    /** The host's topology: its capabilities with the PCI devices of the node device files. */
    public static HostTopology topology(Path capabilities, List<Path> nodeDevices) throws IOException {
        HostTopology.Builder b = XmlFile.read(capabilities, in -> CapabilitiesXml.read(XmlParser.defaults().parse(in)));
        List<NodeDevice> devices = new ArrayList<>();
        for (Path p : nodeDevices) {
            devices.add(XmlFile.read(p, in -> NodeDeviceXml.read(XmlParser.defaults().parse(in))));
        }
        return NodeDeviceXml.addTo(b, devices).build();
    }

    /**
     * The host and the domains already on it.
     *
     * @throws XmlFileException also for a domain whose name an earlier file already gave: libvirt holds one
     *                          domain of a name per host, and counting it twice would double what it uses
     */
    public static HostState state(Path capabilities, List<Path> nodeDevices, List<Path> domains) throws IOException {
        HostTopology topology = topology(capabilities, nodeDevices);
        List<Domain> others = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path p : domains) {
            Domain d = domain(p);
            Path first = seen.putIfAbsent(d.name(), p);
            if (first != null) {
                throw new XmlFileException(p, first.equals(p) ? p + " is given twice"
                        : p + ": domain '" + d.name() + "' is already in " + first + " (a host holds one domain of a name)");
            }
            others.add(d);
        }
        return HostState.of(topology, others);
    }

    /** The domain of a domain XML file. */
    public static Domain domain(Path file) throws IOException {
        return XmlFile.read(Objects.requireNonNull(file, "file"), DomainXml.defaults()::parse);
    }
}
