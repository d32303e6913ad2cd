package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <devices>}: the emulator path and every device, in document order. Typed accessors filter by
 * kind; {@link #all()} also holds devices the SDK does not type ({@link UnknownDevice}).
 */
public final class Devices extends XmlModel {
    static final String NAME = "devices";
    /** libvirt's own order of device kinds, used to place new devices. */
    static final List<String> ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem", "interface",
            "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics", "sound", "audio",
            "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng", "nvram", "panic",
            "shmem", "memory", "iommu", "vsock", "crypto");
    private static final Devices EMPTY = new Devices(XmlElement.builder(NAME).build(), null, List.of());

    private final String emulator;
    private final List<Device> all;

    private Devices(XmlElement xml, String emulator, List<Device> all) {
        super(xml);
        this.emulator = emulator;
        this.all = all;
    }

    static Devices read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        String emulator = r.childText("emulator");
        List<Device> devices = new ArrayList<>(e.childCount());
        for (int i = 0, n = e.childCount(); i < n; i++) {
            XmlNode node = e.child(i);
            if (node instanceof XmlElement d && !d.hasName("emulator")) {
                ModelReader<? extends Device> reader = readerFor(d.name());
                if (reader != null) {
                    r.typed(d.name());
                } else {
                    reader = UnknownDevice::read;
                }
                devices.add(reader.read(d, c));
            }
        }
        return r.done(new Devices(e, emulator == null ? null : emulator.trim(), List.copyOf(devices)));
    }

    static Device readDevice(XmlElement e, ParseContext c) {
        ModelReader<? extends Device> reader = readerFor(e.name());
        return reader == null ? UnknownDevice.read(e, c) : reader.read(e, c);
    }

    private static ModelReader<? extends Device> readerFor(String name) {
        return switch (name) {
            case "disk" -> Disk::read;
            case "controller" -> Controller::read;
            case "interface" -> NetInterface::read;
            case "hostdev" -> Hostdev::read;
            case "memballoon" -> Memballoon::read;
            case "serial", "console", "channel", "parallel" -> CharDevice::read;
            case "graphics" -> Graphics::read;
            case "video" -> Video::read;
            case "input" -> Input::read;
            case "rng" -> Rng::read;
            case "watchdog" -> Watchdog::read;
            case "tpm" -> Tpm::read;
            case "iommu" -> Iommu::read;
            case "memory" -> MemoryDevice::read;
            default -> null;
        };
    }

    /** No devices. */
    public static Devices empty() {
        return EMPTY;
    }

    /** An empty device list to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding these devices, untyped ones included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The emulator binary, e.g. /usr/bin/qemu-system-x86_64. */
    public Optional<String> emulator() {
        return Optional.ofNullable(emulator);
    }

    /** Every device in document order. */
    public List<Device> all() {
        return all;
    }

    // Counted first, so the list is made at its size: the validator asks for disks and interfaces many times,
    // and a growing ArrayList copied into an immutable list was a fifth of what a validation allocated.
    private <T extends Device> List<T> ofType(Class<T> type) {
        int n = 0;
        T first = null;
        for (int i = 0, size = all.size(); i < size; i++) {
            Device d = all.get(i);
            if (type.isInstance(d)) {
                if (n++ == 0) {
                    first = type.cast(d);
                }
            }
        }
        if (n <= 1) {
            return n == 0 ? List.of() : List.of(first);
        }
        Object[] found = new Object[n];
        int k = 0;
        for (int i = 0, size = all.size(); i < size && k < n; i++) {
            Device d = all.get(i);
            if (type.isInstance(d)) {
                found[k++] = d;
            }
        }
        @SuppressWarnings("unchecked") // every element passed type.isInstance
        List<T> list = (List<T>) (List<?>) List.of(found);
        return list;
    }

    private List<CharDevice> chars(String role) {
        return ofType(CharDevice.class).stream().filter(c -> c.role().equals(role)).toList();
    }

    /** The disks. */
    public List<Disk> disks() {
        return ofType(Disk.class);
    }

    /** The controllers. */
    public List<Controller> controllers() {
        return ofType(Controller.class);
    }

    /** The network interfaces. */
    public List<NetInterface> interfaces() {
        return ofType(NetInterface.class);
    }

    /** The host devices. */
    public List<Hostdev> hostdevs() {
        return ofType(Hostdev.class);
    }

    /** The balloon. */
    public Optional<Memballoon> memballoon() {
        return ofType(Memballoon.class).stream().findFirst();
    }

    /** The serial ports. */
    public List<CharDevice> serials() {
        return chars("serial");
    }

    /** The consoles. */
    public List<CharDevice> consoles() {
        return chars("console");
    }

    /** The channels. */
    public List<CharDevice> channels() {
        return chars("channel");
    }

    /** The graphics displays. */
    public List<Graphics> graphics() {
        return ofType(Graphics.class);
    }

    /** The video adapters. */
    public List<Video> videos() {
        return ofType(Video.class);
    }

    /** The input devices. */
    public List<Input> inputs() {
        return ofType(Input.class);
    }

    /** The random number generators. */
    public List<Rng> rngs() {
        return ofType(Rng.class);
    }

    /** The watchdogs. */
    public List<Watchdog> watchdogs() {
        return ofType(Watchdog.class);
    }

    /** The TPMs. */
    public List<Tpm> tpms() {
        return ofType(Tpm.class);
    }

    /** The guest IOMMU. */
    public Optional<Iommu> iommu() {
        return ofType(Iommu.class).stream().findFirst();
    }

    /** The memory devices. */
    public List<MemoryDevice> memoryDevices() {
        return ofType(MemoryDevice.class);
    }

    /** The devices the SDK does not type. */
    public List<UnknownDevice> others() {
        return ofType(UnknownDevice.class);
    }

    /** Builds or edits {@link Devices}. */
    public static final class Builder extends ModelBuilder<Builder, Devices> {
        Builder(XmlElement.Builder xml) {
            super(xml, Devices::read, ORDER);
        }

        /** Sets the emulator binary (null removes it). */
        public Builder emulator(String path) {
            return textChild("emulator", path);
        }

        /** Adds a device after the existing devices of its kind. */
        public Builder add(Device device) {
            return addChild(device);
        }

        /** Removes every device equal to {@code device}. */
        public Builder remove(Device device) {
            List<XmlElement> keep = new ArrayList<>();
            for (XmlElement e : xml.elements(device.kind())) {
                if (!e.equals(device.xml())) {
                    keep.add(e);
                }
            }
            xml.setElements(device.kind(), keep, ORDER);
            return this;
        }

        /** Removes every device of a kind (e.g. {@code memballoon}). */
        public Builder removeAll(String kind) {
            xml.removeElements(kind);
            return this;
        }
    }
}
