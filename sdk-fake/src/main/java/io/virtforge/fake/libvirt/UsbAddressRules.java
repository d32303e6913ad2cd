package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libvirt 9.0's USB address rules, with its codes and words: a USB {@code port} is one to four numbers joined by
 * dots (the parser, device_conf.c: 1/49); and the QEMU driver's USB address assignment at define
 * ({@code qemuDomainAssignUSBAddresses} over domain_addr.c: 27/20) builds the buses of the USB controllers (ports by
 * model; the implicit controller 0 of a PC), plugs the hubs with an address in, reserves every USB device's given
 * port (once each, on an existing bus, hub and port) and finally wants the bus of a device with a bus but no port.
 * Modelled for x86 PC machines, whose default controllers libvirt 9.0 fixes (piix3-uhci, Q35's qemu-xhci), when
 * every USB controller has its index.
 */
final class UsbAddressRules {
    private UsbAddressRules() {
    }

    /** A port of the USB tree: a controller's root hub or a hub device, with its ports. */
    private static final class Hub {
        final Hub[] hubs;
        final boolean[] used;

        Hub(int ports) {
            hubs = new Hub[ports];
            used = new boolean[ports];
        }
    }

    /** VIR_DOMAIN_USB_HUB_PORTS. */
    private static final int HUB_PORTS = 8;

    /** A device's USB address: its bus and port path (empty when it names no port). */
    private record UsbAddress(int bus, List<Integer> port) {
        String portText() {
            return String.join(".", port.stream().map(String::valueOf).toList());
        }
    }

    static void check(String name, GuestMachine g) {
        Map<XmlElement, UsbAddress> addresses = new HashMap<>();
        for (XmlElement device : g.at("devices").map(XmlElement::elements).orElse(List.of())) {
            XmlElement a = device.element("address").orElse(null);
            if (a != null && "usb".equals(a.attribute("type").orElse(""))) {
                parse(name, a).ifPresent(u -> addresses.put(device, u));
            }
        }
        if (!g.isI440fx() && !g.isQ35()) {
            return;
        }
        Map<Integer, Hub> buses = buses(name, g);
        if (buses == null) {
            return;
        }
        List<XmlElement> hubs = g.devices("hub").stream().filter(h -> "usb".equals(h.attribute("type").orElse("")))
                .toList();
        for (XmlElement hub : hubs) {
            UsbAddress a = addresses.get(hub);
            if (a != null && !a.port().isEmpty()) {
                Hub target = findPort(name, buses, a);
                int port = last(a.port()) - 1;
                if (target.hubs[port] != null) {
                    throw FakeErrors.xmlError(name, "Duplicate USB hub on bus " + a.bus() + " port " + a.portText());
                }
                target.used[port] = true;
                target.hubs[port] = new Hub(HUB_PORTS);
            }
        }
        List<XmlElement> devices = usbDevices(g);
        for (XmlElement device : devices) {
            UsbAddress a = addresses.get(device);
            if (a != null && !a.port().isEmpty()) {
                Hub target = findPort(name, buses, a);
                int port = last(a.port()) - 1;
                if (target.used[port]) {
                    throw FakeErrors.xmlError(name, "Duplicate USB address bus " + a.bus() + " port " + a.portText());
                }
                target.used[port] = true;
            }
        }
        List<XmlElement> assigned = new ArrayList<>(hubs);
        assigned.addAll(devices);
        for (XmlElement device : assigned) {
            UsbAddress a = addresses.get(device);
            if (a != null && a.port().isEmpty() && !buses.containsKey(a.bus())) {
                throw FakeErrors.xmlError(name, "USB bus " + a.bus() + " requested but no controller with that index "
                        + "is present");
            }
        }
    }

    /** The address as the parser reads it; empty when the fake leaves it alone (a number it does not read). */
    private static Optional<UsbAddress> parse(String name, XmlElement a) {
        String bus = a.attribute("bus").orElse("0");
        if (!bus.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        List<Integer> port = new ArrayList<>();
        String text = a.attribute("port").orElse(null);
        if (text != null) {
            String[] parts = text.split("\\.", -1);
            if (parts.length > 4 || !List.of(parts).stream().allMatch(p -> p.matches("[0-9]{1,9}"))) {
                throw FakeErrors.deviceInternal(name, "Cannot parse <address> 'port' attribute");
            }
            List.of(parts).forEach(p -> port.add(Integer.parseInt(p)));
            while (!port.isEmpty() && last(port) == 0) {
                port.remove(port.size() - 1);
            }
            if (port.contains(0)) {
                return Optional.empty(); // a 0 inside the path: libvirt's walk is undefined there
            }
        }
        return Optional.of(new UsbAddress(Integer.parseInt(bus), List.copyOf(port)));
    }

    /**
     * The root hubs of the USB controllers by index (virDomainUSBAddressSetAddControllers), with the implicit
     * controller 0 libvirt adds to a PC without one; null when the fake cannot tell the ports (an unknown model,
     * USB disabled, an index left to libvirt).
     */
    private static Map<Integer, Hub> buses(String name, GuestMachine g) {
        Map<Integer, Hub> buses = new HashMap<>();
        boolean index0 = false;
        for (XmlElement c : g.devices("controller")) {
            if (!"usb".equals(c.attribute("type").orElse(""))) {
                continue;
            }
            String index = c.attribute("index").orElse("");
            if (!index.matches("[0-9]{1,9}")) {
                return null; // an index libvirt assigns itself
            }
            int idx = Integer.parseInt(index);
            index0 |= idx == 0;
            int ports = ports(c);
            if (ports < 0) {
                return null;
            }
            if (ports == 0) {
                continue;
            }
            if (buses.containsKey(idx)) {
                throw FakeErrors.xmlError(name, "Duplicate USB controllers with index " + idx);
            }
            buses.put(idx, new Hub(ports));
        }
        if (!index0) {
            buses.put(0, new Hub(g.isQ35() ? 4 : 2));
        }
        return buses;
    }

    /** virDomainUSBAddressControllerModelToPorts; -1 for what the fake does not model. */
    private static int ports(XmlElement controller) {
        String model = controller.attribute("model").orElse("piix3-uhci");
        return switch (model) {
            case "piix3-uhci", "piix4-uhci", "vt82c686b-uhci" -> 2;
            case "ehci", "ich9-ehci1" -> 6;
            case "ich9-uhci1", "ich9-uhci2", "ich9-uhci3" -> 0;
            case "pci-ohci" -> 3;
            case "nec-xhci", "qemu-xhci" -> {
                String ports = controller.attribute("ports").orElse("4");
                yield ports.matches("[0-9]{1,4}") ? Integer.parseInt(ports) : -1;
            }
            default -> -1; // none disables USB; qusb1/2 are refused
        };
    }

    /** virDomainUSBDeviceDefForeach's devices but hubs, in its order. */
    private static List<XmlElement> usbDevices(GuestMachine g) {
        List<XmlElement> found = new ArrayList<>();
        g.devices("hostdev").stream().filter(h -> "usb".equals(h.attribute("type").orElse(""))).forEach(found::add);
        g.devices("disk").stream().filter(d -> "usb".equals(GuestMachine.childAttribute(d, "target", "bus").orElse("")))
                .forEach(found::add);
        g.devices("controller").stream().filter(c -> "ccid".equals(c.attribute("type").orElse(""))).forEach(found::add);
        g.devices("input").stream().filter(i -> UsbRules.inputBus(g, i).equals("usb")).forEach(found::add);
        g.devices("serial").stream().filter(s -> "usb-serial".equals(GuestMachine.childAttribute(s, "target", "type")
                .orElse(""))).forEach(found::add);
        g.devices("sound").stream().filter(s -> "usb".equals(s.attribute("model").orElse(""))).forEach(found::add);
        g.devices("redirdev").stream().filter(r -> "usb".equals(r.attribute("bus").orElse("usb"))).forEach(found::add);
        return found;
    }

    /** virDomainUSBAddressFindPort: the hub whose last port the address names. */
    private static Hub findPort(String name, Map<Integer, Hub> buses, UsbAddress a) {
        Hub hub = buses.get(a.bus());
        if (hub == null) {
            throw FakeErrors.xmlError(name, "Missing USB bus " + a.bus());
        }
        List<Integer> port = a.port();
        for (int i = 0; i < port.size() - 1; i++) {
            int index = port.get(i) - 1;
            if (hub.hubs.length <= index) {
                throw FakeErrors.xmlError(name, "port " + port.get(i) + " out of range in USB address bus: " + a.bus()
                        + " port: " + a.portText());
            }
            hub = hub.hubs[index];
            if (hub == null) {
                throw FakeErrors.xmlError(name, "there is no hub at port " + port.get(i) + " in USB address bus: "
                        + a.bus() + " port: " + a.portText());
            }
        }
        if (last(port) - 1 >= hub.used.length) {
            throw FakeErrors.xmlError(name, "requested USB port " + a.portText() + " not present on USB bus " + a.bus());
        }
        return hub;
    }

    private static int last(List<Integer> port) {
        return port.get(port.size() - 1);
    }
}
