package io.virtforge.build;

import io.virtforge.check.DomainValidationException;
import io.virtforge.check.Profile;
import io.virtforge.check.Report;
import io.virtforge.check.ValidationOptions;
import io.virtforge.check.Validator;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.BootDevice;
import io.virtforge.model.CharDevice;
import io.virtforge.model.Cpu;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Device;
import io.virtforge.model.Devices;
import io.virtforge.model.DiskBus;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.Graphics;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.model.HugePage;
import io.virtforge.model.Hostdev;
import io.virtforge.model.Memballoon;
import io.virtforge.model.MemTune;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.model.Os;
import io.virtforge.model.PlacementMode;
import io.virtforge.model.Scheduler;
import io.virtforge.model.ThreadScheduling;
import io.virtforge.model.Vcpu;
import io.virtforge.topology.HostState;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The fluent builder of a performance-tuned domain: memory and huge pages, vCPUs and their pinning,
 * guest NUMA and its binding to host nodes, I/O threads, disks, NICs, passthrough devices.
 *
 * <p>What the caller does not say comes from a {@link BuilderDefaults}: {@link BuilderDefaults#standard()}
 * unless replaced with {@link #named(String, BuilderDefaults)} or {@link #defaults(BuilderDefaults)}. The
 * standard ones are defaults a newcomer gets right without knowing libvirt (only for a new domain; an edited one
 * keeps what it has): type kvm; an x86_64 q35 machine; ACPI and APIC (without ACPI a guest cannot be
 * shut down gracefully); clock utc; destroy on power-off and crash, restart on reboot; a pty serial
 * console; disks on virtio-blk with cache none, io native, discard unmap; NICs on virtio with vhost and
 * one queue per vCPU; a virtio-scsi controller when a disk needs one; the balloon off when memory is
 * huge-page backed or locked (it cannot reclaim such memory); every I/O thread the disks name declared.
 *
 * <p>{@link #build()} checks structural invariants (every vCPU in one guest cell, cell memory adding
 * up, pins naming existing vCPUs and I/O threads, topology equal to the vCPU count, unique targets and
 * addresses) and throws {@link DomainValidationException} with the report; {@link #buildFor(HostState)}
 * also runs the host rules.
 */
public final class DomainBuilder {
    private final Domain base;
    private String name;
    private DomainType type;
    private UUID uuid;
    private String title;
    private String description;
    private DataSize memory;
    private PageSize hugePageSize;
    private final Map<PageSize, NodeSet> hugePagesByCells = new LinkedHashMap<>();
    private Boolean locked;
    private Boolean noSharePages;
    private Integer vcpus;
    private Consumer<GuestCpuSpec> cpuSpec;
    private final List<GuestNumaCell> cells = new ArrayList<>();
    private Integer evenCells;
    private NumaMode memoryMode;
    private NodeSet memoryNodes;
    private final Map<Integer, NumaTune.MemNode> memnodes = new TreeMap<>();
    private final Map<Integer, CpuSet> vcpuPins = new TreeMap<>();
    private CpuSet emulatorPin;
    private Long cpuShares;
    private Long cpuPeriod;
    private Long cpuQuota;
    private MemTune memtune;
    private BlkioTune blkiotune;
    private Integer iothreads;
    private final Map<Integer, CpuSet> iothreadPins = new TreeMap<>();
    private final List<ThreadScheduling> vcpuScheduling = new ArrayList<>();
    private String arch;
    private String machine;
    private BootDevice[] boot;
    private String kernel;
    private String initrd;
    private String cmdline;
    private boolean defaultFeatures = true;
    private final List<DiskSpec> disks = new ArrayList<>();
    private Integer scsiQueues;
    private final List<NicSpec> nics = new ArrayList<>();
    private final List<Device> extraDevices = new ArrayList<>();
    private Memballoon memballoon;
    private boolean defaultConsole = true;
    private Profile profile = Profile.STANDARD;
    private ValidationOptions options = ValidationOptions.DEFAULT;
    private BuilderDefaults defaults;

    private DomainBuilder(Domain base, String name, BuilderDefaults defaults) {
        this.base = base;
        this.name = name;
        this.defaults = defaults;
    }

    /** A new domain called {@code name}, with the {@linkplain BuilderDefaults#standard() standard defaults}. */
    public static DomainBuilder named(String name) {
        return named(name, BuilderDefaults.standard());
    }

    /** A new domain called {@code name}, with other defaults than the standard ones. */
    public static DomainBuilder named(String name, BuilderDefaults defaults) {
        return new DomainBuilder(null, Objects.requireNonNull(name, "name"), Objects.requireNonNull(defaults, "defaults"));
    }

    /**
     * Edits an existing domain: what is not set here stays as it is, untyped parts included. {@link #build()}
     * runs the same structural checks as for a new domain, so {@code from(vm).build()} checks a domain edited
     * through the model's own {@code toBuilder()}.
     */
    public static DomainBuilder from(Domain domain) {
        return new DomainBuilder(Objects.requireNonNull(domain, "domain"), domain.name(), BuilderDefaults.standard());
    }

    /**
     * Replaces the defaults. Disks and NICs start from the defaults when they are added, so this comes before
     * {@link #disk} and {@link #nic}.
     *
     * @throws IllegalStateException when a disk or NIC was already added
     */
    public DomainBuilder defaults(BuilderDefaults value) {
        Objects.requireNonNull(value, "defaults");
        if (!disks.isEmpty() || !nics.isEmpty()) {
            throw new IllegalStateException("defaults(...) must come before the first disk(...) or nic(...)");
        }
        defaults = value;
        return this;
    }

    /** The defaults in use. */
    public BuilderDefaults defaults() {
        return defaults;
    }

    // ------------------------------------------------------------------ identity

    /** The hypervisor type (default kvm; qemu for software emulation). */
    public DomainBuilder type(DomainType value) {
        type = value;
        return this;
    }

    /** Renames the domain. */
    public DomainBuilder name(String value) {
        name = Objects.requireNonNull(value, "name");
        return this;
    }

    /** A fixed UUID (libvirt generates one otherwise). */
    public DomainBuilder uuid(UUID value) {
        uuid = value;
        return this;
    }

    /** A title. */
    public DomainBuilder title(String value) {
        title = value;
        return this;
    }

    /** A description. */
    public DomainBuilder description(String value) {
        description = value;
        return this;
    }

    // ------------------------------------------------------------------ memory

    /**
     * The guest memory (both {@code <memory>} and {@code <currentMemory>}). On an edited domain with guest NUMA
     * cells the cells are not resized and {@link #build()} refuses the mismatch ({@code CELL_MEMORY}): give the
     * cells too, or resize with {@link MemoryResize}.
     */
    public DomainBuilder memory(DataSize size) {
        memory = Objects.requireNonNull(size, "size");
        return this;
    }

    /** Backs all guest memory with huge pages of {@code size}. */
    public DomainBuilder hugepages(PageSize size) {
        hugePageSize = Objects.requireNonNull(size, "size");
        return this;
    }

    /** Backs the memory of some guest cells with huge pages of {@code size}. */
    public DomainBuilder hugepages(PageSize size, NodeSet guestCells) {
        hugePagesByCells.put(Objects.requireNonNull(size, "size"), Objects.requireNonNull(guestCells, "guestCells"));
        return this;
    }

    /** Locks guest memory in host RAM ({@code <locked/>}). */
    public DomainBuilder lockedMemory() {
        locked = true;
        return this;
    }

    /** Keeps KSM from merging guest pages ({@code <nosharepages/>}). */
    public DomainBuilder noSharePages() {
        noSharePages = true;
        return this;
    }

    /** Binds all guest memory to host nodes with a policy ({@code <numatune><memory>}). */
    public DomainBuilder memoryOn(NumaMode mode, NodeSet hostNodes) {
        memoryMode = Objects.requireNonNull(mode, "mode");
        memoryNodes = Objects.requireNonNull(hostNodes, "hostNodes");
        return this;
    }

    /** Binds one guest cell's memory to host nodes ({@code <numatune><memnode>}). */
    public DomainBuilder cellMemoryOn(int guestCell, NumaMode mode, NodeSet hostNodes) {
        memnodes.put(guestCell, NumaTune.MemNode.of(guestCell, mode, hostNodes));
        return this;
    }

    // ------------------------------------------------------------------ CPUs

    /** The number of vCPUs. */
    public DomainBuilder vcpus(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a domain needs at least one vCPU, not " + count);
        }
        vcpus = count;
        return this;
    }

    /** The guest CPU: mode, topology, features. */
    public DomainBuilder cpu(Consumer<GuestCpuSpec> spec) {
        cpuSpec = Objects.requireNonNull(spec, "spec");
        return this;
    }

    /** Adds a guest NUMA cell (ids follow the order of the calls) with the given vCPUs and memory. */
    public DomainBuilder numaCell(CpuSet guestVcpus, DataSize cellMemory) {
        cells.add(GuestNumaCell.of(cells.size(), guestVcpus, cellMemory));
        evenCells = null;
        return this;
    }

    /** Splits the vCPUs and memory evenly into {@code count} guest NUMA cells (the last takes any remainder). */
    public DomainBuilder numaCells(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("cell count " + count);
        }
        cells.clear();
        evenCells = count;
        return this;
    }

    /** Pins one vCPU to host CPUs. */
    public DomainBuilder pinVcpu(int vcpu, CpuSet hostCpus) {
        vcpuPins.put(vcpu, Objects.requireNonNull(hostCpus, "hostCpus"));
        return this;
    }

    /** Pins vCPU i to the i-th CPU of {@code hostCpus}, one each (the dedicated policy). */
    public DomainBuilder pinVcpus(CpuSet hostCpus) {
        int[] cpus = hostCpus.toArray();
        for (int i = 0; i < cpus.length; i++) {
            vcpuPins.put(i, CpuSet.of(cpus[i]));
        }
        return this;
    }

    /** Pins the emulator threads. */
    public DomainBuilder pinEmulator(CpuSet hostCpus) {
        emulatorPin = Objects.requireNonNull(hostCpus, "hostCpus");
        return this;
    }

    /** Declares {@code count} I/O threads (ids 1..count). */
    public DomainBuilder iothreads(int count) {
        iothreads = count;
        return this;
    }

    /** Pins an I/O thread. */
    public DomainBuilder pinIothread(int iothread, CpuSet hostCpus) {
        iothreadPins.put(iothread, Objects.requireNonNull(hostCpus, "hostCpus"));
        return this;
    }

    /** The domain's relative CPU weight ({@code <cputune><shares>}). */
    public DomainBuilder cpuShares(long shares) {
        cpuShares = shares;
        return this;
    }

    /**
     * Caps each vCPU at {@code quotaMicros} of CPU time every {@code periodMicros} ({@code <cputune><period>} and
     * {@code <quota>}); libvirt takes 1000 to 1000000 for the period and at least 1000 for the quota.
     */
    public DomainBuilder cpuQuota(long periodMicros, long quotaMicros) {
        cpuPeriod = periodMicros;
        cpuQuota = quotaMicros;
        return this;
    }

    /** Host memory limits ({@code <memtune>}), replacing the domain's. */
    public DomainBuilder memtune(MemTune value) {
        memtune = Objects.requireNonNull(value, "value");
        return this;
    }

    /** The block I/O weight and per-host-device limits ({@code <blkiotune>}), replacing the domain's. */
    public DomainBuilder blkiotune(BlkioTune value) {
        blkiotune = Objects.requireNonNull(value, "value");
        return this;
    }

    /** A real-time (fifo, rr) or other scheduler for some vCPUs. */
    public DomainBuilder vcpuScheduler(CpuSet guestVcpus, Scheduler scheduler, Integer priority) {
        vcpuScheduling.add(ThreadScheduling.vcpus(guestVcpus, scheduler, priority));
        return this;
    }

    // ------------------------------------------------------------------ boot

    /** The architecture (default x86_64). */
    public DomainBuilder arch(String value) {
        arch = value;
        return this;
    }

    /** The machine type (default q35). */
    public DomainBuilder machine(String value) {
        machine = value;
        return this;
    }

    /** The BIOS boot order. */
    public DomainBuilder boot(BootDevice... order) {
        boot = order.clone();
        return this;
    }

    /** Boots a kernel directly, without a bootloader. */
    public DomainBuilder directKernelBoot(String kernelPath, String initrdPath, String kernelCmdline) {
        kernel = kernelPath;
        initrd = initrdPath;
        cmdline = kernelCmdline;
        return this;
    }

    /** Leaves out the default ACPI and APIC features (they are on by default). */
    public DomainBuilder noDefaultFeatures() {
        defaultFeatures = false;
        return this;
    }

    // ------------------------------------------------------------------ devices

    /** Adds a disk. */
    public DomainBuilder disk(Consumer<DiskSpec> spec) {
        DiskSpec d = new DiskSpec(defaults);
        spec.accept(d);
        if (d.type == null) {
            throw new IllegalArgumentException("a disk needs a source: file(), block() or volume()");
        }
        disks.add(d);
        return this;
    }

    /** Request queues of the virtio-scsi controller the builder adds (default: one per vCPU). */
    public DomainBuilder scsiQueues(int queues) {
        scsiQueues = queues;
        return this;
    }

    /** Adds a NIC. */
    public DomainBuilder nic(Consumer<NicSpec> spec) {
        NicSpec n = new NicSpec(defaults);
        spec.accept(n);
        if (n.type == null) {
            throw new IllegalArgumentException("a NIC needs a source: network(), bridge(), direct() or sriovVf()");
        }
        nics.add(n);
        return this;
    }

    /** Passes a host PCI function through with VFIO (managed: libvirt binds it to vfio-pci at start). */
    public DomainBuilder hostdev(PciAddress address) {
        extraDevices.add(Hostdev.pci(address, true).build());
        return this;
    }

    /** Sets the balloon (e.g. {@code Memballoon.of("none", null)}). */
    public DomainBuilder memballoon(Memballoon value) {
        memballoon = Objects.requireNonNull(value, "value");
        return this;
    }

    /** Writes the serial console to a host file instead of the default pty console. */
    public DomainBuilder serialToFile(String path) {
        extraDevices.add(CharDevice.fileSerial(path));
        defaultConsole = false;
        return this;
    }

    /** Leaves out the default pty console. */
    public DomainBuilder noConsole() {
        defaultConsole = false;
        return this;
    }

    /** Adds a VNC display on an automatic port. */
    public DomainBuilder vnc() {
        extraDevices.add(Graphics.vnc());
        return this;
    }

    /** Adds any device built with the model's builders. */
    public DomainBuilder device(Device device) {
        extraDevices.add(Objects.requireNonNull(device, "device"));
        return this;
    }

    // ------------------------------------------------------------------ validation

    /** The rules {@link #buildFor(HostState)} applies (default STANDARD). */
    public DomainBuilder profile(Profile value) {
        profile = Objects.requireNonNull(value, "profile");
        return this;
    }

    /** The validator's thresholds. */
    public DomainBuilder validationOptions(ValidationOptions value) {
        options = Objects.requireNonNull(value, "options");
        return this;
    }

    /** Builds the domain and checks its structure; throws {@link DomainValidationException} on errors. */
    public Domain build() {
        Domain d = assemble();
        Report report = Validator.of(profile, options).validate(d);
        if (report.hasErrors()) {
            throw new DomainValidationException(d.name(), report);
        }
        return d;
    }

    /** Builds the domain and checks it against a host too; throws {@link DomainValidationException} on errors. */
    public Domain buildFor(HostState host) {
        Domain d = assemble();
        Report report = Validator.of(profile, options).validate(d, host);
        if (report.hasErrors()) {
            throw new DomainValidationException(d.name(), report);
        }
        return d;
    }

    /** The domain without any check, e.g. to validate it yourself and show every finding. */
    public Domain assemble() {
        boolean fresh = base == null;
        Domain.Builder b = fresh ? Domain.builder(name, type == null ? defaults.type() : type) : base.toBuilder();
        b.name(name);
        if (type != null) {
            b.type(type);
        }
        if (uuid != null) {
            b.uuid(uuid);
        }
        if (title != null) {
            b.title(title);
        }
        if (description != null) {
            b.description(description);
        }
        int vcpuCount = vcpus != null ? vcpus : base != null ? base.vcpuCount() : 1;
        DataSize mem = memory != null ? memory : base != null ? base.memory().orElse(null) : null;
        if (memory != null) {
            b.memory(memory).currentMemory(memory);
        }
        applyMemoryBacking(b, fresh);
        if (memtune != null) {
            b.memtune(memtune);
        }
        if (blkiotune != null) {
            b.blkiotune(blkiotune);
        }
        if (vcpus != null || fresh) {
            b.vcpu(Vcpu.of(vcpuCount, PlacementMode.STATIC, base == null ? null
                    : base.vcpu().flatMap(v -> v.cpuset()).orElse(null), null));
        }
        applyIothreads(b);
        applyCputune(b);
        applyNumatune(b);
        applyOs(b, fresh);
        if (fresh && defaultFeatures) {
            defaults.applyFeatures(b);
        }
        applyCpu(b, vcpuCount, mem);
        if (fresh) {
            defaults.applyClockAndLifecycle(b);
        }
        applyDevices(b, fresh, vcpuCount);
        return b.build();
    }

    private void applyMemoryBacking(Domain.Builder b, boolean fresh) {
        if (hugePageSize == null && hugePagesByCells.isEmpty() && locked == null && noSharePages == null) {
            return;
        }
        MemoryBacking.Builder mb = base == null ? MemoryBacking.builder()
                : base.memoryBacking().map(MemoryBacking::toBuilder).orElseGet(MemoryBacking::builder);
        if (hugePageSize != null || !hugePagesByCells.isEmpty()) {
            List<HugePage> pages = new ArrayList<>();
            if (hugePageSize != null) {
                pages.add(HugePage.of(hugePageSize, null));
            }
            hugePagesByCells.forEach((size, cellSet) -> pages.add(HugePage.of(size, cellSet)));
            mb.hugepages(pages);
        }
        if (locked != null) {
            mb.locked(locked);
        }
        if (noSharePages != null) {
            mb.noSharePages(noSharePages);
        }
        b.memoryBacking(mb.build());
    }

    /** Declares I/O threads: as asked, and (by default) at least every id a disk or a pin names. */
    private void applyIothreads(Domain.Builder b) {
        int needed = iothreads == null ? 0 : iothreads;
        if (defaults.declareDiskIothreads()) {
            for (DiskSpec d : disks) {
                if (d.iothread != null) {
                    needed = Math.max(needed, d.iothread);
                }
            }
            for (int id : iothreadPins.keySet()) {
                needed = Math.max(needed, id);
            }
        }
        if (needed > 0) {
            int existing = base == null ? 0 : base.iothreads().orElse(0);
            if (needed > existing) {
                b.iothreads(needed);
            }
        }
    }

    private void applyCputune(Domain.Builder b) {
        if (vcpuPins.isEmpty() && emulatorPin == null && iothreadPins.isEmpty() && vcpuScheduling.isEmpty()
                && cpuShares == null && cpuQuota == null) {
            return;
        }
        CpuTune.Builder t = base == null ? CpuTune.builder()
                : base.cputune().map(CpuTune::toBuilder).orElseGet(CpuTune::builder);
        vcpuPins.forEach(t::vcpuPin);
        if (emulatorPin != null) {
            t.emulatorPin(emulatorPin);
        }
        iothreadPins.forEach(t::iothreadPin);
        if (!vcpuScheduling.isEmpty()) {
            t.vcpuScheduling(vcpuScheduling);
        }
        if (cpuShares != null) {
            t.shares(cpuShares);
        }
        if (cpuQuota != null) {
            t.period(cpuPeriod).quota(cpuQuota);
        }
        b.cputune(t.build());
    }

    private void applyNumatune(Domain.Builder b) {
        if (memoryNodes == null && memnodes.isEmpty()) {
            return;
        }
        NumaTune.Builder t = base == null ? NumaTune.builder()
                : base.numatune().map(NumaTune::toBuilder).orElseGet(NumaTune::builder);
        if (memoryNodes != null) {
            t.memory(memoryMode, memoryNodes);
        }
        if (!memnodes.isEmpty()) {
            t.memNodes(List.copyOf(memnodes.values()));
        }
        b.numatune(t.build());
    }

    private void applyOs(Domain.Builder b, boolean fresh) {
        if (!fresh && arch == null && machine == null && boot == null && kernel == null) {
            return;
        }
        Os.Builder os = base == null ? Os.builder() : base.os().map(Os::toBuilder).orElseGet(Os::builder);
        if (arch != null || fresh) {
            os.arch(arch != null ? arch : defaults.arch());
        }
        if (machine != null || fresh) {
            os.machine(machine != null ? machine : defaults.machine());
        }
        if (boot != null) {
            os.boot(boot);
        }
        if (kernel != null) {
            os.kernel(kernel).initrd(initrd).cmdline(cmdline);
        }
        b.os(os.build());
    }

    private void applyCpu(Domain.Builder b, int vcpuCount, DataSize mem) {
        if (cpuSpec == null && cells.isEmpty() && evenCells == null) {
            return;
        }
        Cpu.Builder cpu = base == null ? Cpu.builder() : base.cpu().map(Cpu::toBuilder).orElseGet(Cpu::builder);
        if (cpuSpec != null) {
            cpuSpec.accept(new GuestCpuSpec(cpu));
        }
        if (!cells.isEmpty()) {
            cpu.numaCells(cells);
        } else if (evenCells != null) {
            cpu.numaCells(evenCells(evenCells, vcpuCount, mem));
        }
        b.cpu(cpu.build());
    }

    private List<GuestNumaCell> evenCells(int count, int vcpuCount, DataSize mem) {
        if (mem == null) {
            throw new IllegalStateException("numaCells(" + count + ") needs the memory: call memory() first");
        }
        if (count > vcpuCount) {
            throw new IllegalStateException(count + " guest cells for " + vcpuCount + " vCPUs: each cell needs a vCPU");
        }
        long unit = hugePageSize != null ? hugePageSize.bytes() : 1L << 20;
        long each = mem.bytes() / count / unit * unit;
        List<GuestNumaCell> list = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < count; i++) {
            int n = vcpuCount / count + (i < vcpuCount % count ? 1 : 0);
            long bytes = i == count - 1 ? mem.bytes() - each * (count - 1) : each;
            list.add(GuestNumaCell.of(i, CpuSet.range(first, first + n - 1), DataSize.ofBytes(bytes)));
            first += n;
        }
        return list;
    }

    private void applyDevices(Domain.Builder b, boolean fresh, int vcpuCount) {
        if (!fresh && disks.isEmpty() && nics.isEmpty() && extraDevices.isEmpty() && memballoon == null) {
            return;
        }
        Devices.Builder devs = base == null ? Devices.builder() : base.devices().toBuilder();
        Devices current = base == null ? Devices.empty() : base.devices();
        List<String> targets = new ArrayList<>();
        current.disks().forEach(d -> d.targetDev().ifPresent(targets::add));
        boolean scsiController = current.controllers().stream()
                .anyMatch(c -> c.type().equals("scsi") && c.model().filter(m -> m.startsWith("virtio-scsi")).isPresent());
        Integer scsiIothread = null;
        for (DiskSpec d : disks) {
            if (d.bus == DiskBus.SCSI && d.iothread != null) {
                scsiIothread = d.iothread;
            }
        }
        if (!scsiController && disks.stream().anyMatch(d -> d.bus == DiskBus.SCSI)) {
            defaults.scsiControllerFor(vcpuCount, scsiQueues, scsiIothread).ifPresent(devs::add);
        }
        for (DiskSpec d : disks) {
            String target = d.target != null ? d.target : DiskSpec.nextTarget(d.bus, targets);
            targets.add(target);
            devs.add(d.toDisk(target));
        }
        for (NicSpec n : nics) {
            devs.add(n.toInterface(vcpuCount));
        }
        extraDevices.forEach(devs::add);
        if (fresh && defaultConsole && defaults.console()) {
            devs.add(CharDevice.ptyConsole());
        }
        boolean pinnedMemory = hugePageSize != null || !hugePagesByCells.isEmpty() || Boolean.TRUE.equals(locked);
        if (memballoon != null) {
            devs.removeAll("memballoon").add(memballoon);
        } else if (fresh) {
            defaults.balloonFor(pinnedMemory).ifPresent(devs::add);
        }
        b.devices(devs.build());
    }
}
