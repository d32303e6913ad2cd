package io.virtforge.check;

import io.virtforge.model.Controller;
import io.virtforge.model.CpuMode;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskDriver;
import io.virtforge.model.DiscardMode;
import io.virtforge.model.CacheMode;
import io.virtforge.model.Domain;
import io.virtforge.model.IoMode;
import io.virtforge.model.MemoryBacking;
import io.virtforge.model.NetInterface;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.value.CpuSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The seed's production tuning checklist, as the warnings of the LATENCY_SENSITIVE profile: pinned
 * vCPUs, an isolated emulator, a fast CPU mode, locked huge pages without a balloon, disks with cache
 * none, native I/O, discard and an I/O thread, virtio NICs on vhost with one queue per vCPU, and
 * guest cells that stay on one host node.
 */
final class ChecklistRules {
    private ChecklistRules() {
    }

    static final Rule NO_PINNING = Rule.of("NO_PINNING", Severity.WARNING, false, ChecklistRules::pinning);
    static final Rule EMULATOR_NOT_ISOLATED = Rule.of("EMULATOR_NOT_ISOLATED", Severity.WARNING, false,
            ChecklistRules::emulator);
    static final Rule CPU_MODE = Rule.of("CPU_MODE", Severity.WARNING, false, ChecklistRules::cpuMode);
    static final Rule NO_HUGEPAGES = Rule.of("NO_HUGEPAGES", Severity.WARNING, false, ChecklistRules::hugepages);
    static final Rule MEMORY_NOT_LOCKED = Rule.of("MEMORY_NOT_LOCKED", Severity.WARNING, false, ChecklistRules::locked);
    static final Rule BALLOON_WITH_HUGEPAGES = Rule.of("BALLOON_WITH_HUGEPAGES", Severity.WARNING, false,
            ChecklistRules::balloon);
    static final Rule DISK_CACHE = Rule.of("DISK_CACHE", Severity.WARNING, false, ChecklistRules::diskCache);
    static final Rule NO_DISCARD = Rule.of("NO_DISCARD", Severity.WARNING, false, ChecklistRules::discard);
    static final Rule NO_IOTHREAD = Rule.of("NO_IOTHREAD", Severity.WARNING, false, ChecklistRules::iothread);
    static final Rule NET_NO_VHOST = Rule.of("NET_NO_VHOST", Severity.WARNING, false, ChecklistRules::vhost);
    static final Rule NET_QUEUES = Rule.of("NET_QUEUES", Severity.WARNING, false, ChecklistRules::queues);
    static final Rule GUEST_CELL_SPANS_NODES = Rule.of("GUEST_CELL_SPANS_NODES", Severity.WARNING, false,
            ChecklistRules::cellSpans);

    static final List<Rule> ALL = List.of(NO_PINNING, EMULATOR_NOT_ISOLATED, CPU_MODE, NO_HUGEPAGES,
            MEMORY_NOT_LOCKED, BALLOON_WITH_HUGEPAGES, DISK_CACHE, NO_DISCARD, NO_IOTHREAD, NET_NO_VHOST, NET_QUEUES,
            GUEST_CELL_SPANS_NODES);

    private static void pinning(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        if (d.vcpu().flatMap(v -> v.cpuset()).isPresent()) {
            return; // all vCPUs confined by <vcpu cpuset>
        }
        CpuSet unpinned = CpuSet.range(0, Math.max(0, d.vcpuCount() - 1));
        for (var p : d.cputune().map(t -> t.vcpuPins()).orElse(List.of())) {
            unpinned = unpinned.minus(CpuSet.of(p.vcpu()));
        }
        if (!unpinned.isEmpty() && d.vcpuCount() > 0) {
            out.add("/domain/cputune", "vCPUs " + unpinned + " are not pinned: the host scheduler moves them between "
                    + "CPUs (and NUMA nodes), costing cache locality", "pin every vCPU to its own host CPU (<vcpupin>)");
        }
    }

    private static void emulator(CheckContext ctx, Findings out) {
        DomainFootprint f = ctx.footprint();
        if (f.emulatorPin().isEmpty()) {
            out.add(Paths.CPUTUNE, "the emulator threads are not pinned and compete with the vCPUs",
                    "pin them to housekeeping CPUs (<emulatorpin cpuset='0-1'/>)");
        } else if (f.emulatorPin().intersects(f.vcpuPins())) {
            out.add(Paths.EMULATORPIN, "the emulator threads share CPUs " + f.emulatorPin().intersect(f.vcpuPins())
                    + " with the vCPUs", "pin them outside " + f.vcpuPins());
        }
    }

    private static void cpuMode(CheckContext ctx, Findings out) {
        Optional<CpuMode> mode = ctx.domain().cpu().flatMap(c -> c.mode());
        if (mode.isPresent() && (mode.get() == CpuMode.HOST_PASSTHROUGH || mode.get() == CpuMode.HOST_MODEL)) {
            return;
        }
        out.add(Paths.CPU, "the CPU mode is " + ctx.domain().cpu().flatMap(c -> c.modeAsString()).orElse("unset (custom)")
                + ": the guest sees a generic model and misses host features", "use host-passthrough (fastest, "
                + "migrates only to identical hosts) or host-model (near-native, migratable)");
    }

    private static boolean hugepages(Domain d) {
        return d.memoryBacking().map(MemoryBacking::hugepages).orElse(false);
    }

    private static void hugepages(CheckContext ctx, Findings out) {
        if (!hugepages(ctx.domain())) {
            out.add(Paths.MEMORY_BACKING, "guest memory is not backed by huge pages (more TLB misses, slower "
                    + "two-level translation)", "back it with 2 MiB pages (<memoryBacking><hugepages>), 1 GiB for "
                    + "guests of 128 GiB and more");
        }
    }

    private static void locked(CheckContext ctx, Findings out) {
        if (!ctx.domain().memoryBacking().map(MemoryBacking::locked).orElse(false)) {
            out.add(Paths.MEMORY_BACKING, "guest memory is not locked: the host may swap it",
                    "add <locked/> to <memoryBacking>");
        }
    }

    private static void balloon(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        if (!hugepages(d)) {
            return;
        }
        Optional<String> model = d.devices().memballoon().map(m -> m.model());
        if (model.isPresent() ? !model.get().equals("none") : ctx.isQemu()) {
            out.add(Paths.MEMBALLOON, model.isPresent() ? "a " + model.get() + " balloon on huge-page backed memory"
                    : "no <memballoon>: libvirt's QEMU driver then adds a virtio balloon, on huge-page backed memory",
                    "huge pages cannot be ballooned; add <memballoon model='none'/>");
        }
    }

    private static void diskCache(CheckContext ctx, Findings out) {
        List<Disk> disks = ctx.domain().devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            Disk disk = disks.get(i);
            if (!isDataDisk(disk)) {
                continue;
            }
            Optional<DiskDriver> driver = disk.driver();
            boolean cacheNone = driver.flatMap(DiskDriver::cache).filter(c -> c == CacheMode.NONE).isPresent();
            boolean ioNative = driver.flatMap(DiskDriver::io).filter(m -> m == IoMode.NATIVE).isPresent();
            if (!cacheNone || !ioNative) {
                out.add(Paths.device("disk", i) + "/driver", "disk " + disk.targetDev().orElse("?") + " has cache "
                        + driver.flatMap(DiskDriver::cacheAsString).orElse("default") + " and io "
                        + driver.flatMap(DiskDriver::ioAsString).orElse("default"),
                        "use cache='none' io='native' (O_DIRECT, native AIO)");
            }
        }
    }

    private static boolean isDataDisk(Disk disk) {
        return disk.device().map(d -> d == io.virtforge.model.DiskDevice.DISK).orElse(true) && !disk.readonly();
    }

    private static void discard(CheckContext ctx, Findings out) {
        List<Disk> disks = ctx.domain().devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            Disk disk = disks.get(i);
            if (isDataDisk(disk) && disk.driver().flatMap(DiskDriver::discard).filter(m -> m == DiscardMode.UNMAP).isEmpty()) {
                out.add(Paths.device("disk", i) + "/driver", "disk " + disk.targetDev().orElse("?")
                        + " does not pass discards down: freed blocks stay allocated on the host",
                        "add discard='unmap' to the disk driver");
            }
        }
    }

    private static void iothread(CheckContext ctx, Findings out) {
        Domain d = ctx.domain();
        List<Controller> controllers = d.devices().controllers();
        for (int i = 0; i < controllers.size(); i++) {
            Controller c = controllers.get(i);
            if (c.type().equals("scsi") && c.model().filter(m -> m.startsWith("virtio-scsi")).isPresent()
                    && c.driverIothread().isEmpty()) {
                out.add(Paths.device("controller", i), "the virtio-scsi controller has no I/O thread: its I/O runs in "
                        + "the main QEMU loop", "add <iothreads>1</iothreads> and <driver iothread='1'/> to the controller");
            }
        }
        List<Disk> disks = d.devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            Disk disk = disks.get(i);
            OptionalInt io = disk.driver().map(DiskDriver::iothread).orElse(OptionalInt.empty());
            if (StructureRules.busOf(disk).equals("virtio") && io.isEmpty()) {
                out.add(Paths.device("disk", i) + "/driver", "virtio-blk disk " + disk.targetDev().orElse("?")
                        + " has no I/O thread", "add <iothreads> and driver iothread='N'");
            }
        }
    }

    private static boolean virtioNic(NetInterface n) {
        return n.model().filter(m -> m.startsWith("virtio")).isPresent() && !n.type().equals("hostdev")
                && !n.type().equals("vhostuser");
    }

    private static void vhost(CheckContext ctx, Findings out) {
        List<NetInterface> nics = ctx.domain().devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            NetInterface n = nics.get(i);
            if (virtioNic(n) && !n.driverName().filter("vhost"::equals).isPresent()) {
                out.add(Paths.device("interface", i) + "/driver", "virtio NIC does not ask for vhost-net (driver name "
                        + n.driverName().orElse("unset") + "): libvirt silently falls back to the slower user-space "
                        + "backend when vhost is unavailable", "add <driver name='vhost'/>");
            }
        }
    }

    private static void queues(CheckContext ctx, Findings out) {
        int vcpus = ctx.domain().vcpuCount();
        List<NetInterface> nics = ctx.domain().devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            NetInterface n = nics.get(i);
            int q = n.driverQueues().orElse(1);
            if (virtioNic(n) && q != vcpus) {
                out.add(Paths.device("interface", i) + "/driver", "virtio NIC has " + q + " queue(s) for " + vcpus
                        + " vCPUs: packet processing cannot spread over the vCPUs", "set <driver queues='" + vcpus + "'/>");
            }
        }
    }

    private static void cellSpans(CheckContext ctx, Findings out) {
        boolean explicit = !StructureRules.cells(ctx.domain()).isEmpty();
        for (DomainFootprint.CellUse c : ctx.footprint().cells()) {
            if (c.hostNodes().filter(ns -> ns.size() > 1).isPresent()) {
                out.add(explicit ? Paths.cell(c.cell()) : Paths.NUMATUNE_MEMORY, "the memory of guest cell " + c.cell()
                        + " spans host nodes " + c.hostNodes().get() + ": some accesses are remote (200-300 ns "
                        + "instead of ~100 ns)", "bind each guest cell to one host node");
            }
        }
    }
}
