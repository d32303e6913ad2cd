package io.virtforge.cli;

import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.Disk;
import io.virtforge.model.DomainType;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaMode;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateOptimizedVmCommandTest {
    @TempDir
    Path images;
    FakeVirtConnection xeon;

    @BeforeEach
    void host() {
        xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.storage().addFolder(images.toString()); // the command line makes its images there for real // 2 nodes x 16 cores x 2 threads, 8192 free 2 MiB pages each
    }

    private CliRun create(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("create-optimized-vm"));
        args.addAll(List.of(more));
        args.addAll(List.of("--images", images.toString()));
        return CliRun.on(xeon, args.toArray(String[]::new));
    }

    private long pool(int node) {
        return xeon.topology().node(node).orElseThrow().pool(PageSize.MIB_2).orElseThrow().total();
    }

    /** Another domain already on node 0: vCPUs on CPUs 1-4 and their siblings 33-36. */
    private void existingDomainOnNode0() {
        VirtDomain other = xeon.define(DomainBuilder.named("other").vcpus(8).memory(DataSize.gib(4))
                .hugepages(PageSize.MIB_2).memoryOn(NumaMode.STRICT, NodeSet.of(0))
                .pinVcpus(CpuSet.parse("1-4,33-36")).pinEmulator(CpuSet.parse("0,32")).build());
        other.start();
    }

    @Test
    void theReadmeJobRunsOnTheDefaultHost() throws Exception {
        // no seam: the default --connect opens fake:///xeon-2s through the connection providers
        CliRun run = CliRun.of("create-optimized-vm", "demo", "8", "16", "100", "0", "--images", images.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Plan for demo on fake:///xeon-2s, NUMA node 0", "none to allocate",
                "demo is running on fake:///xeon-2s", "emulator pinned to 0,32");
        assertThat(run.err()).contains("defining demo ... done", "starting demo (the guest boots) ... running");
        Path disk = images.resolve("demo.qcow2");
        assertThat(Files.size(disk)).as("a sparse file of the disk's size").isEqualTo(DataSize.gib(100).bytes());
    }

    @Test
    void placesTheVmOnItsNodeAroundAnotherDomainsCpus() {
        existingDomainOnNode0();

        CliRun run = create("db", "8", "16", "100", "0");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        VirtDomain db = xeon.domain("db");
        assertThat(db).isRunning().isPersistent();
        CpuSet others = CpuSet.parse("1-4,33-36");
        CpuSet node0 = xeon.topology().node(0).orElseThrow().cpus();
        CpuSet mine = CpuSet.empty();
        for (CpuSet s : db.vcpuPins().values()) {
            assertThat(s.size()).as("dedicated: one host CPU per vCPU").isEqualTo(1);
            mine = mine.union(s);
        }
        assertThat(mine.size()).as("8 distinct CPUs").isEqualTo(8);
        assertThat(node0.containsAll(mine)).as("on node 0: " + mine).isTrue();
        assertThat(mine.intersects(others)).as("avoids the other domain's CPUs: " + mine).isFalse();
        // housekeeping: the node's first core no domain pins vCPUs to, shared with the other domain's emulator
        assertThat(db.emulatorPin()).isEqualTo(CpuSet.parse("0,32"));
        assertThat(db.iothreadPins()).isEqualTo(Map.of(1, CpuSet.parse("0,32")));
        assertThat(db.numaTune().mode()).isEqualTo(NumaMode.STRICT);
        assertThat(db.numaTune().nodes()).isEqualTo(NodeSet.of(0));
        assertThat(db.definition()).usesHugepages(PageSize.MIB_2).hasMemory(DataSize.gib(16)).hasDisk("sda")
                .hasMemoryOnNodes(NodeSet.of(0));
        Disk disk = db.definition().devices().disks().get(0);
        assertThat(disk.targetBusAsString()).contains("scsi");
        assertThat(disk.source().flatMap(s -> s.file())).contains(images.resolve("db.qcow2").toString());
        assertThat(disk.driver().orElseThrow().cacheAsString()).contains("none");
        assertThat(disk.driver().orElseThrow().ioAsString()).contains("native");
        NetInterface nic = db.definition().devices().interfaces().get(0);
        assertThat(nic.sourceNetwork()).contains("default");
        assertThat(nic.driverName()).contains("vhost");
        assertThat(nic.driverQueues()).hasValue(8);
        assertThat(db.definition().memoryBacking().orElseThrow().locked()).isTrue();
        // 2048 pages held by the other domain left 6144 free: 2048 were added, then the 8192 taken
        assertThat(pool(0)).isEqualTo(10240);
        assertThat(xeon.hostState()).hasFreeHugePages(0, PageSize.MIB_2, 0);
        // the vCPU table shows each vCPU on its pinned CPU
        for (Map.Entry<Integer, CpuSet> e : db.vcpuPins().entrySet()) {
            assertThat(run.out()).containsPattern("(?m)^\\s+" + e.getKey() + "\\s+" + e.getValue().format()
                    + "\\s+running\\s+");
        }
    }

    @Test
    void allocatesTheMissingHugePagesOnTheNode() {
        // 20 GiB needs 10240 pages of 2 MiB; node 1 has 8192 free
        CliRun run = create("big", "4", "20", "10", "1", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Object json = run.json();
        assertThat(MiniJson.<Long>get(json, "hugePages", "needed")).isEqualTo(10240L);
        assertThat(MiniJson.<Long>get(json, "hugePages", "free")).isEqualTo(8192L);
        assertThat(MiniJson.<Long>get(json, "hugePages", "allocated")).isEqualTo(2048L);
        assertThat(pool(1)).isEqualTo(10240);
        assertThat(pool(0)).as("other nodes untouched").isEqualTo(8192);
        assertThat(xeon.hostState()).hasFreeHugePages(1, PageSize.MIB_2, 0);
        assertThat(run.err()).contains("allocating 2048 2MiB pages on node 1 (pool 8192 -> 10240) ... 10240 free");
    }

    @Test
    void aShortPoolIsPutBackAndNothingIsCreated() {
        xeon.setNodeFreeMemory(1, DataSize.gib(2)); // room for 1024 more pages, not 2048

        CliRun run = create("big", "4", "20", "10", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("node 1 gave only 9216 of the 10240 2MiB pages", "the pool is back at 8192");
        assertThat(pool(1)).isEqualTo(8192);
        assertThat(xeon.lookup("big")).isEmpty();
        assertThat(images.resolve("big.qcow2")).doesNotExist();
    }

    @Test
    void aFailedPoolChangeLeavesEverythingAsItWas() {
        xeon.faults().failNext("setPagePool", new HostResourceException("cannot allocate", 1, 20, "cannot allocate"));

        CliRun run = create("big", "4", "20", "10", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("could not grow the 2MiB page pool of node 1", "cannot allocate");
        assertThat(pool(1)).isEqualTo(8192);
        assertThat(xeon.lookup("big")).isEmpty();
        assertThat(images.resolve("big.qcow2")).doesNotExist();
    }

    @Test
    void aFailedDiskGivesThePagesBackAndSaysWhy() {
        // 99999999 GiB: larger than any file the file system allows
        CliRun run = create("big", "4", "20", "99999999", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("creating the disk image " + images.resolve("big.qcow2") + " failed: cannot make "
                + "a 95.4 PiB file: ", "undo: give back the 2048 2MiB pages of node 1");
        assertThat(pool(1)).isEqualTo(8192);
        assertThat(xeon.lookup("big")).isEmpty();
        assertThat(images.resolve("big.qcow2")).as("no empty stand-in left").doesNotExist();
    }

    @Test
    void aFailedRunInTheTemporaryFolderLeavesNeitherImageNorFolder() {
        CliRun run = CliRun.on(xeon, "create-optimized-vm", "x", "2", "1", "99999999", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("creating the disk image (\\S+) failed")
                .matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        Path disk = Path.of(m.group(1));
        assertThat(disk).doesNotExist();
        assertThat(disk.getParent()).as("the temporary folder").doesNotExist();
        assertThat(run.err()).contains("undone: remove the folder " + disk.getParent());
    }

    @Test
    void aMissingImagesFolderIsRefusedNotMade() {
        Path missing = images.resolve("no/such/dir");

        CliRun run = CliRun.on(xeon, "create-optimized-vm", "vm", "2", "2", "10", "0", "--images", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--images " + missing + ": no such folder");
        assertThat(missing.getParent()).doesNotExist();
        assertThat(xeon.domains()).isEmpty();
    }

    @Test
    void aFailedDefineDeletesTheDiskAndGivesThePagesBack() {
        xeon.faults().failNext("define", new InvalidDefinitionException("XML error", 27, 20, "XML error"));

        CliRun run = create("big", "4", "20", "10", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("defining big failed: XML error",
                "undone: delete " + images.resolve("big.qcow2") + ", give back the 2048 2MiB pages of node 1");
        assertThat(pool(1)).isEqualTo(8192);
        assertThat(xeon.lookup("big")).isEmpty();
        assertThat(images.resolve("big.qcow2")).doesNotExist();
    }

    @Test
    void aFailedStartUndefinesDeletesTheDiskAndGivesThePagesBack() {
        xeon.faults().failNext("start", new HostResourceException("hugetlbfs is not mounted", 1, 10,
                "hugetlbfs is not mounted"));

        CliRun run = create("big", "4", "20", "10", "1", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("starting big failed: hugetlbfs is not mounted", "undo: undefine big ... done",
                "undo: delete", "undo: give back the 2048 2MiB pages of node 1 ... done");
        assertThat(MiniJson.<Boolean>get(run.json(), "ok")).isFalse();
        assertThat(MiniJson.<String>get(run.json(), "error")).contains("undone: undefine big, delete");
        assertThat(pool(1)).isEqualTo(8192);
        assertThat(xeon.lookup("big")).isEmpty();
        assertThat(images.resolve("big.qcow2")).doesNotExist();
    }

    @Test
    void whatCannotBeUndoneIsReported() {
        xeon.faults().failNext("start", new HostResourceException("no memory", 1, 10, "no memory"))
                .failNext("undefine", new HostResourceException("daemon busy", 1, 10, "daemon busy"));

        CliRun run = create("big", "4", "20", "10", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("COULD NOT UNDO: undefine big: daemon busy");
        assertThat(images.resolve("big.qcow2")).as("the other steps are still undone").doesNotExist();
        assertThat(pool(1)).isEqualTo(8192);
    }

    @Test
    void dryRunShowsThePlanAndTheXmlAndChangesNothing() {
        CliRun run = create("big", "4", "20", "10", "1", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("2048 to allocate", "Domain XML (dry run: nothing was changed):",
                "<name>big</name>", "<vcpupin", "<memnode cellid='0' mode='strict' nodeset='1'/>");
        String xml = run.out().substring(run.out().indexOf("<domain"));
        assertThat(LibvirtSchema.errors("domain", xml)).isEmpty();
        assertThat(pool(1)).isEqualTo(8192);
        assertThat(xeon.lookup("big")).isEmpty();
        assertThat(images.resolve("big.qcow2")).doesNotExist();
    }

    @Test
    void aMissingNetworkFailsTheDryRunAndTheRealRunBeforeAnythingIsMade() {
        for (String mode : List.of("--dry-run", "--no-lock-memory")) {
            CliRun run = create("web", "4", "8", "20", "0", "--network", "nosuch", mode);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("network 'nosuch' does not exist on fake:///xeon-2s", "--network none",
                    "nothing was changed");
            assertThat(xeon.lookup("web")).isEmpty();
            assertThat(images.resolve("web.qcow2")).doesNotExist();
            assertThat(pool(0)).isEqualTo(8192);
        }
    }

    @Test
    void anInactiveNetworkIsRefusedWithHowToStartIt() {
        xeon.setNetwork("lab", false);
        CliRun run = create("web", "4", "8", "20", "0", "--network", "lab", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("network 'lab' is not active", "virsh net-start lab");
        xeon.setNetwork("lab", true);
        assertThat(create("web", "4", "8", "20", "0", "--network", "lab", "--dry-run").exitCode()).isZero();
    }

    @Test
    void kvmOnAHostWithoutKvmFailsTheDryRunAndTheRealRunBeforeAnythingIsMade() {
        xeon = FakeVirtConnection.builder(Fixtures.get(Fixtures.XEON_2S).topology()).uri("fake:///xeon-2s")
                .sysfs(Fixtures.get(Fixtures.XEON_2S).newSysfs()).withoutDomainType(DomainType.KVM).build();
        xeon.storage().addFolder(images.toString());
        for (String mode : List.of("--dry-run", "--no-lock-memory")) {
            CliRun run = create("web", "4", "8", "20", "0", mode);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("fake:///xeon-2s offers no kvm guests for x86_64 (no usable /dev/kvm?): "
                    + "use --type qemu", "nothing was changed");
            assertThat(xeon.lookup("web")).isEmpty();
            assertThat(images.resolve("web.qcow2")).doesNotExist();
            assertThat(pool(0)).isEqualTo(8192);
        }
        CliRun tcg = create("web", "4", "8", "20", "0", "--type", "qemu", "--dry-run");
        assertThat(tcg.exitCode()).as(tcg.toString()).isZero();
    }

    @Test
    void anUnknownMachineTypeFailsTheDryRunAndTheRealRunListingOfferedOnes() {
        for (String mode : List.of("--dry-run", "--no-lock-memory")) {
            CliRun run = create("web", "4", "8", "20", "0", "--machine", "pc-q35-99.0", mode);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("machine type 'pc-q35-99.0' is not offered for kvm x86_64 guests on "
                    + "fake:///xeon-2s", "nothing was changed", "q35 (pc-q35-7.2)", "pc (pc-i440fx-7.2)");
            assertThat(xeon.lookup("web")).isEmpty();
            assertThat(images.resolve("web.qcow2")).doesNotExist();
            assertThat(pool(0)).isEqualTo(8192);
        }
        for (String known : List.of("pc", "pc-q35-7.2")) {
            CliRun run = create("web", "4", "8", "20", "0", "--machine", known, "--dry-run");
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    @Test
    void jsonSummaryOfARunningVm() {
        CliRun run = create("web", "4", "8", "20", "0", "--json", "--network", "none");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Object json = run.json();
        assertThat(MiniJson.<Boolean>get(json, "ok")).isTrue();
        assertThat(MiniJson.<String>get(json, "state")).isEqualTo("running");
        assertThat(MiniJson.<List<?>>get(json, "vcpus")).hasSize(4);
        assertThat(MiniJson.<String>get(json, "vcpus", 0, "state")).isEqualTo("running");
        assertThat(MiniJson.<String>get(json, "numatune", "nodes")).isEqualTo("0");
        assertThat(MiniJson.<String>get(json, "disk", "made")).isEqualTo("sparse-file");
        assertThat(MiniJson.<Long>get(json, "placement", "cells", 0, "hostNode")).isEqualTo(0L);
        assertThat(xeon.domain("web").definition().devices().interfaces()).isEmpty();
    }

    @Test
    void aDirectBootTcgGuestWithItsSerialInAFile() {
        Path log = images.resolve("serial.log");
        CliRun run = create("tiny", "2", "128MiB", "16MiB", "0", "--type", "qemu", "--kernel", "/boot/vmlinuz",
                "--initrd", "/boot/initrd.img", "--cmdline", "console=ttyS0 virtforge.stay", "--serial-log",
                log.toString(), "--network", "none", "--reserved", "none", "--machine", "pc");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        var def = xeon.domain("tiny").definition();
        assertThat(def.type()).contains(DomainType.QEMU);
        assertThat(def.cpu().orElseThrow().model()).contains("qemu64");
        assertThat(def.os().orElseThrow().kernel()).contains("/boot/vmlinuz");
        assertThat(def.os().orElseThrow().cmdline()).contains("console=ttyS0 virtforge.stay");
        assertThat(def.devices().serials().get(0).sources().get(0).path()).contains(log.toString());
        assertThat(def).hasMemory(DataSize.mib(128)).hasVcpus(2);
        // no housekeeping CPUs: the emulator shares the vCPUs' two CPUs
        CpuSet vcpuCpus = xeon.domain("tiny").vcpuPins().values().stream().reduce(CpuSet.empty(), CpuSet::union);
        assertThat(xeon.domain("tiny").emulatorPin()).isEqualTo(vcpuCpus);
        assertThat(run.out()).contains("housekeeping CPUs: none", "console: serial to " + log);
    }

    @Test
    void vcpusOnSiblingThreadsAreShownToTheGuestAsSmt() {
        CliRun run = create("smt", "4", "4", "10", "0");

        assertThat(run.exitCode()).isZero();
        var topology = xeon.domain("smt").definition().cpu().orElseThrow().topology().orElseThrow();
        assertThat(topology.threads()).isEqualTo(2);
        assertThat(topology.cores()).isEqualTo(2);
    }

    @Test
    void noFitExitsOneAndNamesTheReason() {
        CliRun run = create("huge", "40", "16", "10", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("40 vCPUs and 16GiB do not fit on node 0", "NOT_ENOUGH_CPUS");
        assertThat(xeon.lookup("huge")).isEmpty();
        assertThat(images.resolve("huge.qcow2")).doesNotExist();

        CliRun json = create("huge", "40", "16", "10", "0", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(MiniJson.<Boolean>get(json.json(), "placement", "fit")).isFalse();
    }

    @Test
    void anExistingNameOrImageIsRefusedBeforeAnyChange() throws Exception {
        existingDomainOnNode0();
        CliRun run = create("other", "2", "2", "10", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("a domain named 'other' exists already");

        Files.writeString(images.resolve("taken.qcow2"), "precious");
        run = create("taken", "2", "2", "10", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("taken.qcow2 exists already");
        assertThat(Files.readString(images.resolve("taken.qcow2"))).isEqualTo("precious");
    }

    @Test
    void badInputExitsTwo() {
        assertThat(create("bad/name", "2", "2", "10", "0").exitCode()).isEqualTo(2);
        assertThat(create("vm", "0", "2", "10", "0").exitCode()).isEqualTo(2);
        assertThat(create("vm", "2", "2x", "10", "0").exitCode()).isEqualTo(2);
        assertThat(create("vm", "2", "17MiB", "10", "0").err()).contains("memory 17MiB is not a whole number of 2MiB pages");
        assertThat(create("vm", "2", "16GB", "10", "0").err()).contains("memory 16GB (16000000000 bytes: GB is decimal; "
                + "did you mean 16GiB?) is not a whole number of 2MiB pages");
        assertThat(create("vm", "2", "1B", "10", "0").err()).contains("MEMORY_GB 1B is too small: at least 16MiB");
        assertThat(create("vm", "2", "2", "1B", "0").err()).contains("DISK_GB 1B is too small: at least 1MiB");
        assertThat(create("vm", "5000", "2", "10", "0").err()).contains("VCPUS must be between 1 and 4096, not 5000");
        CliRun noNode = create("vm", "2", "2", "10", "7");
        assertThat(noNode.exitCode()).isEqualTo(2);
        assertThat(noNode.err()).contains("the host has no NUMA node 7; its nodes are 0-1");
        assertThat(create("vm", "2", "2", "10", "0", "--type", "xen").exitCode()).isEqualTo(2);
        assertThat(create("vm", "2", "2", "10", "0", "--initrd", "/x").exitCode()).isEqualTo(2);
        assertThat(create("vm", "2", "2", "10", "0", "--reserved", "0-999").exitCode()).isEqualTo(2);
        assertThat(create("vm", "2", "2", "10", "0", "--page-size", "4KiB").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("create-optimized-vm", "vm", "2", "2", "10", "0", "--connect", "fake:///nope")
                .exitCode()).isEqualTo(2);
        assertThat(xeon.domains()).isEmpty();
    }

    @Test
    void theUriDecidesWhereTheDiskIsMade() {
        assertThat(HostAccess.kindOf("qemu:///system")).isEqualTo(HostAccess.Kind.LOCAL);
        assertThat(HostAccess.kindOf("qemu+unix:///system")).isEqualTo(HostAccess.Kind.LOCAL);
        assertThat(HostAccess.kindOf("qemu+ssh://root@db7/system")).isEqualTo(HostAccess.Kind.REMOTE);
        assertThat(HostAccess.kindOf("test:///default")).isEqualTo(HostAccess.Kind.TEST);
        assertThat(HostAccess.kindOf("fake:///tiny")).isEqualTo(HostAccess.Kind.FAKE);
    }

    @Test
    void anInterruptWaitsForTheCurrentStepThenUndoesWhatWasDone() throws Exception {
        java.util.concurrent.CountDownLatch inStart = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finishStart = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<InterruptHook.Interruptible> armed =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<CliRun> result = new java.util.concurrent.atomic.AtomicReference<>();
        try (AutoCloseable hook = InterruptHook.capture(armed::set);
                AutoCloseable slow = StepHooks.set(step -> {
                    if (step.startsWith("starting")) {
                        inStart.countDown();
                        try {
                            finishStart.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })) {
            Thread command = new Thread(() -> result.set(create("big", "4", "20", "10", "1")));
            command.start();
            assertThat(inStart.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.atomic.AtomicReference<Undo.Outcome> outcome =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread signal = new Thread(() -> outcome.set(armed.get().interrupt()));
            signal.start();
            signal.join(300);
            assertThat(signal.isAlive()).as("the interrupt waits for the step in progress").isTrue();
            assertThat(xeon.lookup("big")).as("nothing undone while the step runs").isPresent();

            finishStart.countDown();
            signal.join(30_000);
            command.join(30_000);

            assertThat(outcome.get().undone()).containsExactly("undefine big", "delete " + images.resolve("big.qcow2"),
                    "give back the 2048 2MiB pages of node 1");
        }
        CliRun run = result.get();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
        assertThat(run.err()).contains("interrupted: letting 'starting big' finish, then undoing what was done",
                "virtforge: interrupted; undone: undefine big, delete " + images.resolve("big.qcow2")
                        + ", give back the 2048 2MiB pages of node 1");
        assertThat(xeon.lookup("big")).isEmpty();
        assertThat(images.resolve("big.qcow2")).doesNotExist();
        assertThat(pool(1)).isEqualTo(8192);
    }

    @Test
    void ctrlCOnTheProcessUndoesAndExits130() throws Exception {
        CliProcess p = CliProcess.start(Map.of(StepHooks.SLOW_STEP_PROPERTY, "starting:3000"), "create-optimized-vm",
                "vm", "2", "2", "10", "0", "--images", images.toString());
        long deadline = System.nanoTime() + 60_000_000_000L;
        // the slow step sleeps before it prints its line: interrupt once the step before it is done
        while (!p.errSoFar().contains("defining vm ... done") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        p.interrupt();

        CliRun run = p.await();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
        assertThat(run.err()).contains("interrupted: letting 'starting vm' finish",
                "virtforge: interrupted; undone: undefine vm, delete " + images.resolve("vm.qcow2"));
        try (var left = Files.list(images)) {
            assertThat(left).as("no image left in --images").isEmpty();
        }
    }
}
