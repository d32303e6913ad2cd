package io.virtforge.host.discovery;

import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes a regular host's sysfs and procfs into a directory, as real files and symbolic links, so that
 * {@link RealSysfs} over the directory reads like a big server: for benchmarks of {@link HostDiscovery}
 * and tests that need a large tree. CPUs are numbered as Linux does (core by core through every node,
 * then the next SMT thread of every core), each node has 2 MiB and 1 GiB pools, distances are 10, 11
 * within a socket and 21 across. PCI functions are spread over the nodes' root buses: mostly NICs bound
 * to {@code i40e} with a network interface, every 8th an NVMe drive, every 16th a PCI bridge, every 32nd
 * an unbound function; each has its own IOMMU group except bridges, which share their neighbour's. The
 * CPUs are Intel's, idling through {@code intel_idle}.
 */
public final class SyntheticSysfsTree {
    private static final String[] CLASS_DRIVER = {"0x020000", "i40e", "0x010802", "nvme", "0x060400", "pcieport"};
    private static final int FUNCTIONS_PER_BUS = 256;

    /**
     * The shape of the host.
     *
     * @param sockets        sockets
     * @param nodesPerSocket NUMA nodes per socket
     * @param coresPerNode   cores per node
     * @param threadsPerCore SMT threads per core
     * @param pciFunctions   PCI functions in all
     */
    public record Shape(int sockets, int nodesPerSocket, int coresPerNode, int threadsPerCore, int pciFunctions) {
        /** Checks the counts. */
        public Shape {
            if (sockets < 1 || nodesPerSocket < 1 || coresPerNode < 1 || threadsPerCore < 1 || pciFunctions < 0) {
                throw new IllegalArgumentException("bad host shape " + sockets + "x" + nodesPerSocket + "x"
                        + coresPerNode + "x" + threadsPerCore + ", " + pciFunctions + " PCI functions");
            }
        }

        /** NUMA nodes in all. */
        public int nodes() {
            return sockets * nodesPerSocket;
        }

        /** Logical CPUs in all. */
        public int cpus() {
            return nodes() * coresPerNode * threadsPerCore;
        }
    }

    private final Path root;
    private final Shape shape;

    private SyntheticSysfsTree(Path root, Shape shape) {
        this.root = root;
        this.shape = shape;
    }

    /** Writes the host into {@code root} (which stands for {@code /}; created if missing). */
    public static void write(Path root, Shape shape) {
        try {
            new SyntheticSysfsTree(root, shape).writeAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a synthetic sysfs tree into " + root, e);
        }
    }

    private void writeAll() throws IOException {
        writeCpus();
        writeNodes();
        writePci();
        file("sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", shape.nodes() * 512L);
        file("sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages", shape.nodes() * 500L);
        file("sys/kernel/mm/hugepages/hugepages-2048kB/surplus_hugepages", 0);
        file("sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages", 0);
        file("sys/kernel/mm/hugepages/hugepages-1048576kB/free_hugepages", 0);
        file("sys/kernel/mm/hugepages/hugepages-1048576kB/surplus_hugepages", 0);
        file("sys/devices/virtual/iommu/dmar0/intel-iommu/version", "1:0");
        link("sys/class/iommu/dmar0", "sys/devices/virtual/iommu/dmar0");
        file("proc/meminfo", "MemTotal:       " + shape.nodes() * 67108864L + " kB\nHugePages_Total:    "
                + shape.nodes() * 512 + "\nHugepagesize:       2048 kB\n");
        file("proc/mounts", "hugetlbfs /dev/hugepages hugetlbfs rw,relatime,pagesize=2M 0 0");
        file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 intel_iommu=on iommu=pt");
        file("proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\n");
        file("sys/devices/system/cpu/cpuidle/current_driver", "intel_idle");
    }

    private int cpuId(int core, int thread) {
        return core + thread * shape.nodes() * shape.coresPerNode();
    }

    private CpuSet nodeCpus(int node) {
        List<Integer> ids = new ArrayList<>();
        for (int c = node * shape.coresPerNode(); c < (node + 1) * shape.coresPerNode(); c++) {
            for (int t = 0; t < shape.threadsPerCore(); t++) {
                ids.add(cpuId(c, t));
            }
        }
        return CpuSet.of(ids);
    }

    private void writeCpus() throws IOException {
        String all = CpuSet.range(0, shape.cpus() - 1).format();
        for (String name : List.of("online", "possible", "present")) {
            file("sys/devices/system/cpu/" + name, all);
        }
        file("sys/devices/system/cpu/isolated", "");
        int cores = shape.nodes() * shape.coresPerNode();
        for (int core = 0; core < cores; core++) {
            int node = core / shape.coresPerNode();
            List<Integer> threads = new ArrayList<>();
            for (int t = 0; t < shape.threadsPerCore(); t++) {
                threads.add(cpuId(core, t));
            }
            String siblings = CpuSet.of(threads).format();
            for (int cpu : threads) {
                String dir = "sys/devices/system/cpu/cpu" + cpu + "/topology/";
                file(dir + "physical_package_id", node / shape.nodesPerSocket());
                file(dir + "die_id", 0);
                file(dir + "core_id", core % (shape.coresPerNode() * shape.nodesPerSocket()));
                file(dir + "thread_siblings_list", siblings);
            }
        }
    }

    private void writeNodes() throws IOException {
        String all = CpuSet.range(0, shape.nodes() - 1).format();
        file("sys/devices/system/node/online", all);
        file("sys/devices/system/node/possible", all);
        for (int n = 0; n < shape.nodes(); n++) {
            String dir = "sys/devices/system/node/node" + n + "/";
            CpuSet cpus = nodeCpus(n);
            file(dir + "cpulist", cpus.format());
            file(dir + "meminfo", "Node " + n + " MemTotal:       67108864 kB\nNode " + n
                    + " MemFree:        60000000 kB\n");
            StringJoiner row = new StringJoiner(" ");
            for (int m = 0; m < shape.nodes(); m++) {
                row.add(m == n ? "10" : m / shape.nodesPerSocket() == n / shape.nodesPerSocket() ? "11" : "21");
            }
            file(dir + "distance", row.toString());
            for (PageSize size : List.of(PageSize.MIB_2, PageSize.GIB_1)) {
                String pool = dir + "hugepages/" + HugePagePaths.poolName(size) + "/";
                boolean small = size.equals(PageSize.MIB_2);
                file(pool + "nr_hugepages", small ? 512 : 0);
                file(pool + "free_hugepages", small ? 500 : 0);
                file(pool + "surplus_hugepages", 0);
            }
            for (int cpu : cpus.toArray()) {
                link(dir + "cpu" + cpu, "sys/devices/system/cpu/cpu" + cpu);
            }
        }
    }

    private void writePci() throws IOException {
        for (int d = 0; d < CLASS_DRIVER.length; d += 2) {
            Files.createDirectories(root.resolve("sys/bus/pci/drivers/" + CLASS_DRIVER[d + 1]));
        }
        Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        Files.createDirectories(root.resolve("sys/kernel/iommu_groups"));
        int group = 0;
        for (int i = 0; i < shape.pciFunctions(); i++) {
            int bus = i / FUNCTIONS_PER_BUS;
            int node = bus % shape.nodes();
            PciAddress a = new PciAddress(0, bus + 1, (i % FUNCTIONS_PER_BUS) >> 3, i & 7);
            int kind = i % 16 == 15 ? 2 : i % 8 == 7 ? 1 : 0;
            String dir = "sys/devices/pci0000:" + String.format("%02x", bus + 1) + "/" + a.format() + "/";
            int vendor = kind == 1 ? 0x144d : 0x8086;
            int device = kind == 1 ? 0xa808 : kind == 2 ? 0x2030 : 0x1572;
            int classCode = KernelValues.hex(CLASS_DRIVER[kind * 2]);
            String driver = CLASS_DRIVER[kind * 2 + 1];
            boolean bound = i % 32 != 30;
            file(dir + "vendor", String.format("0x%04x", vendor));
            file(dir + "device", String.format("0x%04x", device));
            file(dir + "class", CLASS_DRIVER[kind * 2]);
            file(dir + "numa_node", node);
            file(dir + "enable", 1);
            file(dir + "driver_override", "(null)");
            // as the kernel composes it: the driver line only while one is bound
            file(dir + "uevent", (bound ? "DRIVER=" + driver + "\n" : "") + String.format(
                    "PCI_CLASS=%04X\nPCI_ID=%04X:%04X\nPCI_SLOT_NAME=%s", classCode, vendor, device, a.format()));
            if (kind != 2) {
                group++;
            }
            link(dir + "iommu_group", "sys/kernel/iommu_groups/" + group);
            link("sys/kernel/iommu_groups/" + group + "/devices/" + a.format(), dir);
            if (bound) {
                link(dir + "driver", "sys/bus/pci/drivers/" + driver);
                link("sys/bus/pci/drivers/" + driver + "/" + a.format(), dir);
                if (kind == 0) {
                    file(dir + "net/eth" + i + "/operstate", "up");
                }
            }
            link("sys/bus/pci/devices/" + a.format(), dir);
        }
    }

    private void file(String relative, Object content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content + "\n");
    }

    private void link(String relative, String targetRelative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Path target = root.resolve(targetRelative);
        Files.createSymbolicLink(p, p.getParent().relativize(target));
    }
}
