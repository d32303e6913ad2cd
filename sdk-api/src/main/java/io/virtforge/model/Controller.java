package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <controller type index model>}: a bus controller (scsi, virtio-serial, pci, usb, sata...),
 * with its driver tuning ({@code <driver queues iothread iommu/>}).
 */
public final class Controller extends Device {
    static final String NAME = "controller";
    static final List<String> ORDER = List.of("model", "target", "driver", "alias", "address");
    private final String type;
    private final int index;
    private final String model;
    private final int ports;
    private final int vectors;
    private final int driverQueues;
    private final int driverIothread;
    private final Boolean driverIommu;
    private final int driverCmdPerLun;
    private final int driverMaxSectors;

    private Controller(ElementReader r) {
        super(r);
        type = r.requiredAttr("type");
        index = r.uint("index");
        model = r.attr("model");
        ports = r.uint("ports");
        vectors = r.uint("vectors");
        ElementReader d = r.sub("driver");
        driverQueues = d.uint("queues");
        driverIothread = d.uint("iothread");
        driverIommu = d.bool("iommu");
        driverCmdPerLun = d.uint("cmd_per_lun");
        driverMaxSectors = d.uint("max_sectors");
        d.done();
    }

    static Controller read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Controller(r));
    }

    /** A controller of {@code type} with {@code index}. */
    public static Builder builder(String type, int index) {
        return new Builder(XmlElement.builder(NAME)).type(type).index(index);
    }

    /** A virtio-scsi controller, the choice for I/O-heavy disks. */
    public static Builder virtioScsi(int index) {
        return builder("scsi", index).model("virtio-scsi");
    }

    /** A builder holding this controller, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** ide, fdc, scsi, sata, usb, ccid, virtio-serial, pci, xenbus, isa. */
    public String type() {
        return type;
    }

    /** The controller index (libvirt assigns one when absent). */
    public OptionalInt index() {
        return Opt.of(index);
    }

    /** The model, e.g. virtio-scsi, pcie-root-port, qemu-xhci. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** {@code ports} (virtio-serial, usb). */
    public OptionalInt ports() {
        return Opt.of(ports);
    }

    /** {@code vectors} (virtio-serial). */
    public OptionalInt vectors() {
        return Opt.of(vectors);
    }

    /** {@code <driver queues>}: virtio-scsi request queues. */
    public OptionalInt driverQueues() {
        return Opt.of(driverQueues);
    }

    /** {@code <driver iothread>}: the I/O thread serving the controller. */
    public OptionalInt driverIothread() {
        return Opt.of(driverIothread);
    }

    /** {@code <driver iommu>}: the device uses the guest IOMMU. */
    public Optional<Boolean> driverIommu() {
        return Optional.ofNullable(driverIommu);
    }

    /** {@code <driver cmd_per_lun>}. */
    public OptionalInt driverCmdPerLun() {
        return Opt.of(driverCmdPerLun);
    }

    /** {@code <driver max_sectors>}. */
    public OptionalInt driverMaxSectors() {
        return Opt.of(driverMaxSectors);
    }

    /** Builds or edits a {@link Controller}. */
    public static final class Builder extends ModelBuilder<Builder, Controller> {
        Builder(XmlElement.Builder xml) {
            super(xml, Controller::read, ORDER);
        }

        /** Sets the type. */
        public Builder type(String value) {
            return attribute("type", value);
        }

        /** Sets the index (null removes it). */
        public Builder index(Integer value) {
            return attribute("index", value);
        }

        /** Sets the model (null removes it). */
        public Builder model(String value) {
            return attribute("model", value);
        }

        /** Sets {@code <driver queues>} (null removes the attribute). */
        public Builder queues(Integer n) {
            return childAttributes("driver", "queues", n);
        }

        /** Sets {@code <driver iothread>} (null removes the attribute). */
        public Builder iothread(Integer id) {
            return childAttributes("driver", "iothread", id);
        }

        /** Sets the guest address (null removes it). */
        public Builder address(DeviceAddress value) {
            return child("address", value);
        }
    }
}
