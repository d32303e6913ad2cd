package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Profile;
import io.virtforge.connect.NumaPolicy;
import io.virtforge.connect.BlockStats;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.Subscription;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.NumaMode;
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
 * A real guest on the private test libvirtd + QEMU TCG ({@link Hosts#qemuUri()}), built with the SDK's fluent builder like
 * {@code scripts/guest/test-guest.xml} (2 vCPUs in 2 guest cells, 128 MiB of 2 MiB huge pages bound
 * strictly to host node 0, pinned vCPUs, emulator and I/O thread, virtio-scsi, serial to a file, direct
 * kernel boot), defined and started through the SDK, observed while it runs, and left to power itself off.
 * Huge pages are made available through the SDK's own {@code freePages}/{@code setPagePool}, and the pool
 * is put back as it was.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QemuGuestIT {
    private static final Logger LOG = LoggerFactory.getLogger(QemuGuestIT.class);
    private static final int PAGES_NEEDED = 64; // 128 MiB of 2 MiB pages

    /**
     * The tiny guest's common part: QEMU TCG on the {@code pc} machine, the {@code qemu64} CPU, direct boot of the
     * test guest's kernel and initramfs with {@code cmdline}, the serial console to {@code serialLog}; the caller
     * adds vCPUs, memory and tuning.
     */
    static DomainBuilder tinyGuest(String name, Path serialLog, String cmdline) {
        String dir = Hosts.GUEST_DIR.toString();
        return DomainBuilder.named(name).type(DomainType.QEMU).machine("pc")
                .directKernelBoot(dir + "/vmlinuz", dir + "/initramfs.cpio.gz", cmdline)
                .serialToFile(serialLog.toString());
    }

    static Domain testGuest(String name, Path serialLog) {
        String dir = Hosts.GUEST_DIR.toString();
        return tinyGuest(name, serialLog, "console=ttyS0 panic=-1")
                .memory(DataSize.mib(128)).hugepages(PageSize.MIB_2)
                .vcpus(2).cpu(c -> c.model("qemu64").topology(2, 1, 1))
                .numaCell(CpuSet.of(0), DataSize.mib(64)).numaCell(CpuSet.of(1), DataSize.mib(64))
                .memoryOn(NumaMode.STRICT, NodeSet.of(0))
                .pinVcpu(0, CpuSet.of(0)).pinVcpu(1, CpuSet.of(1)).pinEmulator(CpuSet.range(0, 1))
                .iothreads(1).pinIothread(1, CpuSet.range(0, 1))
                .disk(d -> d.file(dir + "/disk.qcow2").virtioScsi().iothread(1))
                .build();
    }

    @Test
    void theTestGuestRunsAsTheSdkAskedAndPowersOff() throws Exception {
        Hosts.assumeTestLibvirtd();
        long t0 = System.nanoTime();
        String name = "it-vf-guest-" + ProcessHandle.current().pid();
        Path serialLog = Files.createTempDirectory("virtforge-it").resolve(name + "-serial.log");
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.qemuUri())) {
            long totalBefore = poolTotal(conn);
            long freeBefore = conn.freePages(0, PageSize.MIB_2);
            boolean reserved = false;
            List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
            Subscription sub = conn.onLifecycle(e -> {
                if (e.domain().equals(name)) {
                    events.add(e);
                }
            });
            try {
                // the SDK's own page pool calls: a round trip, then enough free pages for the guest
                assertThat(conn.setPagePool(0, PageSize.MIB_2, totalBefore + 2)).isEqualTo(totalBefore + 2);
                assertThat(conn.freePages(0, PageSize.MIB_2)).isEqualTo(freeBefore + 2);
                reserved = true;
                long missing = Math.max(0, PAGES_NEEDED - freeBefore);
                assertThat(conn.setPagePool(0, PageSize.MIB_2, totalBefore + missing)).isEqualTo(totalBefore + missing);
                assertThat(conn.freePages(0, PageSize.MIB_2)).isGreaterThanOrEqualTo(PAGES_NEEDED);

                Domain wanted = testGuest(name, serialLog);
                LibvirtDomain dom = conn.define(wanted, DefineOptions.againstHost(Profile.STANDARD));
                dom.start();
                dom.suspend(); // hold the guest still (it powers off after a few seconds) while it is observed
                long started = System.nanoTime();
                try {
                    observe(conn, dom, name);
                } finally {
                    dom.resume();
                }
                LOG.info("observed the running guest for {} ms", (System.nanoTime() - started) / 1_000_000);

                awaitState(dom, DomainState.SHUTOFF, Duration.ofSeconds(60));
                String serial = Files.readString(serialLog);
                assertThat(serial).contains("VIRTFORGE-GUEST cpus=2").contains("VIRTFORGE-GUEST numa_nodes=2")
                        .contains("VIRTFORGE-GUEST done");
                LOG.info("guest serial output:\n{}", serial.lines().filter(l -> l.startsWith("VIRTFORGE-GUEST"))
                        .reduce((a, b) -> a + "\n" + b).orElse(""));

                dom.undefine();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (events.stream().noneMatch(e -> e.type() == LifecycleEvent.Type.UNDEFINED)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                LOG.info("lifecycle events: {}", events);
                // QEMU starts paused and libvirt resumes it: libvirt 9.0 reports RESUMED (unpaused) before STARTED
                assertThat(events).extracting(LifecycleEvent::type)
                        .filteredOn(t -> t != LifecycleEvent.Type.SHUTDOWN)
                        .containsExactly(LifecycleEvent.Type.DEFINED, LifecycleEvent.Type.RESUMED,
                                LifecycleEvent.Type.STARTED, LifecycleEvent.Type.SUSPENDED, LifecycleEvent.Type.RESUMED,
                                LifecycleEvent.Type.STOPPED, LifecycleEvent.Type.UNDEFINED)
                        .containsSubsequence(LifecycleEvent.Type.DEFINED, LifecycleEvent.Type.STARTED,
                                LifecycleEvent.Type.STOPPED);
                assertThat(events).filteredOn(e -> e.type() == LifecycleEvent.Type.STOPPED).singleElement()
                        .extracting(LifecycleEvent::detail).isEqualTo(0); // VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN
                assertThat(events).filteredOn(e -> e.type() == LifecycleEvent.Type.SHUTDOWN).singleElement()
                        .extracting(LifecycleEvent::detail).isEqualTo(1); // VIR_DOMAIN_EVENT_SHUTDOWN_GUEST
                assertThat(conn.lookup(name)).isEmpty();
                assertThat(conn.domains()).noneMatch(s -> s.name().equals(name));
            } finally {
                sub.close();
                conn.lookup(name).ifPresent(d -> {
                    if (d.state().isActive()) {
                        d.destroy();
                    }
                    d.undefine();
                });
                if (reserved) {
                    conn.setPagePool(0, PageSize.MIB_2, totalBefore);
                }
            }
            assertThat(poolTotal(conn)).isEqualTo(totalBefore);
            assertThat(conn.freePages(0, PageSize.MIB_2)).isEqualTo(freeBefore);
            assertThat(conn.openDomainHandles()).isZero();
        } finally {
            Files.deleteIfExists(serialLog);
            Files.deleteIfExists(serialLog.getParent());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("real guest test took {} ms", ms);
        assertThat(ms).as("the real-guest test should stay well under a minute").isLessThan(60_000);
    }

    /** While the guest is paused: statistics, live XML and tuning read back through the SDK. */
    private static void observe(LibvirtConnection conn, LibvirtDomain dom, String name) {
        assertThat(dom.state()).isEqualTo(DomainState.PAUSED);
        assertThat(dom.persistent()).isTrue();
        assertThat(dom.cpuTime()).isPositive();
        assertThat(dom.vcpus()).hasSize(2).satisfies(v -> {
            assertThat(v.get(0).hostCpu()).isEqualTo(0);
            assertThat(v.get(1).hostCpu()).isEqualTo(1);
        });
        assertThat(dom.memoryStats().rss()).isPresent();
        BlockStats sda = dom.blockStats("sda");
        assertThat(sda.device()).isEqualTo("sda");
        assertThat(sda.readRequests()).isGreaterThanOrEqualTo(0);
        DomainStats stats = conn.allDomainStats().stream().filter(s -> s.domain().equals(name)).findFirst()
                .orElseThrow();
        assertThat(stats.state()).isEqualTo(DomainState.PAUSED);
        assertThat(stats.cpuTime()).isPositive();
        assertThat(stats.blocks()).extracting(BlockStats::device).containsExactly("sda");
        assertThat(stats.raw()).containsKeys("vcpu.current", "balloon.current");

        // what the SDK asked for, as libvirt applied it
        assertThat(dom.vcpuPins()).isEqualTo(Map.of(0, CpuSet.of(0), 1, CpuSet.of(1)));
        assertThat(dom.emulatorPin()).isEqualTo(CpuSet.range(0, 1));
        assertThat(dom.iothreadPins()).isEqualTo(Map.of(1, CpuSet.range(0, 1)));
        assertThat(dom.numaTune()).isEqualTo(new NumaPolicy(NumaMode.STRICT, NodeSet.of(0)));

        Domain live = dom.live();
        assertThat(live.id()).isPresent();
        assertThat(live.vcpuCount()).isEqualTo(2);
        assertThat(live.iothreads()).hasValue(1);
        assertThat(live.memory()).hasValue(DataSize.mib(128));
        assertThat(live.cputune().orElseThrow().vcpuPin(1).orElseThrow().cpuset()).isEqualTo(CpuSet.of(1));
        assertThat(live.cputune().orElseThrow().emulatorPin()).hasValue(CpuSet.range(0, 1));
        assertThat(live.numatune().flatMap(t -> t.memory()).flatMap(m -> m.nodeset())).hasValue(NodeSet.of(0));
        assertThat(live.cpu().orElseThrow().numaCells()).hasSize(2);
        assertThat(live.memoryBacking().orElseThrow().pages()).singleElement()
                .satisfies(p -> assertThat(p.size()).hasValue(PageSize.MIB_2));
        // while the guest runs it holds its 64 pages of host node 0
        assertThat(conn.hostState().heldHugePages(0, PageSize.MIB_2)).isEqualTo(PAGES_NEEDED);
    }

    private static long poolTotal(LibvirtConnection conn) {
        return conn.topology().node(0).flatMap(n -> n.pool(PageSize.MIB_2)).map(HugePagePool::total).orElse(0L);
    }

    static void awaitState(LibvirtDomain dom, DomainState state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (dom.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(dom.state()).isEqualTo(state);
    }
}
