package io.virtforge.build;

import io.virtforge.model.CacheMode;
import io.virtforge.model.DiscardMode;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskDriver;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.IoMode;
import io.virtforge.model.IoTune;
import java.util.List;
import java.util.Objects;

/**
 * One disk, as {@link DomainBuilder#disk} describes it. It starts from the builder's {@link BuilderDefaults}
 * (the standard ones follow the tuning checklist: a virtio-blk data disk in qcow2, raw for block devices, cache
 * none, io native, discard unmap). The guest name ({@code vda}, {@code sda}...) is chosen from the bus when not
 * given.
 */
public final class DiskSpec {
    DiskType type;
    String source;
    String pool;
    DiskDevice device = DiskDevice.DISK;
    String format;
    DiskBus bus;
    String target;
    CacheMode cache;
    IoMode io;
    DiscardMode discard;
    Integer iothread;
    Integer queues;
    boolean readonly;
    Integer bootOrder;
    String serial;
    IoTune iotune;

    private final BuilderDefaults defaults;

    DiskSpec(BuilderDefaults defaults) {
        this.defaults = defaults;
        bus = defaults.diskBus();
        cache = defaults.diskCache().orElse(null);
        io = defaults.diskIo().orElse(null);
        discard = defaults.diskDiscard().orElse(null);
    }

    /** A file on the host. */
    public DiskSpec file(String path) {
        type = DiskType.FILE;
        source = path;
        return this;
    }

    /** A host block device. */
    public DiskSpec block(String device) {
        type = DiskType.BLOCK;
        source = device;
        return this;
    }

    /** A libvirt storage volume. */
    public DiskSpec volume(String poolName, String volumeName) {
        type = DiskType.VOLUME;
        pool = poolName;
        source = volumeName;
        return this;
    }

    /** The qcow2 format. */
    public DiskSpec qcow2() {
        format = "qcow2";
        return this;
    }

    /** The raw format. */
    public DiskSpec raw() {
        format = "raw";
        return this;
    }

    /** On virtio-blk (the standard default): lowest latency, one PCI device per disk. */
    public DiskSpec virtio() {
        bus = DiskBus.VIRTIO;
        return this;
    }

    /**
     * On a virtio-scsi controller: deep queues, full TRIM/UNMAP, many disks; the choice for databases.
     * The builder adds the controller when the domain has none.
     */
    public DiskSpec virtioScsi() {
        bus = DiskBus.SCSI;
        return this;
    }

    /** On SATA (for guests without virtio drivers). */
    public DiskSpec sata() {
        bus = DiskBus.SATA;
        return this;
    }

    /** The guest device name, e.g. {@code vdb}. */
    public DiskSpec target(String dev) {
        target = dev;
        return this;
    }

    /** A CD-ROM (read-only, no tuning). */
    public DiskSpec cdrom() {
        device = DiskDevice.CDROM;
        readonly = true;
        return this;
    }

    /** cache='none' (the standard default). */
    public DiskSpec cacheNone() {
        cache = CacheMode.NONE;
        return this;
    }

    /** Another cache mode (null: the hypervisor's default). */
    public DiskSpec cache(CacheMode mode) {
        cache = mode;
        return this;
    }

    /** io='native' (the standard default). */
    public DiskSpec ioNative() {
        io = IoMode.NATIVE;
        return this;
    }

    /** Another I/O mode (null: the hypervisor's default). */
    public DiskSpec io(IoMode mode) {
        io = mode;
        return this;
    }

    /** discard='unmap' (the standard default). */
    public DiskSpec discardUnmap() {
        discard = DiscardMode.UNMAP;
        return this;
    }

    /** No discard attribute. */
    public DiskSpec noDiscard() {
        discard = null;
        return this;
    }

    /**
     * The I/O thread serving the disk. For virtio-blk it goes on the disk; for virtio-scsi on the
     * controller (QEMU refuses it on a SCSI disk). The builder declares the thread.
     */
    public DiskSpec iothread(int id) {
        iothread = id;
        return this;
    }

    /** virtio-blk queues (multiqueue). */
    public DiskSpec queues(int n) {
        queues = n;
        return this;
    }

    /** Read-only. */
    public DiskSpec readonly() {
        readonly = true;
        return this;
    }

    /** Boot from this disk, with the given order. */
    public DiskSpec bootOrder(int order) {
        bootOrder = order;
        return this;
    }

    /** A serial number the guest sees. */
    public DiskSpec serial(String value) {
        serial = value;
        return this;
    }

    /** QEMU's throttling of this disk ({@code <iotune>}), replacing limits set before. */
    public DiskSpec iotune(IoTune value) {
        iotune = Objects.requireNonNull(value, "value");
        return this;
    }

    /** Adds one sustained limit (operations or bytes per second) to the disk's {@code <iotune>}. */
    public DiskSpec limit(IoTune.Limit limit, long perSecond) {
        iotune = tune().rate(limit, perSecond).build();
        return this;
    }

    /** Adds a burst of a limit: a higher rate allowed for up to {@code seconds}. */
    public DiskSpec burst(IoTune.Limit limit, long perSecond, long seconds) {
        iotune = tune().burst(limit, perSecond).burstLength(limit, seconds).build();
        return this;
    }

    private IoTune.Builder tune() {
        return iotune == null ? IoTune.builder() : iotune.toBuilder();
    }

    /** The model's disk, on the given guest name. */
    Disk toDisk(String guestName) {
        String f = format != null ? format : defaults.diskFormat(type);
        boolean tuned = device == DiskDevice.DISK;
        DiskDriver.Builder driver = DiskDriver.builder(f);
        if (tuned) {
            driver.cache(cache).io(io).discard(discard).queues(queues);
            // QEMU takes an I/O thread on virtio-blk disks only; SCSI disks get it through the controller
            driver.iothread(bus == DiskBus.VIRTIO ? iothread : null);
        }
        DiskSource src = switch (type) {
            case BLOCK -> DiskSource.block(source);
            case VOLUME -> DiskSource.volume(pool, source);
            default -> DiskSource.file(source);
        };
        return Disk.builder(type, device).driver(driver.build()).source(src).target(guestName, bus)
                .readonly(readonly).bootOrder(bootOrder).serial(serial).iotune(iotune).build();
    }

    /** The first guest name of the bus ({@code vd*}, {@code hd*}, {@code sd*}) not taken. */
    static String nextTarget(DiskBus bus, List<String> taken) {
        String prefix = bus == DiskBus.VIRTIO ? "vd" : bus == DiskBus.IDE ? "hd" : "sd";
        for (char c = 'a'; c <= 'z'; c++) {
            if (!taken.contains(prefix + c)) {
                return prefix + c;
            }
        }
        throw new IllegalStateException("no free disk target " + prefix + "a-" + prefix + "z");
    }
}
