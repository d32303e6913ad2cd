package io.virtforge.build;

import io.virtforge.model.CacheMode;
import io.virtforge.model.DiscardMode;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskType;
import io.virtforge.model.IoMode;

/**
 * One disk, as {@link DomainBuilder#disk} describes it. Defaults follow the tuning checklist: a
 * virtio-blk data disk in qcow2 (raw for block devices), cache none, io native, discard unmap.
 * The guest name ({@code vda}, {@code sda}...) is chosen from the bus when not given.
 */
public final class DiskSpec {
    DiskType type;
    String source;
    String pool;
    DiskDevice device = DiskDevice.DISK;
    String format;
    DiskBus bus = DiskBus.VIRTIO;
    String target;
    CacheMode cache = CacheMode.NONE;
    IoMode io = IoMode.NATIVE;
    DiscardMode discard = DiscardMode.UNMAP;
    Integer iothread;
    Integer queues;
    boolean readonly;
    Integer bootOrder;
    String serial;

    DiskSpec() {
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

    /** On virtio-blk (the default): lowest latency, one PCI device per disk. */
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

    /** cache='none' (the default). */
    public DiskSpec cacheNone() {
        cache = CacheMode.NONE;
        return this;
    }

    /** Another cache mode (null: the hypervisor's default). */
    public DiskSpec cache(CacheMode mode) {
        cache = mode;
        return this;
    }

    /** io='native' (the default). */
    public DiskSpec ioNative() {
        io = IoMode.NATIVE;
        return this;
    }

    /** Another I/O mode (null: the hypervisor's default). */
    public DiskSpec io(IoMode mode) {
        io = mode;
        return this;
    }

    /** discard='unmap' (the default). */
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
}
