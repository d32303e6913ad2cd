package io.virtforge.topology;

import io.virtforge.value.PciAddress;
import io.virtforge.value.ValueFormatException;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlModelException;
import io.virtforge.xml.XmlParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads libvirt's node device XML ({@code virsh nodedev-dumpxml}): PCI functions (ids, class, NUMA
 * node, IOMMU group, driver, SR-IOV virtual and physical functions) and network interfaces, and adds
 * them to a {@link HostTopology.Builder}.
 */
public final class NodeDeviceXml {
    private NodeDeviceXml() {
    }

    /** Parses one node device document. */
    public static NodeDevice parse(String xml) {
        return read(XmlParser.defaults().parse(xml));
    }

    /** Reads one parsed node device. */
    public static NodeDevice read(XmlElement device) {
        if (!device.hasName("device")) {
            throw XmlFields.error(device, "/" + device.name(), "expected <device>, found <" + device.name() + ">");
        }
        String name = device.element("name").map(n -> n.text().trim())
                .orElseThrow(() -> XmlFields.error(device, "/device", "missing <name>"));
        Optional<String> parent = device.element("parent").map(p -> p.text().trim());
        Optional<String> driver = device.element("driver").flatMap(d -> d.element("name")).map(n -> n.text().trim());
        PciDevice pci = null;
        String net = null;
        List<MdevType> mdevTypes = new ArrayList<>();
        MdevInstance mdev = null;
        for (XmlElement cap : device.elements("capability")) {
            String type = cap.attribute("type").orElse("");
            if (type.equals("pci")) {
                pci = readPci(cap, name, driver.orElse(null));
            } else if (type.equals("net")) {
                net = cap.element("interface").map(i -> i.text().trim()).orElse(null);
            } else if (type.equals("mdev")) {
                mdev = MdevNodeDevices.instance(cap, name, parent);
            }
            // mdev_types sits in the parent's own capability: pci, css, ap_matrix
            cap.elements("capability").stream().filter(c -> c.attribute("type").filter("mdev_types"::equals).isPresent())
                    .forEach(c -> mdevTypes.addAll(MdevNodeDevices.types(c, "/device/capability[@type='" + type + "']")));
        }
        return new NodeDevice(name, parent, Optional.ofNullable(pci), Optional.ofNullable(net), mdevTypes,
                Optional.ofNullable(mdev));
    }

    private static PciDevice readPci(XmlElement cap, String deviceName, String driver) {
        String path = "/device/capability[@type='pci']";
        PciAddress address = pciAddress(cap, deviceName, path);
        PciDevice.Builder b = PciDevice.builder(address).driver(driver);
        cap.element("product").flatMap(p -> p.attribute("id"))
                .ifPresent(id -> b.deviceId(XmlFields.integer(cap, path + "/product", "id", id)));
        cap.element("vendor").flatMap(v -> v.attribute("id"))
                .ifPresent(id -> b.vendorId(XmlFields.integer(cap, path + "/vendor", "id", id)));
        b.names(cap.element("product").map(p -> p.text().trim()).filter(s -> !s.isEmpty()).orElse(null),
                cap.element("vendor").map(v -> v.text().trim()).filter(s -> !s.isEmpty()).orElse(null));
        cap.element("class").ifPresent(c -> b.classCode(XmlFields.integer(c, path + "/class", "class", c.text())));
        cap.element("iommuGroup").flatMap(g -> g.attribute("number"))
                .ifPresent(n -> b.iommuGroup(XmlFields.integer(cap, path + "/iommuGroup", "number", n)));
        cap.element("numa").flatMap(n -> n.attribute("node"))
                .ifPresent(n -> b.numaNode(XmlFields.integer(cap, path + "/numa", "node", n)));
        for (XmlElement sub : cap.elements("capability")) {
            String type = sub.attribute("type").orElse("");
            String subPath = path + "/capability[@type='" + type + "']";
            if (type.equals("virt_functions")) {
                List<PciAddress> vfs = new ArrayList<>();
                sub.elements("address").forEach(a -> vfs.add(address(a, subPath)));
                b.virtfns(vfs);
                sub.attribute("maxCount").ifPresent(m -> b.sriovTotalVfs(XmlFields.integer(sub, subPath, "maxCount", m)));
            } else if (type.equals("phys_function")) {
                sub.element("address").ifPresent(a -> b.physfn(address(a, subPath)));
            }
        }
        return b.build();
    }

    /**
     * The function's address from its {@code <domain>}, {@code <bus>}, {@code <slot>} and {@code <function>}.
     * libvirt writes what sysfs gave it, and a function whose config space could not be read comes out
     * with {@code <bus>4294967295</bus>} (libvirt 9.0's {@code pci_0000_00_02_0_header_type} case); its
     * node device name ({@code pci_DDDD_BB_SS_F}) still names the address, so that is read instead.
     */
    private static PciAddress pciAddress(XmlElement cap, String deviceName, String path) {
        try {
            return XmlFields.parse(cap, path, "address", "", x -> new PciAddress(
                    number(cap, "domain", path), number(cap, "bus", path), number(cap, "slot", path),
                    number(cap, "function", path)));
        } catch (XmlModelException fromFields) {
            try {
                return PciAddress.fromNodeDeviceName(deviceName);
            } catch (ValueFormatException notAnAddress) {
                fromFields.addSuppressed(notAnAddress);
                throw fromFields;
            }
        }
    }

    private static int number(XmlElement cap, String name, String path) {
        return cap.element(name).map(e -> XmlFields.integer(e, path + "/" + name, name, e.text()))
                .orElseThrow(() -> XmlFields.error(cap, path, "missing <" + name + ">"));
    }

    private static PciAddress address(XmlElement a, String path) {
        return XmlFields.parse(a, path + "/address", "address", "", x -> PciAddress.fromXml(
                a.attribute("domain").orElse(null), a.attribute("bus").orElse(null),
                a.attribute("slot").orElse(null), a.attribute("function").orElse(null)));
    }

    /**
     * Adds node devices to a host: PCI functions as devices (replacing earlier ones at the same
     * address), network interfaces as the {@code netdev} of their parent PCI function, parents of mediated
     * devices with their types and NUMA node, and mediated devices with their parent's NUMA node.
     */
    public static HostTopology.Builder addTo(HostTopology.Builder host, Collection<NodeDevice> devices) {
        for (NodeDevice d : devices) {
            d.pci().ifPresent(host::pciDevice);
        }
        MdevNodeDevices.addTo(host, devices);
        for (NodeDevice d : devices) {
            if (d.netInterface().isPresent() && d.parent().isPresent() && d.parent().get().startsWith("pci_")) {
                PciAddress parent;
                try {
                    parent = PciAddress.fromNodeDeviceName(d.parent().get());
                } catch (ValueFormatException e) {
                    continue; // a parent name that is not an address (old libvirt): nothing to attach to
                }
                host.pciDevice(parent).ifPresent(p -> host.pciDevice(p.toBuilder().netdev(d.netInterface().get()).build()));
            }
        }
        return host;
    }
}
