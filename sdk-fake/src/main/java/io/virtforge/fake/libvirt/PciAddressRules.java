package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * libvirt 9.0's rules for PCI addresses given in a definition, from the QEMU driver's PCI address assignment at
 * define (qemu_domain_address.c over domain_addr.c: 27/20), with its words: a PCI controller plugs only into a bus
 * whose controller accepts its kind (a pci-expander-bus only into a pci-root, a dmi-to-pci-bridge only into a
 * pcie-root or pcie-expander-bus...); an integrated device (a virtio IOMMU) sits on bus 0; and an i440FX's slot 1
 * holds the PIIX3's functions (ISA bridge 1.0, the first IDE controller 1.1, the first UHCI controller 1.2, the
 * power management bridge 1.3), which no other device may take; a Q35's pcie-root has room for 240 root ports
 * (1/20). The rest of libvirt's slot allocation is not modelled.
 */
final class PciAddressRules {
    private PciAddressRules() {
    }

    /** What each bus model accepts downstream ({@code virDomainPCIAddressBusSetModel}), of the controller kinds. */
    private static final Map<String, Set<String>> ACCEPTS = Map.of(
            "pci-root", Set.of("pci-bridge", "pci-expander-bus"),
            "pci-bridge", Set.of("pci-bridge"),
            "pci-expander-bus", Set.of("pci-bridge"),
            "pcie-root", Set.of("pcie-root-port", "dmi-to-pci-bridge", "pcie-expander-bus"),
            "dmi-to-pci-bridge", Set.of("pci-bridge"),
            "pcie-to-pci-bridge", Set.of("pci-bridge"),
            "pcie-root-port", Set.of("pcie-switch-upstream-port", "pcie-to-pci-bridge"),
            "pcie-switch-downstream-port", Set.of("pcie-switch-upstream-port", "pcie-to-pci-bridge"),
            "pcie-switch-upstream-port", Set.of("pcie-switch-downstream-port"),
            "pcie-expander-bus", Set.of("pcie-root-port", "dmi-to-pci-bridge"));
    /** The controller kinds that plug only where they are accepted (a pci-bridge may go wherever a PCI device may). */
    private static final Set<String> CONTROLLER_KINDS = Set.of("pci-expander-bus", "pcie-expander-bus",
            "dmi-to-pci-bridge", "pcie-to-pci-bridge", "pcie-root-port", "pcie-switch-upstream-port",
            "pcie-switch-downstream-port");

    /** A PCI address: domain, bus, slot, function. */
    private record PciAddress(int domain, int bus, int slot, int function) {
        @Override
        public String toString() {
            return String.format("%04x:%02x:%02x.%x", domain, bus, slot, function);
        }
    }

    static void check(String name, GuestMachine g) {
        if (!g.isI440fx() && !g.isQ35()) {
            return;
        }
        Map<Integer, String> busModels = busModels(g);
        for (XmlElement c : g.devices("controller")) {
            String model = c.attribute("model").orElse("");
            Optional<PciAddress> a = address(c);
            if ("pci".equals(c.attribute("type").orElse("")) && CONTROLLER_KINDS.contains(model) && a.isPresent()) {
                String bus = busModels.get(a.get().bus());
                if (bus != null && ACCEPTS.containsKey(bus) && !ACCEPTS.get(bus).contains(model)) {
                    throw FakeErrors.xmlError(name, "The device at PCI address " + a.get() + " cannot be plugged into "
                            + "the PCI controller with index='" + a.get().bus() + "'. It requires a controller that "
                            + "accepts a " + model + ".");
                }
            }
        }
        for (XmlElement iommu : g.devices("iommu")) {
            Optional<PciAddress> a = address(iommu);
            if ("virtio".equals(iommu.attribute("model").orElse("")) && a.isPresent() && a.get().bus() != 0) {
                throw FakeErrors.xmlError(name, "The device at PCI address " + a.get() + " needs to be an integrated "
                        + "device (bus=0)");
            }
        }
        if (g.isI440fx()) {
            piix3(name, g);
        } else {
            rootPortRoom(name, g);
        }
    }

    /** A pcie-root's slots for root ports: 1 to 31 but 0x1f (the ICH9's ISA bridge, SATA and SMBus), 8 a slot. */
    private static final int ROOT_PORT_ROOM = 30 * 8;

    /**
     * Root ports libvirt places itself fill whole slots of the pcie-root, 8 to a slot; more than fit are refused
     * (virDomainPCIAddressSetGrow: 1/20). Judged only where the bound is sure: every root port left to libvirt, and
     * no pcie-expander-bus to take some.
     */
    private static void rootPortRoom(String name, GuestMachine g) {
        List<XmlElement> pci = g.devices("controller").stream()
                .filter(c -> "pci".equals(c.attribute("type").orElse(""))).toList();
        List<XmlElement> rootPorts = pci.stream()
                .filter(c -> "pcie-root-port".equals(c.attribute("model").orElse(""))).toList();
        boolean expander = pci.stream().anyMatch(c -> "pcie-expander-bus".equals(c.attribute("model").orElse("")));
        boolean allPlacedByLibvirt = rootPorts.stream().allMatch(c -> c.element("address").isEmpty());
        if (!expander && allPlacedByLibvirt && rootPorts.size() > ROOT_PORT_ROOM) {
            throw FakeErrors.definitionInternal(name, "a PCI slot is needed to connect a PCI controller "
                    + "model='pcie-root-port', but none is available, and it cannot be automatically added");
        }
    }

    /** The PCI controllers' models by index (given indexes only), with the machine's implicit root. */
    private static Map<Integer, String> busModels(GuestMachine g) {
        Map<Integer, String> models = new HashMap<>();
        models.put(0, g.isQ35() ? "pcie-root" : "pci-root");
        for (XmlElement c : g.devices("controller")) {
            Optional<String> index = c.attribute("index").filter(i -> i.matches("[0-9]{1,3}"));
            if ("pci".equals(c.attribute("type").orElse("")) && index.isPresent() && c.attribute("model").isPresent()) {
                models.put(Integer.parseInt(index.get()), c.attribute("model").get());
            }
        }
        return models;
    }

    /**
     * qemuDomainValidateDevicePCISlotsPIIX3: slot 1's functions are the PIIX3's, reserved after the addresses a
     * definition gives; a device given one of them is refused.
     */
    private static void piix3(String name, GuestMachine g) {
        XmlElement ide = null;
        XmlElement uhci = null;
        boolean usb0 = false;
        for (XmlElement c : g.devices("controller")) {
            String type = c.attribute("type").orElse("");
            if ((type.equals("ide") || type.equals("usb")) && c.attribute("index").isEmpty()) {
                return; // an index libvirt assigns itself: which controller is the first is its choice
            }
            boolean first = "0".equals(c.attribute("index").orElse(""));
            if (type.equals("ide") && first && ide == null) {
                ide = c;
            }
            if (type.equals("usb") && first) {
                usb0 = true;
                String model = c.attribute("model").orElse("piix3-uhci");
                if (model.equals("piix3-uhci") && uhci == null) {
                    uhci = c;
                }
            }
        }
        boolean ideDisks = g.devices("disk").stream()
                .anyMatch(d -> "ide".equals(GuestMachine.childAttribute(d, "target", "bus").orElse("")));
        List<Integer> reserved = new java.util.ArrayList<>(List.of(0, 3));
        if (ide != null || ideDisks) {
            reserved.add(1);
        }
        if (uhci != null || !usb0) {
            reserved.add(2);
        }
        XmlElement devices = g.at("devices").orElse(null);
        if (devices == null) {
            return;
        }
        for (XmlElement device : devices.elements()) {
            if (device == ide || device == uhci) {
                continue;
            }
            Optional<PciAddress> a = address(device);
            if (a.isPresent() && a.get().domain() == 0 && a.get().bus() == 0 && a.get().slot() == 1
                    && reserved.contains(a.get().function())) {
                throw FakeErrors.xmlError(name, "Attempted double use of PCI Address " + a.get());
            }
        }
    }

    /** A device's given PCI address; empty without one or with a number the fake does not read. */
    private static Optional<PciAddress> address(XmlElement device) {
        XmlElement a = device.element("address").orElse(null);
        if (a == null || !"pci".equals(a.attribute("type").orElse(""))) {
            return Optional.empty();
        }
        int[] parts = new int[4];
        List<String> names = List.of("domain", "bus", "slot", "function");
        for (int i = 0; i < 4; i++) {
            OptionalNumber n = OptionalNumber.of(a.attribute(names.get(i)).orElse("0"));
            if (n.value < 0) {
                return Optional.empty();
            }
            parts[i] = n.value;
        }
        return Optional.of(new PciAddress(parts[0], parts[1], parts[2], parts[3]));
    }

    /** An address number as libvirt's parser reads it (base 0: 0x.. hex, 0.. octal, else decimal); -1 if not one. */
    private record OptionalNumber(int value) {
        static OptionalNumber of(String text) {
            try {
                if (text.matches("0[xX][0-9a-fA-F]{1,6}")) {
                    return new OptionalNumber(Integer.parseInt(text.substring(2), 16));
                }
                if (text.matches("0[0-7]{1,8}")) {
                    return new OptionalNumber(Integer.parseInt(text, 8));
                }
                return new OptionalNumber(text.matches("[0-9]{1,6}") ? Integer.parseInt(text) : -1);
            } catch (NumberFormatException e) {
                return new OptionalNumber(-1);
            }
        }
    }
}
