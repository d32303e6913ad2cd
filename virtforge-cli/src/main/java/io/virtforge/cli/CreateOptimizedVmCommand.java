package io.virtforge.cli;

import io.virtforge.build.BuilderDefaults;
import io.virtforge.check.Finding;
import io.virtforge.check.Profile;
import io.virtforge.check.Report;
import io.virtforge.check.Validator;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.plan.NoFit;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.ValueFormatException;
import io.virtforge.model.DomainXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge create-optimized-vm NAME VCPUS MEMORY_GB DISK_GB NUMA_NODE}: the seed's
 * {@code create-optimized-vm.sh}, done right. The Planner places the VM on the node (dedicated vCPUs on
 * CPUs no other domain pins, huge pages, an I/O thread with the emulator on housekeeping CPUs); missing
 * huge pages are allocated on that node; the disk image is made; the domain is checked with the
 * latency-sensitive profile, defined and started; and the vCPUs are shown as the hypervisor placed them.
 * Every step that changed the host is undone, in reverse, when a later one fails.
 */
@Command(name = "create-optimized-vm", sortOptions = false,
        description = {"Plan, create and start a performance-tuned VM on one NUMA node: dedicated vCPUs, huge pages "
                + "(allocated when short), an I/O thread, a virtio-scsi disk, a virtio NIC.",
                "A failed step undoes the earlier ones, and so does Ctrl-C once the step in progress is done. Exit 0 when "
                        + "running, 1 on no fit or a failure, 2 on bad input, 130 when interrupted."})
final class CreateOptimizedVmCommand implements Callable<Integer> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    /** Where images go on a libvirt host by default. */
    static final Path LIBVIRT_IMAGES = Path.of("/var/lib/libvirt/images");

    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Parameters(index = "0", paramLabel = "NAME", description = "The domain name (also the disk image's file name).")
    String name;
    @Parameters(index = "1", paramLabel = "VCPUS", description = "vCPUs, each on a dedicated host CPU.")
    int vcpus;
    @Parameters(index = "2", paramLabel = "MEMORY_GB", converter = Arguments.Size.class,
            description = "Memory: 16 (GiB) or a size such as 128MiB; backed by huge pages.")
    DataSize memory;
    @Parameters(index = "3", paramLabel = "DISK_GB", converter = Arguments.Size.class,
            description = "The disk image's size: 100 (GiB) or a size such as 16MiB.")
    DataSize diskSize;
    @Parameters(index = "4", paramLabel = "NUMA_NODE", description = "The host NUMA node for vCPUs, memory and threads.")
    int node;
    @Option(names = "--type", defaultValue = "kvm", paramLabel = "kvm|qemu",
            description = "kvm (default), or qemu for software emulation (TCG) on machines without KVM.")
    String type;
    @Option(names = "--images", paramLabel = "DIR", description = "Where the disk image goes: an existing folder. "
            + "Default: /var/lib/libvirt/images for a libvirt host on this machine (made with qemu-img; the folder is "
            + "made when missing, and removed again when the run is undone); a temporary folder for a fake host (a "
            + "sparse file stands in for the image and is deleted when virtforge exits).")
    Path images;
    @Option(names = "--network", defaultValue = "default", paramLabel = "NAME|none",
            description = "The libvirt network of the virtio NIC (default 'default'); none for no NIC.")
    String network;
    @Option(names = "--reserved", defaultValue = "auto", paramLabel = "CPUS|auto|none",
            description = "Housekeeping CPUs for the emulator and I/O thread (no vCPU goes there). auto (default): "
                    + "the node's first core no other domain pins vCPUs to, when the node can spare it; none: the "
                    + "emulator shares the vCPUs' CPUs.")
    String reserved;
    @Option(names = "--page-size", defaultValue = "2MiB", paramLabel = "2MiB|1GiB", description = "The huge page size.")
    String pageSize;
    @Option(names = "--kernel", paramLabel = "PATH", description = "Boot this kernel directly (no bootloader).")
    Path kernel;
    @Option(names = "--initrd", paramLabel = "PATH", description = "The initramfs of --kernel.")
    Path initrd;
    @Option(names = "--cmdline", paramLabel = "TEXT", description = "The kernel command line of --kernel.")
    String cmdline;
    @Option(names = "--serial-log", paramLabel = "PATH", description = "Write the serial console to this host file "
            + "(instead of a pty console).")
    Path serialLog;
    @Option(names = "--lock-memory", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Lock the guest's memory (the default, as the seed's checklist asks); --no-lock-memory where "
                    + "libvirtd may not raise the locked-memory limit (containers without CAP_SYS_RESOURCE).")
    boolean lockMemory;
    @Option(names = "--machine", paramLabel = "TYPE", description = "The machine type (default q35; pc boots faster under TCG).")
    String machine;
    @Option(names = "--dry-run", description = "Print the plan and the domain XML; change nothing. Checks what the host "
            + "can say first: the network exists and is active, the images folder is writable, the host offers --type "
            + "guests (an emulator; kvm needs a usable /dev/kvm) and the --machine type.")
    boolean dryRun;
    @Option(names = "--json", description = "Print a machine-readable summary on stdout (progress stays on stderr).")
    boolean json;

    private PrintWriter out;
    private Progress progress;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        progress = new Progress(spec.commandLine().getErr());
        DomainType domainType = checkInputs();
        PageSize size = parsePageSize();
        try (Connector.Lease lease = connect.open()) {
            VirtConnection c = lease.connection();
            try {
                try {
                    return create(c, domainType, size);
                } catch (io.virtforge.connect.VirtException e) {
                    // reading the host failed before anything was changed
                    throw new CliException(Virtforge.PROBLEM, e.getMessage() + "; nothing was changed", e);
                }
            } catch (CliException e) {
                if (json && !e.printed()) {
                    out.println(io.virtforge.json.Json.write(JsonText.object("ok", false, "name", name, "uri", c.uri(),
                            "error", e.getMessage())));
                    out.flush();
                }
                throw e;
            }
        }
    }

    private DomainType checkInputs() {
        if (!NAME.matcher(name).matches()) {
            throw CliException.badInput("'" + name + "' is not a usable name: letters, digits and _ . + - "
                    + "(starting with a letter or digit), at most 64");
        }
        Counts.requireBetween("VCPUS", vcpus, 1, Counts.MAX_VCPUS, "");
        Sizes.requireAtLeast("MEMORY_GB", memory, Sizes.MIN_MEMORY, "no guest boots in less");
        Sizes.requireAtLeast("DISK_GB", diskSize, Sizes.MIN_DISK, "");
        if (node < 0) {
            throw CliException.badInput("NUMA_NODE must not be negative");
        }
        if (kernel == null && (initrd != null || cmdline != null)) {
            throw CliException.badInput("--initrd and --cmdline need --kernel");
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "kvm" -> DomainType.KVM;
            case "qemu" -> DomainType.QEMU;
            default -> throw CliException.badInput("--type must be kvm or qemu, not '" + type + "'");
        };
    }

    private PageSize parsePageSize() {
        try {
            PageSize s = PageSize.parse(pageSize);
            if (!s.isHuge()) {
                throw CliException.badInput("--page-size must be a huge page size such as 2MiB or 1GiB");
            }
            Sizes.requireWholePages("memory", memory, s);
            return s;
        } catch (ValueFormatException e) {
            throw CliException.badInput("--page-size: " + e.getMessage());
        }
    }

    private int create(VirtConnection c, DomainType domainType, PageSize size) throws CliException {
        HostAccess.Kind kind = HostAccess.kindOf(c);
        if (kind == HostAccess.Kind.REMOTE) {
            throw CliException.badInput(c.uri() + " is another machine, and the disk image is made on this one: run "
                    + "virtforge on that host with --connect qemu:///system");
        }
        if (kind == HostAccess.Kind.LOCAL) {
            for (Path p : new Path[] {kernel, initrd}) {
                if (p != null && !Files.isReadable(p)) {
                    throw CliException.badInput("no readable file " + p);
                }
            }
        }
        HostState host = c.hostState();
        HostTopology topology = host.topology();
        NumaNode numa = topology.node(node).orElseThrow(() -> CliException.badInput("the host has no NUMA node " + node
                + "; its nodes are " + NodeSet.of(topology.nodes().stream().map(NumaNode::id).toList())));
        if (c.lookup(name).isPresent()) {
            throw CliException.problem("a domain named '" + name + "' exists already on " + c.uri());
        }
        Preflight.network(c, network);
        BuilderDefaults defaults = BuilderDefaults.standard();
        Preflight.guest(c, domainType, defaults.arch(), // the arch VmRecipe's builder gives
                machine != null ? machine : defaults.machine());
        Images img = images(kind);
        Preflight.writableFolder(img.dir());
        Path diskPath = img.dir().resolve(name + ".qcow2").toAbsolutePath();
        if (Files.exists(diskPath)) {
            throw CliException.problem("the disk image " + diskPath + " exists already; delete it or choose another name");
        }
        CpuSet housekeeping = housekeeping(host, numa);

        HugePagePool pool = numa.pool(size).orElseThrow(() -> CliException.problem("node " + node + " has no "
                + size.format() + " huge page pool (the host's page sizes: " + topology.pageSizes() + ")"));
        long needed = memory.bytes() / size.bytes();
        long free = host.freeHugePages(node, size);
        long missing = Math.max(0, needed - free);
        // plan as if the missing pages were there already: they are allocated only once the plan holds
        HostState planning = HostState.of(topology.toBuilder().hugePages(node, grown(pool, missing)).build(),
                host.domains());

        PlacementRequest request = PlacementRequest.builder(vcpus, memory).pageSize(size).iothreads(1)
                .allowedNodes(NodeSet.of(node)).reservedCpus(housekeeping).build();
        PlacementResult result = Planner.create().plan(request, planning);
        if (result.noFit().isPresent()) {
            return noFit(c, result.noFit().get());
        }
        Placement placement = result.orElseThrow();
        Domain domain = new VmRecipe(name, domainType, diskPath, network, kernel, initrd, cmdline, serialLog, machine,
                lockMemory)
                .build(placement, topology);
        Report report = Validator.latencySensitive().validate(domain, planning);
        Summary summary = new Summary(c.uri(), placement, size, needed, free, missing, diskPath, img, report);
        if (!json) {
            out.print(summary.planText(name, node, housekeeping, network, serialLog));
            out.flush();
        }
        if (report.hasErrors()) {
            if (json) {
                out.println(summary.json(name, node, false, null, null));
                out.flush();
                throw CliException.silent(Virtforge.PROBLEM);
            }
            throw CliException.problem("the planned domain has errors (above); nothing was changed");
        }
        if (dryRun) {
            String xml = DomainXml.defaults().write(domain);
            if (json) {
                out.println(summary.json(name, node, true, null, xml));
            } else {
                out.println("Domain XML (dry run: nothing was changed):");
                out.print(xml);
            }
            out.flush();
            return Virtforge.OK;
        }
        VirtDomain vm = apply(c, domain, summary);
        VcpuReport vcpuReport = VcpuReport.read(vm);
        if (json) {
            Map<String, Object> running = JsonText.object("state", vm.state().name().toLowerCase(Locale.ROOT));
            running.putAll(vcpuReport.json());
            out.println(summary.json(name, node, false, running, null));
        } else {
            out.println(name + " is " + vm.state().name().toLowerCase(Locale.ROOT) + " on " + c.uri() + ".");
            out.print(vcpuReport.text());
        }
        out.flush();
        return Virtforge.OK;
    }

    private static HugePagePool grown(HugePagePool pool, long missing) {
        return pool.free().isPresent() ? HugePagePool.of(pool.size(), pool.total() + missing,
                pool.free().getAsLong() + missing) : HugePagePool.ofTotal(pool.size(), pool.total() + missing);
    }

    /** The steps that change the host, undone in reverse when one fails or the user interrupts. */
    private VirtDomain apply(VirtConnection c, Domain domain, Summary s) {
        HostChanges changes = new HostChanges(progress);
        try (InterruptHook hook = InterruptHook.arm(changes, () -> {
            out.flush();
            spec.commandLine().getErr().flush();
        })) {
            if (s.missing() > 0) {
                changes.step("allocating huge pages", undo -> allocatePages(c, s, undo));
            }
            if (s.images().create()) {
                changes.step("making the folder " + s.images().dir(), undo -> makeFolder(s.images(), undo));
            }
            changes.step("creating the disk image " + s.diskPath(), undo -> makeDisk(s, undo));
            VirtDomain vm = changes.step("defining " + name, undo -> define(c, domain, undo));
            changes.step("starting " + name, undo -> start(vm));
            changes.commit();
            return vm;
        } catch (HostChanges.Interrupted e) {
            throw interrupted();
        } catch (HostChanges.StepFailed e) {
            if (changes.interrupted()) {
                throw interrupted();
            }
            Exception cause = e.getCause();
            String why = cause instanceof CliException ? cause.getMessage()
                    : e.step() + " failed: " + cause(cause) + hint(cause);
            Undo.Outcome outcome = changes.undoAll();
            throw new CliException(Virtforge.PROBLEM, why + "; " + outcome.describe(), cause);
        }
    }

    private VirtDomain start(VirtDomain vm) throws Exception {
        Progress.Step p = progress.start("starting " + name + " (the guest boots)");
        attempt(p, () -> {
            vm.start();
            return null;
        });
        p.done(vm.state().name().toLowerCase(Locale.ROOT));
        return vm;
    }

    /** The interrupt has undone and said so: the command only ends. */
    private static CliException interrupted() {
        return CliException.silent(InterruptHook.EXIT_CODE);
    }

    private static String cause(Exception e) {
        return e instanceof IOException io ? IoMessages.describe(io) : String.valueOf(e.getMessage());
    }

    /** Runs a step's action; marks its progress line failed when it throws. */
    private static <T> T attempt(Progress.Step p, Callable<T> action) throws Exception {
        try {
            return action.call();
        } catch (Exception e) {
            p.failed();
            throw e;
        }
    }

    private PagePool.Growth allocatePages(VirtConnection c, Summary s, Undo undo) throws Exception {
        long before = c.topology().node(node).flatMap(n -> n.pool(s.pageSize())).map(HugePagePool::total).orElse(0L);
        Progress.Step p = progress.start("allocating " + s.missing() + " " + s.pageSize().format() + " pages on node "
                + node + " (pool " + before + " -> " + (before + s.missing()) + ")");
        PagePool.Growth g = attempt(p, () -> PagePool.grow(c, node, s.pageSize(),
                before, before + s.missing(), s.needed()));
        p.done(g.free() + " free");
        undo.push("give back the " + g.added() + " " + s.pageSize().format() + " pages of node " + node, () -> {
            long now = c.setPagePool(node, s.pageSize(), g.before());
            if (now != g.before()) {
                throw new IllegalStateException("the pool is at " + now + ", not " + g.before());
            }
        });
        return g;
    }

    private Path makeFolder(Images img, Undo undo) throws Exception {
        Progress.Step p = progress.start("making the folder " + img.dir());
        attempt(p, () -> Files.createDirectory(img.dir()));
        p.done("");
        if (img.deleteOnExit()) {
            img.dir().toFile().deleteOnExit();
        }
        // only an empty folder goes: the image in it is undone first, and anything else is not ours
        undo.push("remove the folder " + img.dir(), () -> Files.deleteIfExists(img.dir()));
        return img.dir();
    }

    private Path makeDisk(Summary s, Undo undo) throws Exception {
        Progress.Step p = progress.start("creating " + s.diskPath() + " (" + Sizes.human(diskSize) + ", "
                + s.images().how().description + ")");
        attempt(p, () -> {
            DiskImages.create(s.diskPath(), diskSize, s.images().how());
            return null;
        });
        p.done("");
        if (s.images().deleteOnExit()) {
            s.diskPath().toFile().deleteOnExit();
        }
        undo.push("delete " + s.diskPath(), () -> Files.deleteIfExists(s.diskPath()));
        return s.diskPath();
    }

    private VirtDomain define(VirtConnection c, Domain domain, Undo undo) throws Exception {
        Progress.Step p = progress.start("defining " + name);
        VirtDomain vm = attempt(p, () -> c.define(domain,
                DefineOptions.againstHost(Profile.LATENCY_SENSITIVE)));
        p.done("");
        undo.push("undefine " + name, () -> {
            if (vm.state().isActive()) {
                vm.destroy();
            }
            vm.undefine();
        });
        return vm;
    }

    /** What to do about failures this command knows. */
    private static String hint(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("cannot limit locked memory")) {
            return " (libvirtd may not lock guest memory here, e.g. a container without CAP_SYS_RESOURCE: "
                    + "use --no-lock-memory)";
        }
        if (m.contains("hugetlbfs") && m.contains("not mounted")) {
            return " (mount hugetlbfs before libvirtd starts: scripts/setup-libvirt-host.sh does)";
        }
        if (m.contains("/dev/kvm") || m.contains("KVM is not available") || m.contains("kvm is not supported")) {
            return " (this machine has no KVM: use --type qemu)";
        }
        if (m.contains("network") && m.contains("not found")) {
            return " (the host has no such libvirt network: --network NAME, or --network none)";
        }
        return "";
    }

    private int noFit(VirtConnection c, NoFit noFit) {
        if (json) {
            out.println(io.virtforge.json.Json.write(JsonText.object("ok", false, "name", name, "uri", c.uri(),
                    "error", "no placement on node " + node, "placement", JsonText.raw(noFit.toJson()))));
            out.flush();
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.print("virtforge: " + Counts.of(vcpus, "vCPU") + " and " + Sizes.human(memory) + " do not fit on node " + node + " of "
                    + c.uri() + "; nothing was changed\n" + noFit);
            err.flush();
        }
        throw CliException.silent(Virtforge.PROBLEM);
    }

    /**
     * Where the image goes and how it is made.
     *
     * @param create       the folder is made by the command (an undoable step)
     * @param deleteOnExit a fake host's stand-in: folder and image go when virtforge exits
     */
    record Images(Path dir, DiskImages.How how, boolean create, boolean deleteOnExit) {
    }

    private Images images(HostAccess.Kind kind) {
        DiskImages.How how = kind == HostAccess.Kind.LOCAL ? DiskImages.How.QEMU_IMG : DiskImages.How.SPARSE;
        if (images != null) {
            Path dir = images.toAbsolutePath();
            if (!Files.exists(dir)) {
                throw CliException.badInput("--images " + images + ": no such folder");
            }
            if (!Files.isDirectory(dir)) {
                throw CliException.badInput("--images " + images + ": not a folder");
            }
            return new Images(dir, how, false, false);
        }
        if (kind == HostAccess.Kind.LOCAL) {
            return new Images(LIBVIRT_IMAGES, how, !Files.isDirectory(LIBVIRT_IMAGES), false);
        }
        // named now for the plan, made as a step: a failed run leaves no folder behind
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "virtforge-images-"
                + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36));
        return new Images(dir, how, true, true);
    }

    /** The housekeeping CPUs: --reserved, or (auto) the node's first core no other domain pins vCPUs to. */
    private CpuSet housekeeping(HostState host, NumaNode numa) {
        String r = reserved.trim().toLowerCase(Locale.ROOT);
        if (r.equals("none") || r.isEmpty()) {
            return CpuSet.empty();
        }
        HostTopology t = host.topology();
        if (!r.equals("auto")) {
            CpuSet set;
            try {
                set = CpuSet.parse(r);
            } catch (ValueFormatException e) {
                throw CliException.badInput("--reserved: " + e.getMessage());
            }
            if (!t.onlineCpus().containsAll(set)) {
                throw CliException.badInput("--reserved " + set + ": the host's online CPUs are " + t.onlineCpus());
            }
            return set;
        }
        CpuSet usable = numa.cpus().intersect(t.onlineCpus());
        CpuSet free = CpuSet.of(usable.stream().filter(cpu -> host.vcpuPinnedBy(cpu).isEmpty()).toArray());
        for (int cpu : free.toArray()) {
            CpuSet core = t.cpu(cpu).map(x -> x.siblings()).orElse(CpuSet.of(cpu)).intersect(usable);
            if (free.containsAll(core)) {
                return free.minus(core).size() >= vcpus ? core : CpuSet.empty();
            }
        }
        return CpuSet.empty();
    }

    /** What the plan is and what was done, for text and JSON. */
    record Summary(String uri, Placement placement, PageSize pageSize, long needed, long free, long missing,
            Path diskPath, Images images, Report report) {
        String planText(String name, int node, CpuSet housekeeping, String network, Path serialLog) {
            StringBuilder sb = new StringBuilder();
            sb.append("Plan for ").append(name).append(" on ").append(uri).append(", NUMA node ").append(node)
                    .append(":\n");
            for (String line : Pictures.placement(placement).split("\n")) {
                sb.append("  ").append(line).append('\n');
            }
            sb.append("  housekeeping CPUs: ").append(housekeeping.isEmpty() ? "none (the emulator shares the vCPUs' CPUs)"
                    : housekeeping.format()).append('\n');
            sb.append("  huge pages: ").append(needed).append(" x ").append(pageSize.format()).append(" needed, ")
                    .append(free).append(" free on node ").append(node).append(missing > 0 ? " -> " + missing
                            + " to allocate" : " -> none to allocate").append('\n');
            sb.append("  disk: ").append(diskPath).append(", qcow2 on virtio-scsi (cache none, io native, discard unmap, "
                    + "I/O thread 1), made with ").append(images.how().description).append('\n');
            if (images.deleteOnExit()) {
                sb.append("        (fake host: it lives only for this command, so the image goes to a temporary "
                        + "folder and is deleted when virtforge exits; --images DIR keeps it)\n");
            }
            sb.append("  NIC: ").append(network.equals("none") ? "none" : "virtio on network '" + network
                    + "', vhost, one queue per vCPU").append('\n');
            sb.append("  console: ").append(serialLog == null ? "pty" : "serial to " + serialLog).append('\n');
            List<Finding> shown = report.findings();
            sb.append("Checks (latency-sensitive, against the host): ").append(report.errors().size())
                    .append(" error(s), ").append(report.warnings().size()).append(" warning(s)\n");
            for (Finding f : shown) {
                sb.append("  ").append(f.severity()).append(' ').append(f.code()).append(": ").append(f.message())
                        .append('\n');
            }
            return sb.toString();
        }

        String json(String name, int node, boolean dryRun, Map<String, Object> running, String xml) {
            Map<String, Object> m = JsonText.object("ok", !report.hasErrors(), "name", name, "uri", uri,
                    "dryRun", dryRun, "node", node, "placement", JsonText.raw(placement.toJson()),
                    "hugePages", JsonText.object("size", pageSize.format(), "needed", needed, "free", free,
                            "allocated", dryRun || report.hasErrors() ? 0 : missing),
                    "disk", JsonText.object("path", diskPath.toString(), "format", "qcow2",
                            "made", images.how() == DiskImages.How.QEMU_IMG ? "qemu-img" : "sparse-file",
                            "deletedOnExit", images.deleteOnExit()),
                    "findings", report.findings());
            if (running != null) {
                m.putAll(running);
            }
            if (xml != null) {
                m.put("xml", xml);
            }
            return io.virtforge.json.Json.write(m);
        }
    }
}
