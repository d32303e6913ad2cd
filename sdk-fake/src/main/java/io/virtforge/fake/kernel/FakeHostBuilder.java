package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.BlockDeviceName;
import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.NetInterfaceName;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.KernelError;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Builds a {@link FakeSysfs} host from Java: NUMA nodes with memory and CPUs, CPU topology, PCI functions
 * with ids, class, NUMA node, IOMMU group and driver, SR-IOV physical functions, huge page pools, THP and
 * KSM settings, kernel command line, mounts, meminfo, network interfaces, block devices, mediated device
 * parents ({@link PciDeviceSpec#mdev}) and KVM ({@link #kvm}). Anything not
 * described gets a plain default: one node 0 with CPUs 0-3 and 16 GiB, 2 MiB and 1 GiB pools, THP
 * {@code madvise}, KSM stopped, an Intel CPU under {@code intel_idle} and {@code intel_pstate}.
 */
public final class FakeHostBuilder {
    private static final String DEFAULT_MOUNTS = "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
            + "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
            + "hugetlbfs /dev/hugepages hugetlbfs rw,relatime,pagesize=2M 0 0\n";
    private final SortedMap<Integer, NodeSpec> nodes = new TreeMap<>();
    private final SortedMap<Integer, CpuSpec> cpus = new TreeMap<>();
    private CpuSet isolated = CpuSet.empty();
    private final SortedMap<PciAddress, PciDeviceSpec> pciDevices = new TreeMap<>();
    private final List<DriverName> pciDrivers = new ArrayList<>();
    private List<PageSize> hugePageSizes = List.of(PageSize.MIB_2, PageSize.GIB_1);
    private String thpEnabled = "madvise";
    private String thpDefrag = "madvise";
    private int ksmRun;
    private long ksmPagesSharing;
    private String cmdline = "BOOT_IMAGE=/boot/vmlinuz root=/dev/sda1 ro quiet";
    private String mounts = DEFAULT_MOUNTS;
    private String cpuVendor = "GenuineIntel";
    private String idleDriver = "intel_idle";
    private String freqDriver = "intel_pstate";
    private String meminfo;
    private final Map<NetInterfaceName, NetInterfaceSpec> netInterfaces = new LinkedHashMap<>();
    private final Map<BlockDeviceName, BlockDeviceSpec> blockDevices = new LinkedHashMap<>();
    private Boolean iommu;
    private KvmSpec kvm = new KvmSpec();
    private final Map<Integer, Map<PageSize, Long>> initialPages = new TreeMap<>();

    FakeHostBuilder() {
    }

    /** Adds a NUMA node. */
    public FakeHostBuilder node(int id, Consumer<NodeSpec> spec) {
        NodeSpec s = new NodeSpec();
        spec.accept(s);
        nodes.put(id, s);
        return this;
    }

    /** Describes a CPU's topology. */
    public FakeHostBuilder cpu(int id, Consumer<CpuSpec> spec) {
        CpuSpec s = new CpuSpec();
        spec.accept(s);
        cpus.put(id, s);
        return this;
    }

    /** The CPUs shown in {@code /sys/devices/system/cpu/isolated}, list syntax. */
    public FakeHostBuilder isolatedCpus(String list) {
        this.isolated = CpuSet.parse(list);
        return this;
    }

    /** Adds a PCI function at {@code 0000:3b:00.0}-style address. */
    public FakeHostBuilder pciDevice(String address, Consumer<PciDeviceSpec> spec) {
        PciDeviceSpec s = new PciDeviceSpec();
        spec.accept(s);
        pciDevices.put(PciAddress.parse(address), s);
        return this;
    }

    /** Loads a PCI driver that no device names as its own, e.g. {@code vfio-pci}. */
    public FakeHostBuilder pciDriver(String name) {
        pciDrivers.add(DriverName.of(name));
        return this;
    }

    /** The huge page sizes the host supports (default 2 MiB and 1 GiB). */
    public FakeHostBuilder hugePageSizes(PageSize... sizes) {
        this.hugePageSizes = List.of(sizes);
        return this;
    }

    /** Pages already in a node's pool at start (not taken from the node's free memory). */
    public FakeHostBuilder hugePages(int node, PageSize size, long count) {
        initialPages.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(size, count);
        return this;
    }

    /** THP modes: {@code always|madvise|never} and {@code always|defer|defer+madvise|madvise|never}. */
    public FakeHostBuilder transparentHugePages(String enabled, String defrag) {
        this.thpEnabled = enabled;
        this.thpDefrag = defrag;
        return this;
    }

    /** KSM's {@code run} (0, 1, 2) and {@code pages_sharing}. */
    public FakeHostBuilder ksm(int run, long pagesSharing) {
        this.ksmRun = run;
        this.ksmPagesSharing = pagesSharing;
        return this;
    }

    /**
     * The CPU vendor ({@code vendor_id} in {@code /proc/cpuinfo}), the cpuidle driver and the cpufreq driver
     * (default: {@code GenuineIntel}, {@code intel_idle}, {@code intel_pstate}); null leaves that file out.
     */
    public FakeHostBuilder cpuPower(String vendor, String idleDriver, String freqDriver) {
        this.cpuVendor = vendor;
        this.idleDriver = idleDriver;
        this.freqDriver = freqDriver;
        return this;
    }

    /** {@code /proc/cmdline}, without its newline; null leaves the file out, as when procfs hides it. */
    public FakeHostBuilder cmdline(String text) {
        this.cmdline = text;
        return this;
    }

    /** {@code /proc/mounts}, whole. */
    public FakeHostBuilder mounts(String text) {
        this.mounts = text;
        return this;
    }

    /** A fixed {@code /proc/meminfo}, replacing the one computed from the nodes and pools. */
    public FakeHostBuilder meminfo(String text) {
        this.meminfo = text;
        return this;
    }

    /** Adds a network interface. */
    public FakeHostBuilder netInterface(String name, Consumer<NetInterfaceSpec> spec) {
        NetInterfaceSpec s = new NetInterfaceSpec();
        spec.accept(s);
        netInterfaces.put(NetInterfaceName.of(name), s);
        return this;
    }

    /** Adds a block device. */
    public FakeHostBuilder blockDevice(String name, Consumer<BlockDeviceSpec> spec) {
        BlockDeviceSpec s = new BlockDeviceSpec();
        spec.accept(s);
        blockDevices.put(BlockDeviceName.of(name), s);
        return this;
    }

    /** Whether {@code /sys/class/iommu} has a unit (default: when any device has an IOMMU group). */
    public FakeHostBuilder iommu(boolean enabled) {
        this.iommu = enabled;
        return this;
    }

    /**
     * The KVM module of the CPU vendor ({@code kvm_intel} or {@code kvm_amd}), its {@code nested} parameter and
     * {@code /dev/kvm} (default: loaded, nesting on, {@code /dev/kvm} usable).
     */
    public FakeHostBuilder kvm(Consumer<KvmSpec> spec) {
        KvmSpec s = new KvmSpec();
        spec.accept(s);
        this.kvm = s;
        return this;
    }

    /** Builds the host. */
    public FakeSysfs build() {
        FakeTree tree = new FakeTree();
        WriteFaults faults = new WriteFaults();
        if (nodes.isEmpty()) {
            node(0, n -> n.cpus(cpus.isEmpty() ? CpuSet.range(0, 3) : CpuSet.of(cpus.keySet())));
        }
        List<CpuState> cpuStates = resolveCpus();
        NodeFiles.install(tree, nodes, cpuStates);
        CpuTopologyFiles.install(tree, cpuStates, isolated);
        HugePages hugePages = buildHugePages(tree);
        PciDriverModel drivers = buildPci(tree, faults);
        blockDevices.forEach((name, spec) -> BlockDeviceFiles.install(tree, name, spec));
        TuningFiles.install(tree, thpEnabled, thpDefrag, ksmRun, ksmPagesSharing);
        CpuPowerFiles.install(tree, cpuStates, cpuVendor, idleDriver, freqDriver);
        if (cmdline != null) {
            tree.put(ProcPaths.CMDLINE, FakeFile.readOnly(cmdline + "\n"));
        }
        tree.put(ProcPaths.MOUNTS, FakeFile.readOnly(mounts.endsWith("\n") ? mounts : mounts + "\n"));
        if (meminfo != null) {
            tree.put(ProcPaths.MEMINFO, FakeFile.readOnly(meminfo.endsWith("\n") ? meminfo : meminfo + "\n"));
        } else {
            hugePages.installSystemMeminfo();
        }
        tree.directory(SysfsPath.of("dev"));
        KvmFiles.install(tree, cpuVendor, kvm);
        return new FakeSysfs(tree, faults, drivers, hugePages);
    }

    private List<CpuState> resolveCpus() {
        SortedSet<Integer> ids = new TreeSet<>(cpus.keySet());
        nodes.values().forEach(n -> n.cpus.stream().forEach(ids::add));
        List<CpuState> states = new ArrayList<>();
        for (int id : ids) {
            CpuSpec spec = cpus.getOrDefault(id, new CpuSpec());
            int node = spec.node != null ? spec.node : nodes.entrySet().stream()
                    .filter(e -> e.getValue().cpus.contains(id)).map(Map.Entry::getKey).findFirst()
                    .orElse(nodes.firstKey());
            if (!nodes.containsKey(node)) {
                throw new IllegalArgumentException("CPU " + id + " is on node " + node + ", which was not added");
            }
            states.add(new CpuState(id, node, spec.socket != null ? spec.socket : node, spec.die,
                    spec.core != null ? spec.core : id, spec.online, spec.governor, spec.availableGovernors));
        }
        return states;
    }

    private HugePages buildHugePages(FakeTree tree) {
        SortedMap<Integer, NodeMemory> memory = new TreeMap<>();
        nodes.forEach((id, n) -> memory.put(id, new NodeMemory(n.memory.bytes(), n.freeBytes())));
        HugePages hugePages = new HugePages(tree, memory, hugePageSizes);
        initialPages.forEach((node, bySize) -> bySize.forEach((size, count) -> hugePages.pool(node, size).nr = count));
        return hugePages;
    }

    private PciDriverModel buildPci(FakeTree tree, WriteFaults faults) {
        PciDevices devices = new PciDevices(tree);
        PciDriverModel drivers = new PciDriverModel(tree, devices);
        NetInterfaces net = new NetInterfaces(tree, devices);
        SriovModel sriov = new SriovModel(tree, devices, drivers, faults);
        drivers.addListener(new VfioDeviceNodes(tree, devices));
        drivers.addListener(net);
        drivers.addListener(sriov);
        pciDrivers.forEach(drivers::ensure);
        pciDevices.forEach((address, spec) -> addDevice(tree, devices, drivers, sriov, address, spec));
        pciDevices.forEach((address, spec) -> bindAtStart(drivers, devices.find(address).orElseThrow(), spec));
        MdevModel mdev = new MdevModel(tree);
        pciDevices.forEach((address, spec) -> {
            if (spec.mdev != null) {
                mdev.addParent(devices.find(address).orElseThrow(), spec.mdev);
            }
        });
        netInterfaces.forEach((name, spec) -> net.add(new NetInterfaceState(name, spec.device, spec.operstate,
                spec.macAddress)));
        tree.directory(IommuPaths.CLASS_IOMMU);
        if (iommu != null ? iommu : devices.hasIommuGroups()) {
            SysfsPath unit = SysfsPath.of("sys", "devices", "virtual", "iommu", "dmar0");
            tree.put(unit.resolve("intel-iommu", "version"), FakeFile.readOnly("1:0\n"));
            tree.link(IommuPaths.CLASS_IOMMU.resolve("dmar0"), unit);
        }
        return drivers;
    }

    private static void addDevice(FakeTree tree, PciDevices devices, PciDriverModel drivers, SriovModel sriov,
            PciAddress address, PciDeviceSpec spec) {
        DriverName own = spec.driver == null ? null : DriverName.of(spec.driver);
        PciId id = new PciId(spec.vendor, spec.device);
        PciDeviceState device = new PciDeviceState(address, id, spec.deviceClass, spec.numaNode, spec.iommuGroup,
                PciDeviceState.rootBusDir(address), null, own);
        devices.add(device);
        drivers.register(device);
        device.driverOverride = spec.driverOverride;
        if (own != null) {
            drivers.ensure(own).staticIds.add(id);
        }
        if (spec.bootVga != null) {
            tree.put(device.attribute("boot_vga"), FakeFile.readOnly((spec.bootVga ? 1 : 0) + "\n"));
        }
        if (spec.sriov != null) {
            SriovSpec s = spec.sriov;
            SriovState state = new SriovState(s.totalVfs, s.vfDevice < 0 ? spec.device : s.vfDevice,
                    DriverName.of(s.vfDriver), s.offset, s.stride);
            state.autoprobe = s.autoprobe;
            state.vfGroups = s.vfIommuGroups;
            sriov.enableCapability(device, state);
        }
    }

    private static void bindAtStart(PciDriverModel drivers, PciDeviceState device, PciDeviceSpec spec) {
        DriverName target = spec.boundTo != null ? DriverName.of(spec.boundTo)
                : spec.bound && device.nativeDriver != null ? device.nativeDriver : null;
        if (target == null) {
            return;
        }
        try {
            drivers.attach(drivers.ensure(target), device);
        } catch (KernelError e) {
            throw new IllegalStateException("cannot start " + device.address + " bound to " + target + ": "
                    + e.getMessage(), e);
        }
    }
}
