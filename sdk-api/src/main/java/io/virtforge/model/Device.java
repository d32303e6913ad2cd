package io.virtforge.model;

import java.util.Optional;

/**
 * A device of {@code <devices>}. Each kind the SDK reasons about has its own class; any other kind
 * (sound, hub, redirdev, panic, shmem, filesystem, vsock...) is an {@link UnknownDevice}, kept verbatim.
 * Every device may carry a guest {@link DeviceAddress} and a user alias.
 */
public abstract sealed class Device extends XmlModel
        permits Disk, Controller, NetInterface, Hostdev, Memballoon, CharDevice, Graphics, Video, Input, Rng,
        Watchdog, Tpm, Iommu, MemoryDevice, UnknownDevice {
    private final DeviceAddress address;
    private final String alias;

    Device(ElementReader r) {
        super(r.element());
        address = r.child("address", DeviceAddress::read);
        alias = r.childAttr("alias", "name", s -> s);
    }

    /**
     * Reads any device element: a typed device for the kinds the SDK types, an {@link UnknownDevice}
     * for the others. Throws {@link io.virtforge.xml.XmlModelException} on invalid values.
     */
    public static Device fromXml(io.virtforge.xml.XmlElement element) {
        return Devices.readDevice(element, ParseContext.create());
    }

    /** The element name, e.g. {@code disk}, {@code interface}. */
    public final String kind() {
        return xml().name();
    }

    /** The guest address. */
    public final Optional<DeviceAddress> address() {
        return Optional.ofNullable(address);
    }

    /** The alias ({@code <alias name>}), by which live operations can name the device. */
    public final Optional<String> alias() {
        return Optional.ofNullable(alias);
    }
}
