package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.CpuComparison;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationProgress;
import io.virtforge.connect.NumaPolicy;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.InMemoryClaimStore;
import io.virtforge.migrate.LiveMigration;
import io.virtforge.migrate.MigrationOutcome;
import io.virtforge.migrate.MigrationPlanner;
import io.virtforge.migrate.MigrationRefusedException;
import io.virtforge.migrate.RefusalCode;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.plan.Placement;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NUMA-aware live migration between two real libvirt daemons on this machine acting as two hosts: the private
 * test libvirtd and a second one ({@code scripts/private-libvirtd.sh start 2}: its own configuration, host UUID,
 * sockets, state, logs, namespace and migration ports). A pinned tiny TCG guest backed by 2 MiB huge pages runs on
 * daemon 1 with its vCPU and emulator on host CPU 1; daemon 2 runs another guest pinned to CPU 1. The migration
 * plans the guest's shape on daemon 2's state, claims it, sends the rewritten XML, and the guest moves live to
 * CPU 0: the destination's live XML and pin read-backs are the re-planned placement, the source has no
 * definition left, the claim is confirmed and the guest still runs. A cancelled migration, and one whose
 * destination QEMU is killed mid-way, leave the guest running on the source with its pins, nothing on the
 * destination and no claim held.
 *
 * <p>What this machine limits: it has one NUMA node and two CPUs, and both daemons see the same ones. So the
 * guest has one vCPU in one guest cell (the exact planner gives each guest cell a host node of its own, as Nova
 * does: the test guest's two cells are refused with the planner's per-node reason, checked here too); numatune
 * and huge pages can only name node 0 on both sides, so the rewrite moves the CPU pins only; and the "hosts"
 * share one kernel's huge page pool (the destination sees the pages the source guest holds as used, which is
 * what two hosts would not do, and what makes the pool need room for two copies of the guest while it moves).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LiveMigrationIT {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationIT.class);
    private static final long PAGES_NEEDED = 2 * 64; // 128 MiB of 2 MiB pages, on both sides while it moves
    private static final String DEST_HOST = "daemon-2";

    @Test
    void aPinnedGuestMovesLiveToTheDestinationsPlacementAndACancelLeavesItWhereItWas() throws Exception {
        Hosts.assumeTestLibvirtd();
        Hosts.assumeRoot();
        String uri2 = Hosts.secondQemuUri();
        String name = "it-vf-migrate-" + ProcessHandle.current().pid();
        String occupantName = name + "-occupant";
        Path dir = Files.createTempDirectory("virtforge-migration-it");
        try (LibvirtConnection source = LibvirtConnection.open(Hosts.qemuUri());
                LibvirtConnection destination = LibvirtConnection.open(uri2)) {
            assertThat(source.topology().hostUuid()).isPresent().isNotEqualTo(destination.topology().hostUuid());
            long[] added = {0};
            try {
                added[0] += topUp(source, PAGES_NEEDED);
                refusals(source, destination, dir);

                destination.create(QemuGuestIT.tinyGuest(occupantName, dir.resolve("occupant.log"),
                        "console=ttyS0 virtforge.stay").memory(DataSize.mib(96)).vcpus(1)
                        .cpu(c -> c.model("qemu64")).pinVcpu(0, CpuSet.of(1)).build(), DefineOptions.DEFAULT);
                Path serial = dir.resolve("guest.log");
                LibvirtDomain vm = source.define(guest(name, serial), DefineOptions.againstHost(
                        io.virtforge.check.Profile.STANDARD));
                vm.start();
                awaitSerial(serial, "VIRTFORGE-GUEST staying");
                Map<Integer, CpuSet> pinsBefore = vm.vcpuPins();
                assertThat(pinsBefore).isEqualTo(Map.of(0, CpuSet.of(1)));

                // the guest holds its 64 pages: each attempt needs 64 more for the destination's copy (topped up
                // again before each, as other tests on this machine may resize the pool meanwhile)
                added[0] += topUp(source, PAGES_NEEDED / 2);
                cancelled(vm, source, destination);
                added[0] += topUp(source, PAGES_NEEDED / 2);
                destinationDied(vm, source, destination);
                added[0] += topUp(source, PAGES_NEEDED / 2);
                moved(vm, source, destination);
            } finally {
                cleanUp(source, name);
                cleanUp(destination, name);
                cleanUp(destination, occupantName);
                // what this test added, taken back from the pool as it is now (other tests may resize it meanwhile)
                source.setPagePool(0, PageSize.MIB_2, Math.max(0, poolTotal(source) - added[0]));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** A guest of one vCPU in one guest cell, pinned with its emulator to CPU 1, strictly on node 0's huge pages. */
    private static Domain guest(String name, Path serial) {
        return QemuGuestIT.tinyGuest(name, serial, "console=ttyS0 virtforge.stay")
                .memory(DataSize.mib(128)).hugepages(PageSize.MIB_2).vcpus(1).cpu(c -> c.model("qemu64"))
                .numaCell(CpuSet.of(0), DataSize.mib(128))
                .memoryOn(NumaMode.STRICT, NodeSet.of(0)).cellMemoryOn(0, NumaMode.STRICT, NodeSet.of(0))
                .pinVcpu(0, CpuSet.of(1)).pinEmulator(CpuSet.of(1))
                .build();
    }

    /**
     * The pre-checks on the real hosts, before anything runs: the same host, two guest cells on one node, and
     * libvirt's comparison of the guest CPU with what the destination's QEMU gives (TCG gives {@code qemu64}, not a
     * Skylake server; a guest with such a CPU cannot start here, so the comparison is asked directly).
     */
    private static void refusals(LibvirtConnection source, LibvirtConnection destination, Path dir) {
        Domain twoCells = QemuGuestIT.testGuest("two-cells", dir.resolve("unused.log"));
        assertThat(destination.compareGuestCpu(twoCells)).hasValueSatisfying(c -> assertThat(c.compatible()).isTrue());
        Domain skylake = QemuGuestIT.tinyGuest("skylake", dir.resolve("unused.log"), "").memory(DataSize.mib(64))
                .cpu(c -> c.model("Skylake-Server")).assemble();
        assertThat(destination.compareGuestCpu(skylake)).hasValue(CpuComparison.INCOMPATIBLE);
        assertThatThrownBy(() -> MigrationPlanner.create().plan(twoCells, source.topology(), source.hostState()))
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(RefusalCode.SAME_HOST));
        assertThatThrownBy(() -> MigrationPlanner.create().plan(twoCells, source.topology(), destination.hostState()))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.NO_PLACEMENT);
                    assertThat(e.noFit().orElseThrow().reason(0)).isPresent();
                    LOG.info("the test guest's two cells on a one-node host: {}", e.getMessage());
                });
    }

    /** Cancelled at the first progress report (the stream held to 1 MiB/s): nothing moved, nothing claimed. */
    private static void cancelled(LibvirtDomain vm, LibvirtConnection source, LibvirtConnection destination) {
        failedAtFirstReport(vm, source, destination, "cancelled", vm::abortJob);
    }

    /**
     * The destination's QEMU killed (SIGKILL) at the first progress report, the stream held to 1 MiB/s: the
     * migration fails, the guest keeps running on the source as it was, nothing claimed.
     */
    private static void destinationDied(LibvirtDomain vm, LibvirtConnection source, LibvirtConnection destination) {
        failedAtFirstReport(vm, source, destination, "destination killed", () -> {
            List<ProcessHandle> incoming = ProcessHandle.allProcesses()
                    .filter(p -> commandLine(p).contains("guest=" + vm.name() + ",") && commandLine(p).contains("-incoming"))
                    .toList();
            assertThat(incoming).as("the destination's incoming QEMU").hasSize(1);
            incoming.get(0).destroyForcibly();
        });
    }

    /** A process's command line from /proc (ProcessHandle.Info leaves long ones out). */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return ""; // gone, or not readable
        }
    }

    private static void failedAtFirstReport(LibvirtDomain vm, LibvirtConnection source,
            LibvirtConnection destination, String what, Runnable failure) {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
        List<MigrationProgress> seen = new CopyOnWriteArrayList<>();
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        MigrationOptions slow = MigrationOptions.builder().migrationUri("tcp://127.0.0.1")
                .bandwidthPerSecond(DataSize.mib(1)).progress(p -> {
                    if (seen.isEmpty()) {
                        try {
                            failure.run();
                        } catch (RuntimeException | AssertionError e) {
                            failed.add(e);
                            vm.abortJob(); // do not wait for a 1 MiB/s migration to end
                        }
                    }
                    seen.add(p);
                }, Duration.ofMillis(100)).build();
        LiveMigration migration = LiveMigration.builder().claims(store, DEST_HOST).options(slow).build();
        assertThatThrownBy(() -> migration.migrate(vm, source, destination)).isInstanceOf(VirtException.class)
                .satisfies(e -> LOG.info("the migration, {}: {}", what, e.getMessage()));
        assertThat(failed).as("making the migration fail (%s)", what).isEmpty();
        assertThat(seen).isNotEmpty();
        assertThat(vm.state()).isEqualTo(DomainState.RUNNING);
        assertThat(vm.persistent()).isTrue();
        assertThat(vm.vcpuPins()).isEqualTo(Map.of(0, CpuSet.of(1)));
        assertThat(vm.emulatorPin()).isEqualTo(CpuSet.of(1));
        assertThat(destination.lookup(vm.uuid())).isEmpty();
        assertThat(store.pendingCount()).isZero();
        assertThat(store.fleet().host(DEST_HOST).orElseThrow().state().footprint(vm.name())).isEmpty();
    }

    private static void moved(LibvirtDomain vm, LibvirtConnection source, LibvirtConnection destination)
            throws Exception {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
        List<MigrationProgress> seen = new CopyOnWriteArrayList<>();
        MigrationOptions options = MigrationOptions.builder().migrationUri("tcp://127.0.0.1")
                .maxDowntime(Duration.ofMillis(300)).progress(seen::add, Duration.ofMillis(50)).build();
        long t0 = System.nanoTime();
        MigrationOutcome outcome = LiveMigration.builder().claims(store, DEST_HOST).options(options).build()
                .migrate(vm, source, destination);
        long wallMillis = (System.nanoTime() - t0) / 1_000_000;
        Placement placement = outcome.plan().placement();
        LOG.info("migrated in {} ms (wall clock, planning and claim included); libvirt's downtime {}; {} progress "
                + "reports; placement {}; XML diff {}", wallMillis,
                outcome.result().completed().flatMap(MigrationProgress::downtime).orElse(null), seen.size(),
                placement.toJson(), outcome.plan().diff());

        // the occupant holds CPU 1 on the destination: the guest was re-planned onto CPU 0
        assertThat(placement.vcpuPins()).isEqualTo(Map.of(0, CpuSet.of(0)));
        VirtDomain there = outcome.result().domain();
        assertThat(there.state()).isEqualTo(DomainState.RUNNING);
        assertThat(there.persistent()).isTrue();
        assertThat(there.vcpuPins()).isEqualTo(placement.vcpuPins());
        assertThat(there.emulatorPin()).isEqualTo(placement.emulatorPin());
        assertThat(there.numaTune()).isEqualTo(new NumaPolicy(NumaMode.STRICT, placement.hostNodes()));
        Domain live = there.live();
        assertThat(live.cputune().orElseThrow().vcpuPin(0).orElseThrow().cpuset()).isEqualTo(CpuSet.of(0));
        assertThat(live.cputune().orElseThrow().emulatorPin()).hasValue(placement.emulatorPin());
        assertThat(live.numatune().orElseThrow().memNode(0).flatMap(m -> m.nodeset())).hasValue(NodeSet.of(0));
        assertThat(there.definition().cputune().orElseThrow().vcpuPin(0).orElseThrow().cpuset())
                .as("the persistent definition has the destination's pins too").isEqualTo(CpuSet.of(0));
        assertThat(destination.hostState().heldHugePages(0, PageSize.MIB_2)).isEqualTo(64);

        assertThat(source.lookup(vm.uuid())).as("no definition left on the source").isEmpty();
        assertThat(store.pendingCount()).isZero();
        assertThat(outcome.claim()).isPresent();
        assertThat(store.fleet().host(DEST_HOST).orElseThrow().state().pinnedCpus().contains(0)).isTrue();
        assertThat(outcome.result().completed()).hasValueSatisfying(c -> {
            assertThat(c.completed()).isTrue();
            assertThat(c.downtime()).isPresent();
        });

        // still running there: its vCPU keeps using CPU time (its serial file cannot tell: the destination's QEMU
        // opened it anew, without append, and the guest prints nothing more once it is "staying")
        // an idle TCG guest is charged CPU time in ticks: wait up to 20 s for the next one rather than 1 s
        long cpu = there.cpuTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (there.cpuTime() <= cpu && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(there.cpuTime()).isGreaterThan(cpu);
        assertThat(there.vcpus()).singleElement().satisfies(v -> assertThat(v.hostCpu()).isZero());
    }

    private static void awaitSerial(Path serial, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(serial) && Files.readString(serial).contains(line))) {
            assertThat(System.nanoTime()).as("the guest printed %s", line).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void cleanUp(LibvirtConnection c, String name) {
        c.lookup(name).ifPresent(d -> {
            boolean persistent = d.persistent(); // a transient domain is gone once destroyed
            if (d.state().isActive()) {
                d.destroy();
            }
            if (persistent) {
                d.undefine();
            }
        });
    }

    /** Raises node 0's 2 MiB pool so that {@code free} pages are free; returns the pages added. */
    private static long topUp(LibvirtConnection conn, long free) {
        long missing = Math.max(0, free - conn.freePages(0, PageSize.MIB_2));
        if (missing > 0) {
            conn.setPagePool(0, PageSize.MIB_2, poolTotal(conn) + missing);
        }
        return missing;
    }

    private static long poolTotal(LibvirtConnection conn) {
        return conn.topology().node(0).flatMap(n -> n.pool(PageSize.MIB_2)).map(HugePagePool::total).orElse(0L);
    }
}
