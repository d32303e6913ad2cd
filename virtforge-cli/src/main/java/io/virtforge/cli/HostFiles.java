package io.virtforge.cli;

import io.virtforge.VirtforgeException;
import io.virtforge.model.Domain;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NodeDevice;
import io.virtforge.topology.NodeDeviceXml;
import io.virtforge.xml.XmlException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a host from files: libvirt capabilities, node device XMLs, and the domains already on it. */
final class HostFiles {
    private HostFiles() {
    }

    static HostTopology topology(Path capabilities, List<Path> nodeDevices) throws IOException {
        HostTopology.Builder b;
        try {
            b = CapabilitiesXml.read(XmlFiles.element(capabilities));
        } catch (XmlException e) {
            throw new VirtforgeException(capabilities + ": " + e.getMessage(), e);
        }
        List<NodeDevice> devices = new ArrayList<>();
        for (Path p : nodeDevices) {
            try {
                devices.add(NodeDeviceXml.read(XmlFiles.element(p)));
            } catch (XmlException e) {
                throw new VirtforgeException(p + ": " + e.getMessage(), e);
            }
        }
        return NodeDeviceXml.addTo(b, devices).build();
    }

    static HostState state(Path capabilities, List<Path> nodeDevices, List<Path> domains) throws IOException {
        List<Domain> others = new ArrayList<>();
        for (Path p : domains) {
            others.add(XmlCommand.read(p));
        }
        return HostState.of(topology(capabilities, nodeDevices), others);
    }
}
