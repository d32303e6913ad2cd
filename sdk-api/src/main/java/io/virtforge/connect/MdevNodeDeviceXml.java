package io.virtforge.connect;

import io.virtforge.topology.MdevType;
import io.virtforge.topology.NodeDevice;
import io.virtforge.topology.NodeDeviceXml;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import io.virtforge.value.Uuids;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlModelException;
import io.virtforge.xml.XmlParser;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Reads the mediated device node device XML of libvirt 9.0 ({@code virNodeDeviceDefFormat}): a parent's types
 * through {@link NodeDeviceXml}, an instance's {@code <capability type='mdev'>} ({@code <type id>}, {@code <uuid>},
 * {@code <parent_addr>}, {@code <iommuGroup number>}), and a definition to create.
 */
final class MdevNodeDeviceXml {
    private static final String CAP = "/device/capability[@type='mdev']";

    private MdevNodeDeviceXml() {
    }

    static MdevParentDevice parent(String xml) {
        NodeDevice d = NodeDeviceXml.parse(xml);
        String address = d.pci().map(p -> p.address().format()).orElse(d.name());
        OptionalInt node = d.pci().map(PciDevice::numaNode).orElse(OptionalInt.empty());
        List<MdevType> types = d.mdevTypes();
        return new MdevParentDevice(d.name(), address, node, types);
    }

    static MdevDevice device(String xml, boolean active, boolean persistent) {
        XmlElement device = root(xml);
        String name = text(device, "name", "/device");
        String parent = text(device, "parent", "/device");
        XmlElement cap = mdevCapability(device);
        UUID uuid = uuid(cap);
        String type = type(cap);
        // libvirt 9.0 writes <parent_addr> for the devices it found; its test driver's have none: the parent's name
        String address = cap.element("parent_addr").map(a -> a.text().trim())
                .orElseGet(() -> PciAddress.ofNodeDeviceName(parent).map(PciAddress::format).orElse(parent));
        OptionalInt group = cap.element("iommuGroup").flatMap(g -> g.attribute("number"))
                .map(n -> OptionalInt.of(number(cap, n))).orElse(OptionalInt.empty());
        return new MdevDevice(name, uuid, type, parent, address, active ? group : OptionalInt.empty(), active,
                persistent);
    }

    static MdevDefinition definition(String xml) {
        XmlElement device = root(xml);
        XmlElement cap = mdevCapability(device);
        return new MdevDefinition(text(device, "parent", "/device"), type(cap), uuid(cap));
    }

    private static XmlElement root(String xml) {
        XmlElement device = XmlParser.defaults().parse(xml);
        if (!device.hasName("device")) {
            throw error(device, "/" + device.name(), "expected <device>, found <" + device.name() + ">");
        }
        return device;
    }

    private static XmlElement mdevCapability(XmlElement device) {
        return device.elements("capability").stream()
                .filter(c -> c.attribute("type").filter("mdev"::equals).isPresent()).findFirst()
                .orElseThrow(() -> error(device, "/device", "missing <capability type='mdev'>"));
    }

    private static String type(XmlElement cap) {
        return cap.element("type").flatMap(t -> t.attribute("id"))
                .orElseThrow(() -> error(cap, CAP, "missing <type id>"));
    }

    private static UUID uuid(XmlElement cap) {
        XmlElement u = cap.element("uuid").orElseThrow(() -> error(cap, CAP, "missing <uuid>"));
        String text = u.text().trim();
        if (!Uuids.isCanonical(text)) {
            throw error(u, CAP + "/uuid", "not a UUID: '" + text + "'");
        }
        return UUID.fromString(text);
    }

    private static int number(XmlElement cap, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw error(cap, CAP + "/iommuGroup", "not a group number: '" + text + "'");
        }
    }

    private static String text(XmlElement e, String child, String path) {
        return e.element(child).map(c -> c.text().trim()).filter(s -> !s.isEmpty())
                .orElseThrow(() -> error(e, path, "missing <" + child + ">"));
    }

    private static XmlModelException error(XmlElement e, String path, String reason) {
        return new XmlModelException(reason, path, e.line(), e.column());
    }
}
