package io.virtforge.check;

import io.virtforge.model.Controller;
import io.virtforge.model.Device;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskDriver;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.model.HugePage;
import io.virtforge.model.IothreadId;
import io.virtforge.model.IothreadPin;
import io.virtforge.model.MemoryDevice;
import io.virtforge.model.NumaTune;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.CpuSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Rules on the domain alone: the invariants a builder guarantees (every vCPU in exactly one guest
 * cell, cells' memory adding up, pins naming existing vCPUs and I/O threads, topology matching the
 * vCPU count, unique targets and addresses) and the QEMU driver's own refusals.
 */
final class StructureRules {
    private StructureRules() {
    }

    static final Rule VCPU_CELLS = Rule.of("VCPU_CELLS", Severity.ERROR, false, StructureRules::vcpuCells);
    static final Rule CELL_MEMORY = Rule.of("CELL_MEMORY", Severity.ERROR, false, StructureRules::cellMemory);
    static final Rule PIN_VCPU_MISSING = Rule.of("PIN_VCPU_MISSING", Severity.ERROR, false, StructureRules::pinVcpu);
    static final Rule IOTHREAD_UNDEFINED = Rule.of("IOTHREAD_UNDEFINED", Severity.ERROR, false,
            StructureRules::iothreads);
    static final Rule DISK_IOTHREAD_BUS = Rule.of("DISK_IOTHREAD_BUS", Severity.ERROR, false,
            StructureRules::diskIothreadBus);
    static final Rule TOPOLOGY_MISMATCH = Rule.of("TOPOLOGY_MISMATCH", Severity.ERROR, false,
            StructureRules::topology);
    static final Rule HUGEPAGE_NODESET = Rule.of("HUGEPAGE_NODESET", Severity.ERROR, false,
            StructureRules::hugepageNodeset);
    static final Rule MEMNODE_CELL_MISSING = Rule.of("MEMNODE_CELL_MISSING", Severity.ERROR, false,
            StructureRules::memnodeCells);
    static final Rule DUPLICATE_DISK_TARGET = Rule.of("DUPLICATE_DISK_TARGET", Severity.ERROR, false,
            StructureRules::diskTargets);
    static final Rule DUPLICATE_GUEST_ADDRESS = Rule.of("DUPLICATE_GUEST_ADDRESS", Severity.ERROR, false,
            StructureRules::guestAddresses);
    static final Rule DUPLICATE_HOSTDEV = Rule.of("DUPLICATE_HOSTDEV", Severity.ERROR, false,
            StructureRules::hostDevices);

    static final List<Rule> ALL = List.of(VCPU_CELLS, CELL_MEMORY, PIN_VCPU_MISSING, IOTHREAD_UNDEFINED,
            DISK_IOTHREAD_BUS, TOPOLOGY_MISMATCH, HUGEPAGE_NODESET, MEMNODE_CELL_MISSING, DUPLICATE_DISK_TARGET,
            DUPLICATE_GUEST_ADDRESS, DUPLICATE_HOSTDEV);

    static List<GuestNumaCell> cells(Domain d) {
        return d.cpu().map(c -> c.numaCells()).orElse(List.of());
    }

    static int cellId(GuestNumaCell c, int index) {
        return c.id().orElse(index);
    }

    private static void vcpuCells(CheckContext ctx, Findings out) {
        List<GuestNumaCell> cells = cells(ctx.domain());
        if (cells.isEmpty()) {
            return;
        }
        int n = ctx.domain().vcpuCount();
        CpuSet seen = CpuSet.empty();
        for (int i = 0; i < cells.size(); i++) {
            GuestNumaCell c = cells.get(i);
            CpuSet cpus = c.cpus().orElse(CpuSet.empty());
            if (cpus.last().orElse(-1) >= n) {
                out.add(Paths.cell(cellId(c, i)), "guest cell " + cellId(c, i) + " names vCPUs " + cpus
                        + " but the domain has " + n + " vCPU(s) (0-" + (n - 1) + ")",
                        "list only vCPUs below " + n + " in the cell's cpus");
            }
            if (cpus.intersects(seen)) {
                out.add(Paths.cell(cellId(c, i)), "vCPUs " + cpus.intersect(seen) + " are in more than one guest cell",
                        "put every vCPU in exactly one cell");
            }
            seen = seen.union(cpus);
        }
        CpuSet missing = n == 0 ? CpuSet.empty() : CpuSet.range(0, n - 1).minus(seen);
        if (!missing.isEmpty()) {
            out.add("/domain/cpu/numa", "vCPUs " + missing + " are in no guest NUMA cell",
                    "add them to a cell's cpus");
        }
    }

    private static void cellMemory(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        List<GuestNumaCell> cells = cells(d);
        if (cells.isEmpty() || d.memory().isEmpty()) {
            return;
        }
        long sum = 0;
        for (GuestNumaCell c : cells) {
            sum += c.memory().bytes();
        }
        for (MemoryDevice m : d.devices().memoryDevices()) {
            sum += m.targetSize().map(s -> s.bytes()).orElse(0L);
        }
        long total = d.memory().get().bytes();
        if (sum != total) {
            out.add(Paths.MEMORY, "the guest cells hold " + io.virtforge.value.DataSize.ofBytes(sum)
                    + " but the domain's memory is " + d.memory().get(),
                    "make the cells' memory add up to <memory> (libvirt would silently take the cells' sum)");
        }
    }

    private static void pinVcpu(CheckContext ctx, Findings out) {
        int n = ctx.domain().vcpuCount();
        ctx.domain().cputune().ifPresent(t -> {
            for (VcpuPin p : t.vcpuPins()) {
                if (p.vcpu() >= n) {
                    out.add(Paths.vcpupin(p.vcpu()), "vcpupin names vCPU " + p.vcpu() + " but the domain has "
                            + n + " vCPU(s)", "pin only vCPUs 0-" + (n - 1));
                }
            }
        });
    }

    /**
     * The I/O thread ids the domain declares: those of {@code <iothreadids>}, and, while fewer than
     * {@code <iothreads>}, the lowest unused ids of 1..{@code <iothreads>}, as libvirt fills them in
     * (virDomainIOThreadIDDefArrayInit): {@code <iothreads>2</iothreads>} with
     * {@code <iothreadids><iothread id='5'/>} defines threads 5 and 1.
     */
    static Set<Integer> declaredIothreads(Domain d) {
        Set<Integer> ids = new HashSet<>();
        for (IothreadId i : d.iothreadIds()) {
            ids.add(i.id());
        }
        int count = d.iothreads().orElse(0);
        for (int i = 1; i <= count && ids.size() < count; i++) {
            ids.add(i);
        }
        return ids;
    }

    /**
     * A disk's bus: its {@code <target bus>}, else what libvirt derives from the target name
     * (virDomainDiskDefParseXML: sd → scsi, vd → virtio, xvd → xen, ubd → uml, anything else → ide; a
     * floppy → fdc).
     */
    static String busOf(Disk disk) {
        Optional<String> bus = disk.targetBusAsString();
        if (bus.isPresent()) {
            return bus.get();
        }
        if (disk.device().filter(dev -> dev == io.virtforge.model.DiskDevice.FLOPPY).isPresent()) {
            return "fdc";
        }
        String dev = disk.targetDev().orElse("");
        if (dev.startsWith("hd")) {
            return "ide";
        } else if (dev.startsWith("sd")) {
            return "scsi";
        } else if (dev.startsWith("vd")) {
            return "virtio";
        } else if (dev.startsWith("xvd")) {
            return "xen";
        } else if (dev.startsWith("ubd")) {
            return "uml";
        }
        return "ide";
    }

    private static void iothreads(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        Set<Integer> ids = declaredIothreads(d);
        String declare = "declare it with <iothreads> (count) or <iothreadids>";
        d.cputune().ifPresent(t -> {
            for (IothreadPin p : t.iothreadPins()) {
                if (!ids.contains(p.iothread())) {
                    out.add(Paths.iothreadpin(p.iothread()), "iothreadpin names I/O thread " + p.iothread()
                            + ", which the domain does not define", declare);
                }
            }
        });
        List<Disk> disks = d.devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            int io = disks.get(i).driver().map(DiskDriver::iothread).orElse(OptionalInt.empty()).orElse(0);
            if (io > 0 && !ids.contains(io)) {
                out.add(Paths.device("disk", i) + "/driver/@iothread", "disk " + disks.get(i).targetDev().orElse("?")
                        + " uses I/O thread " + io + ", which the domain does not define", declare);
            }
        }
        List<Controller> controllers = d.devices().controllers();
        for (int i = 0; i < controllers.size(); i++) {
            int io = controllers.get(i).driverIothread().orElse(0);
            if (io > 0 && !ids.contains(io)) {
                out.add(Paths.device("controller", i) + "/driver/@iothread", "controller "
                        + controllers.get(i).type() + " uses I/O thread " + io + ", which the domain does not define"
                        + " (libvirt's QEMU driver refuses this: \"controller iothread '" + io
                        + "' not defined in iothreadid\")", declare);
            }
        }
    }

    private static void diskIothreadBus(CheckContext ctx, Findings out) {
        if (!ctx.isQemu()) {
            return;
        }
        List<Disk> disks = ctx.domain().devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            Disk disk = disks.get(i);
            boolean io = disk.driver().map(DiskDriver::iothread).orElse(OptionalInt.empty()).isPresent();
            String bus = busOf(disk);
            if (io && !bus.equals("virtio")) {
                out.add(Paths.device("disk", i) + "/driver/@iothread", "disk " + disk.targetDev().orElse("?")
                        + " on bus " + bus + " names an I/O thread, which only virtio-blk disks take (libvirt's QEMU "
                        + "driver refuses it: \"IOThreads not available for bus " + bus + "\")",
                        "for SCSI disks, give the I/O thread to the virtio-scsi controller "
                                + "(<controller><driver iothread='N'/>) and drop it from the disk");
            }
        }
    }

    private static void topology(CheckContext ctx, Findings out) {
        ctx.domain().cpu().flatMap(c -> c.topology()).ifPresent(t -> {
            int n = ctx.domain().vcpuCount();
            if (t.totalCpus() != n) {
                out.add(Paths.TOPOLOGY, "the topology gives " + t.totalCpus() + " CPUs (sockets x dies x clusters "
                        + "x cores x threads) but the domain has " + n + " vCPUs",
                        "make the product of the topology equal the vCPU count");
            }
        });
    }

    private static void hugepageNodeset(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        List<GuestNumaCell> cells = cells(d);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            ids.add(cellId(cells.get(i), i));
        }
        if (ids.isEmpty()) {
            ids.add(0); // a domain without guest NUMA is one cell, 0
        }
        for (HugePage p : d.memoryBacking().map(m -> m.pages()).orElse(List.of())) {
            if (p.nodeset().isEmpty()) {
                continue;
            }
            for (int cell : p.nodeset().get().toArray()) {
                if (!ids.contains(cell)) {
                    out.add(Paths.HUGEPAGES + "/page", "huge pages of " + p.requestedSize().format() + " name guest cell " + cell
                            + ", which the domain does not have (the nodeset of <page> names guest cells, not host nodes)",
                            "use guest cell ids " + ids);
                }
            }
        }
    }

    private static void memnodeCells(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        List<GuestNumaCell> cells = cells(d);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            ids.add(cellId(cells.get(i), i));
        }
        for (NumaTune.MemNode m : d.numatune().map(NumaTune::memNodes).orElse(List.of())) {
            if (!ids.contains(m.cellId())) {
                out.add(Paths.memnode(m.cellId()), "memnode names guest cell " + m.cellId()
                        + ", which the domain does not have", "define the cell in <cpu><numa> or drop the memnode");
            }
        }
    }

    private static void diskTargets(CheckContext ctx, Findings out) {
        Map<String, Integer> seen = new HashMap<>();
        List<Disk> disks = ctx.domain().devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            String dev = disks.get(i).targetDev().orElse(null);
            if (dev != null && seen.putIfAbsent(dev, i) != null) {
                out.add(Paths.device("disk", i) + "/target", "disk target " + dev + " is used twice",
                        "give each disk its own target dev");
            }
        }
    }

    /**
     * The path other rules name a device by, its kind and its index among the devices of that kind (disk[2]);
     * worked out only for a finding, so a clean domain costs no strings.
     */
    private static String path(Domain d, Device dev) {
        int i = 0;
        for (Device other : d.devices().all()) {
            if (other == dev) {
                return Paths.device(dev.kind(), i);
            }
            if (other.kind().equals(dev.kind())) {
                i++;
            }
        }
        throw new IllegalArgumentException("not a device of the domain: " + dev.kind());
    }

    /** Told of each device that claims what an earlier one claimed. */
    @FunctionalInterface
    private interface Repeat<K> {
        void found(Device first, Device again, K claim);
    }

    /** Tells {@code repeat} of each device that claims (null: nothing) what an earlier one claimed. */
    private static <K> void repeats(Domain d, Function<Device, K> claim, Repeat<K> repeat) {
        Map<K, Device> seen = null; // most domains claim nothing: no map for them
        for (Device dev : d.devices().all()) {
            K k = claim.apply(dev);
            if (k != null) {
                if (seen == null) {
                    seen = new HashMap<>();
                }
                Device first = seen.putIfAbsent(k, dev);
                if (first != null) {
                    repeat.found(first, dev, k);
                }
            }
        }
    }

    private static void guestAddresses(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        repeats(d, dev -> dev.address().flatMap(a -> a.pci()).orElse(null), (first, again, a) ->
                out.add(path(d, again) + "/address", "guest PCI address " + a + " is used by " + path(d, first)
                        + " and " + path(d, again), "give each device its own slot "
                        + "or drop the addresses and let libvirt assign them"));
    }

    private static void hostDevices(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        repeats(d, dev -> dev instanceof io.virtforge.model.Hostdev h ? h.sourcePci().orElse(null)
                : dev instanceof io.virtforge.model.NetInterface n ? n.sourcePci().orElse(null) : null,
                (first, again, host) -> out.add(path(d, again) + "/source", "host device " + host
                        + " is assigned twice, by " + path(d, first) + " and " + path(d, again),
                        "assign each host device once"));
    }
}
