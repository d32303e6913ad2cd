package io.virtforge.topology;

import io.virtforge.value.PciAddress;
import io.virtforge.value.Uuids;
import io.virtforge.value.ValueFormatException;
import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The mediated device parts of libvirt's node device XML: a parent's {@code <capability type='mdev_types'>}
 * ({@code <type id>} with {@code <name>}, {@code <deviceAPI>}, {@code <availableInstances>}), and a mediated
 * device's {@code <capability type='mdev'>} ({@code <type id>}, {@code <uuid>} or the UUID in its name
 * {@code mdev_<uuid with underscores>[_<parent>]}). Parents are named as sysfs names them: a libvirt
 * {@code pci_DDDD_BB_SS_F} becomes the address {@code DDDD:BB:SS.F}; another name is kept.
 */
final class MdevNodeDevices {
    private MdevNodeDevices() {
    }

    static List<MdevType> types(XmlElement cap, String parentPath) {
        String path = parentPath + "/capability[@type='mdev_types']";
        List<MdevType> types = new ArrayList<>();
        for (XmlElement t : cap.elements("type")) {
            String id = t.attribute("id").orElseThrow(() -> XmlFields.error(t, path + "/type", "missing id"));
            int available = t.element("availableInstances")
                    .map(a -> XmlFields.integer(a, path + "/type/availableInstances", "availableInstances", a.text()))
                    .orElse(0);
            types.add(new MdevType(id, t.element("name").map(n -> n.text().trim()), Optional.empty(),
                    t.element("deviceAPI").map(a -> a.text().trim()).orElse("vfio-pci"), available));
        }
        return types;
    }

    static MdevInstance instance(XmlElement cap, String name, Optional<String> parent) {
        String path = "/device/capability[@type='mdev']";
        String type = cap.element("type").flatMap(t -> t.attribute("id"))
                .orElseThrow(() -> XmlFields.error(cap, path, "missing <type id>"));
        String uuidText = cap.element("uuid").map(u -> u.text().trim()).orElseGet(() -> uuidOfName(name));
        UUID uuid = XmlFields.parse(cap, path + "/uuid", "uuid", uuidText, MdevNodeDevices::strictUuid);
        return new MdevInstance(uuid, type, parent.map(MdevNodeDevices::sysfsName).orElse(""), OptionalInt.empty());
    }

    /** The 8-4-4-4-12 hex form only ({@link UUID#fromString} also takes shorter groups). */
    private static UUID strictUuid(String text) {
        if (!Uuids.isCanonical(text)) {
            throw new NumberFormatException("not a UUID: '" + text + "'");
        }
        return UUID.fromString(text);
    }

    /** {@code mdev_d069d019_36ea_4111_8f0a_8c9a70e21366} (and libvirt 9's {@code ..._<parent>}): the UUID. */
    private static String uuidOfName(String name) {
        String rest = name.startsWith("mdev_") ? name.substring(5) : name;
        return rest.length() >= 36 ? rest.substring(0, 36).replace('_', '-') : rest;
    }

    /** The sysfs name of a parent libvirt names {@code pci_0000_00_02_0}; another name as it is. */
    static String sysfsName(String nodeDeviceName) {
        return PciAddress.ofNodeDeviceName(nodeDeviceName).map(PciAddress::format).orElse(nodeDeviceName);
    }

    static void addTo(HostTopology.Builder host, Collection<NodeDevice> devices) {
        for (NodeDevice d : devices) {
            if (!d.mdevTypes().isEmpty()) {
                String device = sysfsName(d.name());
                OptionalInt node = d.pci().map(PciDevice::numaNode).orElse(OptionalInt.empty());
                host.mdevParent(new MdevParent(device, node, d.mdevTypes()));
            }
        }
        for (NodeDevice d : devices) {
            d.mdev().ifPresent(m -> host.mdevInstance(new MdevInstance(m.uuid(), m.type(), m.parent(),
                    host.mdevParent(m.parent()).map(MdevParent::numaNode)
                            .or(() -> numaOfPci(host, m.parent())).orElse(OptionalInt.empty()))));
        }
    }

    private static Optional<OptionalInt> numaOfPci(HostTopology.Builder host, String parent) {
        try {
            return host.pciDevice(PciAddress.parse(parent)).map(PciDevice::numaNode);
        } catch (ValueFormatException e) {
            return Optional.empty();
        }
    }
}
