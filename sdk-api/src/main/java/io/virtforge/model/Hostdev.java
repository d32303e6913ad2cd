package io.virtforge.model;

import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <hostdev mode='subsystem' type managed>}: a host device passed to the guest: a PCI function
 * through VFIO (GPU, NIC, NVMe, an SR-IOV VF), a mediated device (mdev), a USB device or a SCSI LUN.
 */
public final class Hostdev extends Device {
    static final String NAME = "hostdev";
    static final List<String> ORDER = List.of("driver", "source", "boot", "rom", "readonly", "shareable", "alias",
            "address");
    private final String mode;
    private final String type;
    private final Boolean managed;
    private final String model;
    private final PciAddress sourcePci;
    private final String mdevUuid;
    private final String usbVendor;
    private final String usbProduct;
    private final int usbBus;
    private final int usbDevice;
    private final String scsiAdapter;
    private final int scsiBus;
    private final int scsiTarget;
    private final int scsiUnit;
    private final String driverName;
    private final String driverModel;
    private final Boolean romBar;
    private final String romFile;
    private final Boolean romEnabled;
    private final int bootOrder;
    private final boolean readonly;
    private final boolean shareable;

    private Hostdev(ElementReader r) {
        super(r);
        mode = r.attr("mode");
        type = r.attr("type");
        managed = r.bool("managed");
        model = r.attr("model");
        String t = type == null ? "" : type;
        ElementReader s = r.sub("source");
        ElementReader a = s.sub("address");
        sourcePci = t.equals("pci") && !a.absent() ? PciAddresses.read(a) : null;
        mdevUuid = t.equals("mdev") ? a.attr("uuid") : null;
        usbBus = t.equals("usb") ? a.uint("bus") : -1;
        usbDevice = t.equals("usb") ? a.uint("device") : -1;
        scsiBus = t.equals("scsi") ? a.uint("bus") : -1;
        scsiTarget = t.equals("scsi") ? a.uint("target") : -1;
        scsiUnit = t.equals("scsi") ? a.uint("unit") : -1;
        a.done();
        usbVendor = s.childAttr("vendor", "id", x -> x);
        usbProduct = s.childAttr("product", "id", x -> x);
        scsiAdapter = s.childAttr("adapter", "name", x -> x);
        s.done();
        // libvirt 10.0 made <driver name> optional and added model, the host driver to bind (vfio-pci-igb)
        ElementReader driver = r.sub("driver");
        driverName = driver.attr("name");
        driverModel = driver.attr("model");
        driver.done();
        ElementReader rom = r.sub("rom");
        romBar = rom.bool("bar");
        romFile = rom.attr("file");
        romEnabled = rom.bool("enabled");
        rom.done();
        bootOrder = r.bootOrder();
        readonly = r.flag("readonly");
        shareable = r.flag("shareable");
    }

    static Hostdev read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Hostdev(r));
    }

    /**
     * A PCI function passed through with VFIO. {@code managed}: libvirt detaches it from its host
     * driver and binds it to vfio-pci at start, and gives it back at stop.
     */
    public static Builder pci(PciAddress address, boolean managed) {
        XmlElement source = XmlElement.builder("source").add(XmlElement.builder("address")
                .attribute("domain", address.xmlDomain()).attribute("bus", address.xmlBus())
                .attribute("slot", address.xmlSlot()).attribute("function", address.xmlFunction()).build()).build();
        return new Builder(XmlElement.builder(NAME)).attribute("mode", "subsystem").attribute("type", "pci")
                .attribute("managed", managed).element(source);
    }

    /**
     * A mediated device ({@code <hostdev mode='subsystem' type='mdev' model>} with its UUID as
     * {@code <source><address uuid>}); {@code model} is its type's device API: {@code vfio-pci},
     * {@code vfio-ccw} or {@code vfio-ap}.
     */
    public static Builder mdev(java.util.UUID uuid, String model) {
        XmlElement source = XmlElement.builder("source").add(XmlElement.builder("address")
                .attribute("uuid", uuid.toString()).build()).build();
        return new Builder(XmlElement.builder(NAME)).attribute("mode", "subsystem").attribute("type", "mdev")
                .attribute("model", model).element(source);
    }

    /** A builder holding this hostdev, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** subsystem or capabilities. */
    public Optional<String> mode() {
        return Optional.ofNullable(mode);
    }

    /** pci, mdev, usb, scsi, scsi_host. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** {@code managed}: libvirt binds the device to vfio-pci itself. */
    public Optional<Boolean> managed() {
        return Optional.ofNullable(managed);
    }

    /** The mdev model: vfio-pci, vfio-ccw, vfio-ap. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** The host PCI address (type pci). */
    public Optional<PciAddress> sourcePci() {
        return Optional.ofNullable(sourcePci);
    }

    /** The mediated device's UUID (type mdev). */
    public Optional<String> mdevUuid() {
        return Optional.ofNullable(mdevUuid);
    }

    /** USB vendor id (type usb). */
    public Optional<String> usbVendor() {
        return Optional.ofNullable(usbVendor);
    }

    /** USB product id (type usb). */
    public Optional<String> usbProduct() {
        return Optional.ofNullable(usbProduct);
    }

    /** USB bus (type usb). */
    public OptionalInt usbBus() {
        return Opt.of(usbBus);
    }

    /** USB device number (type usb). */
    public OptionalInt usbDevice() {
        return Opt.of(usbDevice);
    }

    /** SCSI host adapter name (type scsi). */
    public Optional<String> scsiAdapter() {
        return Optional.ofNullable(scsiAdapter);
    }

    /** SCSI bus (type scsi). */
    public OptionalInt scsiBus() {
        return Opt.of(scsiBus);
    }

    /** SCSI target (type scsi). */
    public OptionalInt scsiTarget() {
        return Opt.of(scsiTarget);
    }

    /** SCSI unit (type scsi). */
    public OptionalInt scsiUnit() {
        return Opt.of(scsiUnit);
    }

    /** {@code <driver name>}: vfio (or kvm, xen); libvirt 10.0 and later leave it out. */
    public Optional<String> driverName() {
        return Optional.ofNullable(driverName);
    }

    /**
     * {@code <driver model>}: the VFIO variant driver libvirt binds the device to on the host, e.g.
     * {@code vfio-pci-igb} (libvirt 10.0 and later; libvirt picks the best match when absent).
     */
    public Optional<String> driverModel() {
        return Optional.ofNullable(driverModel);
    }

    /** {@code <rom bar>}. */
    public Optional<Boolean> romBar() {
        return Optional.ofNullable(romBar);
    }

    /** {@code <rom file>}. */
    public Optional<String> romFile() {
        return Optional.ofNullable(romFile);
    }

    /** {@code <rom enabled>}. */
    public Optional<Boolean> romEnabled() {
        return Optional.ofNullable(romEnabled);
    }

    /** The per-device boot order. */
    public OptionalInt bootOrder() {
        return Opt.of(bootOrder);
    }

    /** {@code <readonly/>} (scsi). */
    public boolean readonly() {
        return readonly;
    }

    /** {@code <shareable/>} (scsi). */
    public boolean shareable() {
        return shareable;
    }

    /** Builds or edits a {@link Hostdev}. */
    public static final class Builder extends ModelBuilder<Builder, Hostdev> {
        Builder(XmlElement.Builder xml) {
            super(xml, Hostdev::read, ORDER);
        }

        /** Sets {@code managed}. */
        public Builder managed(boolean value) {
            return attribute("managed", value);
        }

        /** Sets {@code <driver name>} (null removes it, and the {@code <driver>} when nothing is left). */
        public Builder driverName(String value) {
            return driverAttribute("name", value);
        }

        /**
         * Sets {@code <driver model>}, the host VFIO variant driver (libvirt 10.0 and later; null removes
         * it, and the {@code <driver>} when nothing is left).
         */
        public Builder driverModel(String value) {
            return driverAttribute("model", value);
        }

        private Builder driverAttribute(String attribute, String value) {
            childAttributes("driver", attribute, value);
            // an empty <driver/> says nothing, and libvirt before 10.0 refuses it
            if (xml.element("driver").filter(d -> d.attributeCount() == 0 && d.childCount() == 0).isPresent()) {
                xml.removeElements("driver");
            }
            return this;
        }

        /** Sets the boot order (null removes it). */
        public Builder bootOrder(Integer order) {
            return attributeChild("boot", "order", order);
        }

        /** Sets {@code <rom bar>} (null removes the attribute). */
        public Builder romBar(Boolean on) {
            return childAttributes("rom", "bar", on == null ? null : on ? "on" : "off");
        }

        /** Sets the guest address (null removes it). */
        public Builder address(DeviceAddress value) {
            return child("address", value);
        }
    }
}
