package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <disk type device>}: a disk, CD-ROM, floppy or LUN: its storage (source), its I/O tuning
 * (driver), where the guest sees it (target bus and name, address) and boot order.
 */
public final class Disk extends Device {
    static final String NAME = "disk";
    static final List<String> ORDER = List.of("driver", "source", "backingStore", "target", "iotune", "boot",
            "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product", "encryption", "alias",
            "address");
    private final String type;
    private final String device;
    private final DiskDriver driver;
    private final DiskSource source;
    private final String targetDev;
    private final String targetBus;
    private final int bootOrder;
    private final boolean readonly;
    private final boolean shareable;
    private final String serial;
    private final IoTune iotune;

    private Disk(ElementReader r) {
        super(r);
        type = r.attr("type");
        device = r.attr("device");
        driver = r.child("driver", DiskDriver::read);
        source = r.child("source", DiskSource::read);
        ElementReader t = r.sub("target");
        targetDev = t.attr("dev");
        targetBus = t.attr("bus");
        t.done();
        bootOrder = r.bootOrder();
        readonly = r.flag("readonly");
        shareable = r.flag("shareable");
        serial = r.childText("serial");
        iotune = r.child(IoTune.NAME, IoTune::read);
    }

    static Disk read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Disk(r));
    }

    /** A new disk of the given type and device. */
    public static Builder builder(DiskType type, DiskDevice device) {
        return new Builder(XmlElement.builder(NAME)).type(type).device(device);
    }

    /** A builder holding this disk, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The storage type. */
    public Optional<DiskType> type() {
        return XmlEnum.lookup(DiskType.class, type);
    }

    /** The storage type as written. */
    public Optional<String> typeAsString() {
        return Optional.ofNullable(type);
    }

    /** How the guest sees it; libvirt's default is disk. */
    public Optional<DiskDevice> device() {
        return XmlEnum.lookup(DiskDevice.class, device);
    }

    /** The driver (format and I/O tuning). */
    public Optional<DiskDriver> driver() {
        return Optional.ofNullable(driver);
    }

    /** The storage source. */
    public Optional<DiskSource> source() {
        return Optional.ofNullable(source);
    }

    /** The guest device name, e.g. {@code sda}, {@code vda}. */
    public Optional<String> targetDev() {
        return Optional.ofNullable(targetDev);
    }

    /** The bus. */
    public Optional<DiskBus> targetBus() {
        return XmlEnum.lookup(DiskBus.class, targetBus);
    }

    /** The bus as written. */
    public Optional<String> targetBusAsString() {
        return Optional.ofNullable(targetBus);
    }

    /** The per-device boot order. */
    public OptionalInt bootOrder() {
        return Opt.of(bootOrder);
    }

    /** {@code <readonly/>}. */
    public boolean readonly() {
        return readonly;
    }

    /** {@code <shareable/>}. */
    public boolean shareable() {
        return shareable;
    }

    /** {@code <serial>}. */
    public Optional<String> serial() {
        return Optional.ofNullable(serial);
    }

    /** {@code <iotune>}: QEMU's throttling of this disk. */
    public Optional<IoTune> iotune() {
        return Optional.ofNullable(iotune);
    }

    /** Builds or edits a {@link Disk}. */
    public static final class Builder extends ModelBuilder<Builder, Disk> {
        Builder(XmlElement.Builder xml) {
            super(xml, Disk::read, ORDER);
        }

        /** Sets the storage type. */
        public Builder type(DiskType value) {
            return attribute("type", value);
        }

        /** Sets the device kind. */
        public Builder device(DiskDevice value) {
            return attribute("device", value);
        }

        /** Sets the driver (null removes it). */
        public Builder driver(DiskDriver value) {
            return child("driver", value);
        }

        /** Sets the source (null removes it). */
        public Builder source(DiskSource value) {
            return child("source", value);
        }

        /** Sets the guest device name and bus. */
        public Builder target(String dev, DiskBus bus) {
            return childAttributes("target", "dev", dev, "bus", bus);
        }

        /** Sets the boot order (null removes it). */
        public Builder bootOrder(Integer order) {
            return attributeChild("boot", "order", order);
        }

        /** Adds or removes {@code <readonly/>}. */
        public Builder readonly(boolean on) {
            return flag("readonly", on);
        }

        /** Adds or removes {@code <shareable/>}. */
        public Builder shareable(boolean on) {
            return flag("shareable", on);
        }

        /** Sets {@code <serial>} (null removes it). */
        public Builder serial(String value) {
            return textChild("serial", value);
        }

        /** Sets {@code <iotune>} (null removes it). */
        public Builder iotune(IoTune value) {
            return child(IoTune.NAME, value);
        }

        /** Sets the guest address (null removes it). */
        public Builder address(DeviceAddress value) {
            return child("address", value);
        }
    }
}
