package io.virtforge.build;

import io.virtforge.model.CacheMode;
import io.virtforge.model.Clock;
import io.virtforge.model.Controller;
import io.virtforge.model.DiscardMode;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskType;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.Features;
import io.virtforge.model.IoMode;
import io.virtforge.model.LifecycleAction;
import io.virtforge.model.Memballoon;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link DomainBuilder} fills in that the caller did not say: the builder's whole defaults policy, in one
 * immutable, replaceable object (the model itself has no defaults). {@link #standard()} is the policy the
 * builder has always had, after the seed's production tuning checklist:
 *
 * <ul>
 *   <li>domain: type kvm; an x86_64 q35 machine; ACPI and APIC (without ACPI a guest cannot be shut down
 *       gracefully); clock utc; destroy on power-off and crash, restart on reboot; a pty serial console;</li>
 *   <li>disks: virtio-blk, cache none, io native, discard unmap; qcow2 for files, raw for block devices;</li>
 *   <li>NICs: virtio with vhost-net and one queue pair per vCPU;</li>
 *   <li>a virtio-scsi controller (one queue per vCPU, the I/O thread of its disks) when a disk needs one;</li>
 *   <li>the balloon off when memory is huge-page backed or locked (it cannot reclaim such memory);</li>
 *   <li>every I/O thread a disk (or a pin) names declared.</li>
 * </ul>
 *
 * <p>Change some with {@link #toBuilder()} ({@code BuilderDefaults.standard().toBuilder().diskCache(CacheMode.WRITEBACK)
 * .build()}) and hand the result to {@link DomainBuilder#named(String, BuilderDefaults)} or
 * {@link DomainBuilder#defaults(BuilderDefaults)}. The domain-wide defaults apply to new domains only (an edited
 * domain keeps what it has); the device defaults to the disks and NICs the builder adds, where a
 * {@link DiskSpec} or {@link NicSpec} can still say otherwise. Values that may be absent (a cache mode, an I/O
 * mode...) are left to the hypervisor's own default when null.
 */
public final class BuilderDefaults {
    private static final BuilderDefaults STANDARD = builder().build();

    private final DomainType type;
    private final String arch;
    private final String machine;
    private final boolean acpi;
    private final boolean apic;
    private final String clockOffset;
    private final LifecycleAction onPoweroff;
    private final LifecycleAction onReboot;
    private final LifecycleAction onCrash;
    private final boolean console;
    private final DiskBus diskBus;
    private final CacheMode diskCache;
    private final IoMode diskIo;
    private final DiscardMode diskDiscard;
    private final String fileFormat;
    private final String blockFormat;
    private final String nicModel;
    private final boolean nicVhost;
    private final Integer nicQueues;
    private final boolean scsiController;
    private final Integer scsiQueues;
    private final boolean balloonOffWhenPinned;
    private final boolean declareDiskIothreads;

    private BuilderDefaults(Builder b) {
        type = b.type;
        arch = b.arch;
        machine = b.machine;
        acpi = b.acpi;
        apic = b.apic;
        clockOffset = b.clockOffset;
        onPoweroff = b.onPoweroff;
        onReboot = b.onReboot;
        onCrash = b.onCrash;
        console = b.console;
        diskBus = b.diskBus;
        diskCache = b.diskCache;
        diskIo = b.diskIo;
        diskDiscard = b.diskDiscard;
        fileFormat = b.fileFormat;
        blockFormat = b.blockFormat;
        nicModel = b.nicModel;
        nicVhost = b.nicVhost;
        nicQueues = b.nicQueues;
        scsiController = b.scsiController;
        scsiQueues = b.scsiQueues;
        balloonOffWhenPinned = b.balloonOffWhenPinned;
        declareDiskIothreads = b.declareDiskIothreads;
    }

    /** The builder's standard policy (see the class comment). */
    public static BuilderDefaults standard() {
        return STANDARD;
    }

    /** A builder starting from the standard policy. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these defaults. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // ------------------------------------------------------------------ the domain

    /** The hypervisor type of a new domain (kvm). */
    public DomainType type() {
        return type;
    }

    /** The architecture of a new domain (x86_64). */
    public String arch() {
        return arch;
    }

    /** The machine type of a new domain (q35). */
    public String machine() {
        return machine;
    }

    /** Whether a new domain gets ACPI (yes). */
    public boolean acpi() {
        return acpi;
    }

    /** Whether a new domain gets the APIC (yes). */
    public boolean apic() {
        return apic;
    }

    /** The clock offset of a new domain (utc); empty: no {@code <clock>}. */
    public Optional<String> clockOffset() {
        return Optional.ofNullable(clockOffset);
    }

    /** What a new domain does on power-off (destroy); empty: libvirt's default. */
    public Optional<LifecycleAction> onPoweroff() {
        return Optional.ofNullable(onPoweroff);
    }

    /** What a new domain does on reboot (restart); empty: libvirt's default. */
    public Optional<LifecycleAction> onReboot() {
        return Optional.ofNullable(onReboot);
    }

    /** What a new domain does on a crash (destroy); empty: libvirt's default. */
    public Optional<LifecycleAction> onCrash() {
        return Optional.ofNullable(onCrash);
    }

    /** Whether a new domain gets a pty serial console (yes). */
    public boolean console() {
        return console;
    }

    // ------------------------------------------------------------------ disks

    /** The bus of a disk (virtio-blk). */
    public DiskBus diskBus() {
        return diskBus;
    }

    /** The cache mode of a disk (none); empty: the hypervisor's default. */
    public Optional<CacheMode> diskCache() {
        return Optional.ofNullable(diskCache);
    }

    /** The I/O mode of a disk (native); empty: the hypervisor's default. */
    public Optional<IoMode> diskIo() {
        return Optional.ofNullable(diskIo);
    }

    /** The discard mode of a disk (unmap); empty: no discard attribute. */
    public Optional<DiscardMode> diskDiscard() {
        return Optional.ofNullable(diskDiscard);
    }

    /** The format of a disk of this type whose format is not given: raw for block devices, else qcow2. */
    public String diskFormat(DiskType diskType) {
        return diskType == DiskType.BLOCK ? blockFormat : fileFormat;
    }

    // ------------------------------------------------------------------ NICs

    /** The model of a NIC (virtio). */
    public String nicModel() {
        return nicModel;
    }

    /** Whether a virtio NIC asks for vhost-net (yes). */
    public boolean nicVhost() {
        return nicVhost;
    }

    /** A fixed number of queue pairs per NIC; empty (the standard): one per vCPU. */
    public OptionalInt nicQueues() {
        return nicQueues == null ? OptionalInt.empty() : OptionalInt.of(nicQueues);
    }

    // ------------------------------------------------------------------ controllers, balloon, I/O threads

    /** Whether a virtio-scsi controller is added when a disk on the SCSI bus needs one (yes). */
    public boolean scsiController() {
        return scsiController;
    }

    /** A fixed number of request queues for that controller; empty (the standard): one per vCPU. */
    public OptionalInt scsiQueues() {
        return scsiQueues == null ? OptionalInt.empty() : OptionalInt.of(scsiQueues);
    }

    /** Whether a new domain with huge pages or locked memory gets {@code <memballoon model='none'/>} (yes). */
    public boolean balloonOffWhenPinned() {
        return balloonOffWhenPinned;
    }

    /** Whether every I/O thread a disk or a pin names is declared (yes). */
    public boolean declareDiskIothreads() {
        return declareDiskIothreads;
    }

    // ------------------------------------------------------------------ applying (for DomainBuilder)

    /** Sets the default features on a new domain. */
    void applyFeatures(Domain.Builder b) {
        if (acpi || apic) {
            b.features(Features.builder().acpi(acpi).apic(apic).build());
        }
    }

    /** Sets the default clock and lifecycle actions on a new domain. */
    void applyClockAndLifecycle(Domain.Builder b) {
        if (clockOffset != null) {
            b.clock(Clock.of(clockOffset, List.of()));
        }
        if (onPoweroff != null) {
            b.onPoweroff(onPoweroff);
        }
        if (onReboot != null) {
            b.onReboot(onReboot);
        }
        if (onCrash != null) {
            b.onCrash(onCrash);
        }
    }

    /** The virtio-scsi controller the builder adds, if the policy adds one. */
    Optional<Controller> scsiControllerFor(int vcpuCount, Integer explicitQueues, Integer iothread) {
        if (!scsiController) {
            return Optional.empty();
        }
        int queues = explicitQueues != null ? explicitQueues : scsiQueues != null ? scsiQueues : vcpuCount;
        return Optional.of(Controller.virtioScsi(0).queues(queues).iothread(iothread).build());
    }

    /** The balloon a new domain gets, if any. */
    Optional<Memballoon> balloonFor(boolean pinnedMemory) {
        return balloonOffWhenPinned && pinnedMemory ? Optional.of(Memballoon.of("none", null)) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuilderDefaults d && fields().equals(d.fields());
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    @Override
    public String toString() {
        return "BuilderDefaults" + fields();
    }

    private List<Object> fields() {
        return java.util.Arrays.asList(type, arch, machine, acpi, apic, clockOffset, onPoweroff, onReboot, onCrash,
                console, diskBus, diskCache, diskIo, diskDiscard, fileFormat, blockFormat, nicModel, nicVhost, nicQueues,
                scsiController, scsiQueues, balloonOffWhenPinned, declareDiskIothreads);
    }

    /** Builds {@link BuilderDefaults}; starts from the standard policy. */
    public static final class Builder {
        private DomainType type = DomainType.KVM;
        private String arch = "x86_64";
        private String machine = "q35";
        private boolean acpi = true;
        private boolean apic = true;
        private String clockOffset = "utc";
        private LifecycleAction onPoweroff = LifecycleAction.DESTROY;
        private LifecycleAction onReboot = LifecycleAction.RESTART;
        private LifecycleAction onCrash = LifecycleAction.DESTROY;
        private boolean console = true;
        private DiskBus diskBus = DiskBus.VIRTIO;
        private CacheMode diskCache = CacheMode.NONE;
        private IoMode diskIo = IoMode.NATIVE;
        private DiscardMode diskDiscard = DiscardMode.UNMAP;
        private String fileFormat = "qcow2";
        private String blockFormat = "raw";
        private String nicModel = "virtio";
        private boolean nicVhost = true;
        private Integer nicQueues;
        private boolean scsiController = true;
        private Integer scsiQueues;
        private boolean balloonOffWhenPinned = true;
        private boolean declareDiskIothreads = true;

        private Builder() {
        }

        private Builder(BuilderDefaults d) {
            type = d.type;
            arch = d.arch;
            machine = d.machine;
            acpi = d.acpi;
            apic = d.apic;
            clockOffset = d.clockOffset;
            onPoweroff = d.onPoweroff;
            onReboot = d.onReboot;
            onCrash = d.onCrash;
            console = d.console;
            diskBus = d.diskBus;
            diskCache = d.diskCache;
            diskIo = d.diskIo;
            diskDiscard = d.diskDiscard;
            fileFormat = d.fileFormat;
            blockFormat = d.blockFormat;
            nicModel = d.nicModel;
            nicVhost = d.nicVhost;
            nicQueues = d.nicQueues;
            scsiController = d.scsiController;
            scsiQueues = d.scsiQueues;
            balloonOffWhenPinned = d.balloonOffWhenPinned;
            declareDiskIothreads = d.declareDiskIothreads;
        }

        /** The hypervisor type of a new domain. */
        public Builder type(DomainType value) {
            type = Objects.requireNonNull(value, "type");
            return this;
        }

        /** The architecture of a new domain. */
        public Builder arch(String value) {
            arch = Objects.requireNonNull(value, "arch");
            return this;
        }

        /** The machine type of a new domain. */
        public Builder machine(String value) {
            machine = Objects.requireNonNull(value, "machine");
            return this;
        }

        /** ACPI and the APIC on a new domain. */
        public Builder features(boolean acpiOn, boolean apicOn) {
            acpi = acpiOn;
            apic = apicOn;
            return this;
        }

        /** The clock offset of a new domain (null: no {@code <clock>}). */
        public Builder clockOffset(String value) {
            clockOffset = value;
            return this;
        }

        /** The lifecycle actions of a new domain (null: libvirt's default). */
        public Builder lifecycle(LifecycleAction poweroff, LifecycleAction reboot, LifecycleAction crash) {
            onPoweroff = poweroff;
            onReboot = reboot;
            onCrash = crash;
            return this;
        }

        /** Whether a new domain gets a pty serial console. */
        public Builder console(boolean on) {
            console = on;
            return this;
        }

        /** The bus of a disk. */
        public Builder diskBus(DiskBus value) {
            diskBus = Objects.requireNonNull(value, "diskBus");
            return this;
        }

        /** The cache mode of a disk (null: the hypervisor's default). */
        public Builder diskCache(CacheMode value) {
            diskCache = value;
            return this;
        }

        /** The I/O mode of a disk (null: the hypervisor's default). */
        public Builder diskIo(IoMode value) {
            diskIo = value;
            return this;
        }

        /** The discard mode of a disk (null: no discard attribute). */
        public Builder diskDiscard(DiscardMode value) {
            diskDiscard = value;
            return this;
        }

        /** The format of disks given no format: for files and volumes, and for block devices. */
        public Builder diskFormats(String files, String blockDevices) {
            fileFormat = Objects.requireNonNull(files, "files");
            blockFormat = Objects.requireNonNull(blockDevices, "blockDevices");
            return this;
        }

        /** The model of a NIC, and whether a virtio NIC asks for vhost-net. */
        public Builder nicModel(String model, boolean vhost) {
            nicModel = Objects.requireNonNull(model, "model");
            nicVhost = vhost;
            return this;
        }

        /** A fixed number of queue pairs per NIC. */
        public Builder nicQueues(int queues) {
            if (queues < 1) {
                throw new IllegalArgumentException("NIC queues " + queues);
            }
            nicQueues = queues;
            return this;
        }

        /** One queue pair per vCPU (the standard). */
        public Builder nicQueuesPerVcpu() {
            nicQueues = null;
            return this;
        }

        /** Whether a virtio-scsi controller is added when a disk needs one. */
        public Builder scsiController(boolean add) {
            scsiController = add;
            return this;
        }

        /** A fixed number of request queues for the virtio-scsi controller. */
        public Builder scsiQueues(int queues) {
            if (queues < 1) {
                throw new IllegalArgumentException("SCSI queues " + queues);
            }
            scsiQueues = queues;
            return this;
        }

        /** One request queue per vCPU (the standard). */
        public Builder scsiQueuesPerVcpu() {
            scsiQueues = null;
            return this;
        }

        /** Whether the balloon is turned off on huge-page backed or locked memory. */
        public Builder balloonOffWhenPinned(boolean off) {
            balloonOffWhenPinned = off;
            return this;
        }

        /** Whether every I/O thread a disk or a pin names is declared. */
        public Builder declareDiskIothreads(boolean declare) {
            declareDiskIothreads = declare;
            return this;
        }

        /** The defaults. */
        public BuilderDefaults build() {
            return new BuilderDefaults(this);
        }
    }
}
