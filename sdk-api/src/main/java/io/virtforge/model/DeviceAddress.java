package io.virtforge.model;

import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <address type=...>}: where a device sits on the guest's buses. Typed for every address kind
 * libvirt writes: pci (with multifunction), drive, virtio-serial, ccid, usb, spapr-vio, ccw, isa,
 * dimm, virtio-mmio, unassigned.
 */
public final class DeviceAddress extends XmlModel {
    private final String type;
    private final PciAddress pci;
    private final Boolean multifunction;
    private final int controller;
    private final int bus;
    private final int target;
    private final int unit;
    private final int port;
    private final String usbPort;
    private final int slot;
    private final long base;
    private final String reg;
    private final int cssid;
    private final int ssid;
    private final int devno;
    private final int iobase;
    private final int irq;

    private DeviceAddress(ElementReader r) {
        super(r.element());
        type = r.attr("type");
        String t = type == null ? "" : type;
        boolean isPci = t.equals("pci");
        if (isPci) {
            pci = PciAddresses.read(r);
            multifunction = r.bool("multifunction");
        } else {
            pci = null;
            multifunction = null;
        }
        boolean decimalBus = t.equals("drive") || t.equals("virtio-serial") || t.equals("ccid") || t.equals("usb");
        controller = decimalBus ? r.uint("controller") : -1;
        bus = decimalBus ? r.uint("bus") : -1;
        target = t.equals("drive") ? r.uint("target") : -1;
        unit = t.equals("drive") ? r.uint("unit") : -1;
        port = t.equals("virtio-serial") ? r.uint("port") : -1;
        usbPort = t.equals("usb") ? r.attr("port") : null;
        slot = t.equals("ccid") || t.equals("dimm") ? r.uint("slot") : -1;
        base = t.equals("dimm") || t.equals("virtio-mmio") ? r.number64("base") : -1;
        reg = t.equals("spapr-vio") ? r.attr("reg") : null;
        boolean ccw = t.equals("ccw");
        cssid = ccw ? r.number("cssid") : -1;
        ssid = ccw ? r.number("ssid") : -1;
        devno = ccw ? r.number("devno") : -1;
        iobase = t.equals("isa") ? r.number("iobase") : -1;
        irq = t.equals("isa") ? r.number("irq") : -1;
    }

    static DeviceAddress read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new DeviceAddress(r));
    }

    /** A guest PCI address, written as libvirt writes it. */
    public static DeviceAddress pci(PciAddress address) {
        return Models.build("address", DeviceAddress::read, "type", "pci", "domain", address.xmlDomain(),
                "bus", address.xmlBus(), "slot", address.xmlSlot(), "function", address.xmlFunction());
    }

    /** A drive address on a disk controller. */
    public static DeviceAddress drive(int controller, int bus, int target, int unit) {
        return Models.build("address", DeviceAddress::read, "type", "drive", "controller", controller, "bus", bus,
                "target", target, "unit", unit);
    }

    /** pci, drive, virtio-serial, ccid, usb, spapr-vio, ccw, isa, dimm, virtio-mmio, unassigned. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The PCI address, for type pci. */
    public Optional<PciAddress> pci() {
        return Optional.ofNullable(pci);
    }

    /** {@code multifunction}, for type pci. */
    public Optional<Boolean> multifunction() {
        return Optional.ofNullable(multifunction);
    }

    /** Controller index (drive, virtio-serial, ccid). */
    public OptionalInt controller() {
        return Opt.of(controller);
    }

    /** Bus (drive, virtio-serial, ccid, usb). */
    public OptionalInt bus() {
        return Opt.of(bus);
    }

    /** Target (drive). */
    public OptionalInt target() {
        return Opt.of(target);
    }

    /** Unit (drive). */
    public OptionalInt unit() {
        return Opt.of(unit);
    }

    /** Port (virtio-serial). */
    public OptionalInt port() {
        return Opt.of(port);
    }

    /** Port path such as {@code 1.2} (usb). */
    public Optional<String> usbPort() {
        return Optional.ofNullable(usbPort);
    }

    /** Slot (ccid, dimm). */
    public OptionalInt slot() {
        return Opt.of(slot);
    }

    /** Base address (dimm, virtio-mmio). */
    public java.util.OptionalLong base() {
        return Opt.of(base);
    }

    /** Register (spapr-vio). */
    public Optional<String> reg() {
        return Optional.ofNullable(reg);
    }

    /** Channel subsystem id (ccw). */
    public OptionalInt cssid() {
        return Opt.of(cssid);
    }

    /** Subchannel set id (ccw). */
    public OptionalInt ssid() {
        return Opt.of(ssid);
    }

    /** Device number (ccw). */
    public OptionalInt devno() {
        return Opt.of(devno);
    }

    /** I/O base (isa). */
    public OptionalInt iobase() {
        return Opt.of(iobase);
    }

    /** IRQ (isa). */
    public OptionalInt irq() {
        return Opt.of(irq);
    }
}
