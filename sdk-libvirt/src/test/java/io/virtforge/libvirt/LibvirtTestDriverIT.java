package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.DomainValidationException;
import io.virtforge.check.Finding;
import io.virtforge.check.Profile;
import io.virtforge.connect.ConnectionClosedException;
import io.virtforge.connect.NumaPolicy;
import io.virtforge.connect.AlreadyExistsException;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.Subscription;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.Disk;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import io.virtforge.model.DomainXml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every operation libvirt's test driver ({@code test:///default}) supports, through the SDK, and the exact
 * typed error of each misuse, with libvirt 9.0's own codes. Each test opens its own connection and, on
 * closing it, checks that no libvirt-java domain object and no native reference was left behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibvirtTestDriverIT {
    /** The test driver's default domain: running, persistent. */
    static final UUID TEST_DOMAIN_UUID = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
    private static final DomainXml XML = DomainXml.defaults();

    private LibvirtConnection conn;
    private final List<String> defined = new ArrayList<>();

    @BeforeEach
    void open() {
        Hosts.assumeTestDriver();
        conn = LibvirtConnection.open(Hosts.TEST_URI);
    }

    @AfterEach
    void close() {
        if (conn == null) {
            return;
        }
        for (String name : defined) {
            conn.lookup(name).ifPresent(d -> {
                if (d.state().isActive()) {
                    d.destroy();
                }
                if (conn.lookup(name).isPresent()) {
                    d.undefine();
                }
            });
        }
        assertThat(conn.openDomainHandles()).as("libvirt-java domain objects not freed").isZero();
        conn.close();
        assertThat(conn.referencesLeftAtClose()).as("references left on the native connection").isZero();
    }

    /** A test-driver guest: 2 vCPUs, 512 MiB, 2 I/O threads, one virtio disk (vda). */
    static Domain guest(String name) {
        return DomainBuilder.named(name).type(DomainType.TEST).arch("i686").memory(DataSize.mib(512)).vcpus(2)
                .iothreads(2).disk(d -> d.file("/guest/" + name + ".img").virtio()).build();
    }

    private LibvirtDomain define(String name) {
        defined.add(name);
        return conn.define(guest(name));
    }

    // ------------------------------------------------------------------ connection

    @Test
    void theServiceLoaderOpensLibvirtUrisWithThisProvider() {
        try (VirtConnection c = VirtConnections.open(Hosts.TEST_URI)) {
            assertThat(c).isInstanceOf(LibvirtConnection.class);
            assertThat(c.uri()).isEqualTo(Hosts.TEST_URI);
            assertThat(c.isAlive()).isTrue();
        }
    }

    @Test
    void aClosedConnectionIsNotAliveAndRefusesCalls() {
        LibvirtConnection other = LibvirtConnection.open(Hosts.TEST_URI);
        other.close();
        other.close(); // twice does nothing
        assertThat(other.isAlive()).isFalse();
        assertThat(other.referencesLeftAtClose()).isZero();
        assertThatThrownBy(other::domains).isExactlyInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(other::reconnect).isExactlyInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void aDriverThatDoesNotExistIsReportedWithLibvirtsError() {
        // the client hands an unknown driver's URI to a daemon, which says it has no such driver; the socket
        // names the private test daemon, so that the machine's own libvirtd is never asked
        String uri = "nosuchdriver:///x?socket=" + Hosts.qemuSocket();
        assertThatThrownBy(() -> LibvirtConnection.open(uri)).isInstanceOfSatisfying(
                NotSupportedException.class, e -> {
                    assertThat(e.code()).isEqualTo(5); // VIR_ERR_NO_CONNECT
                    assertThat(e.libvirtMessage()).isEqualTo("no connection driver available for nosuchdriver:///x");
                });
    }

    @Test
    void handlesStayValidAcrossReconnect() {
        LibvirtDomain dom = define("it-td-reconnect");
        conn.reconnect();
        assertThat(conn.isAlive()).isTrue();
        assertThat(dom.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(conn.domain(dom.uuid())).isEqualTo(dom);
    }

    // ------------------------------------------------------------------ host

    @Test
    void topologyIsTheCapabilitiesTwoCellsAndHostStateAddsLiveFreePages() {
        HostTopology host = conn.topology();
        assertThat(host.nodes()).hasSize(2);
        assertThat(host.cpus()).hasSize(16);
        assertThat(host.nodeOf(9)).isEqualTo(1);
        assertThat(host.pageSizes()).contains(PageSize.MIB_2, PageSize.GIB_1);
        assertThat(host.node(0).orElseThrow().pool(PageSize.MIB_2).orElseThrow().free()).isEmpty();

        HostState state = conn.hostState();
        assertThat(state.domains()).extracting(Domain::name).containsExactly("test");
        // the capabilities give 0 pages of 2 MiB; virNodeGetFreePages answers 19 (test data): clamped to the pool
        assertThat(state.topology().node(0).orElseThrow().pool(PageSize.MIB_2).orElseThrow().free()).hasValue(0);
        assertThat(state.totalVcpus()).isEqualTo(2);
    }

    @Test
    void freePagesAreTheDriversLiveCountsAndThePoolCannotBeSet() {
        // the test driver's made-up answer: 19 for the first size asked on cell 0, whatever the size
        assertThat(conn.freePages(0, PageSize.MIB_2)).isEqualTo(19);
        assertThatThrownBy(() -> conn.setPagePool(0, PageSize.MIB_2, 16)).isInstanceOfSatisfying(
                NotSupportedException.class, e -> {
                    assertThat(e.code()).isEqualTo(3); // VIR_ERR_NO_SUPPORT
                    assertThat(e.errorDomain()).isEqualTo(20); // VIR_FROM_DOMAIN
                    assertThat(e.libvirtMessage()).contains("virNodeAllocPages");
                });
    }

    @Test
    void anUnknownNodeDeviceIsNotFound() {
        PciAddress nowhere = PciAddress.parse("0000:ff:1f.7");
        assertThatThrownBy(() -> conn.detachNodeDevice(nowhere)).isInstanceOfSatisfying(NotFoundException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(53); // VIR_ERR_NO_NODE_DEVICE
                    assertThat(e.errorDomain()).isEqualTo(12);
                    assertThat(e.libvirtMessage()).isEqualTo("Node device not found: no node device with matching "
                            + "name 'pci_0000_ff_1f_7'");
                });
        assertThatThrownBy(() -> conn.reattachNodeDevice(nowhere)).isInstanceOfSatisfying(
                NotFoundException.class, e -> assertThat(e.code()).isEqualTo(53));
    }

    // ------------------------------------------------------------------ lookup

    @Test
    void theDefaultDomainIsListedAndFoundByNameAndUuid() {
        assertThat(conn.domains()).contains(new DomainSummary("test", TEST_DOMAIN_UUID, DomainState.RUNNING, true));
        assertThat(conn.lookup("test")).get().extracting(VirtDomain::uuid).isEqualTo(TEST_DOMAIN_UUID);
        assertThat(conn.lookup(TEST_DOMAIN_UUID)).get().extracting(VirtDomain::name).isEqualTo("test");
        assertThat(conn.domain("test").persistent()).isTrue();
    }

    @Test
    void aMissingDomainIsEmptyOnLookupAndNotFoundCode42OnDomain() {
        assertThat(conn.lookup("it-td-missing")).isEmpty();
        assertThat(conn.lookup(UUID.randomUUID())).isEmpty();
        assertThatThrownBy(() -> conn.domain("it-td-missing")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.code()).isEqualTo(42); // VIR_ERR_NO_DOMAIN
            assertThat(e.errorDomain()).isEqualTo(12); // VIR_FROM_TEST
            assertThat(e.libvirtMessage()).isEqualTo("Domain not found");
        });
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> conn.domain(nobody)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo(42));
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void defineStartSuspendResumeRebootDestroyUndefine() {
        LibvirtDomain dom = define("it-td-life");
        assertThat(dom.persistent()).isTrue();
        assertThat(dom.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(dom.definition().name()).isEqualTo("it-td-life");
        assertThat(dom.definition().uuid()).hasValue(dom.uuid());

        dom.start();
        assertThat(dom.state()).isEqualTo(DomainState.RUNNING);
        assertThat(dom.live().id()).isPresent();
        dom.suspend();
        assertThat(dom.state()).isEqualTo(DomainState.PAUSED);
        dom.resume();
        assertThat(dom.state()).isEqualTo(DomainState.RUNNING);
        dom.reboot();
        assertThat(dom.state()).isEqualTo(DomainState.RUNNING);
        dom.destroy();
        assertThat(dom.state()).isEqualTo(DomainState.SHUTOFF);
        dom.undefine();
        assertThat(conn.lookup("it-td-life")).isEmpty();
        assertThatThrownBy(dom::state).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.code()).isEqualTo(42);
            assertThat(e.libvirtMessage()).isEqualTo("Domain not found");
        });
    }

    @Test
    void shutdownOfAGuestThatStopsIsGraceful() {
        LibvirtDomain dom = define("it-td-shutdown");
        dom.start();
        assertThat(dom.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(dom.state()).isEqualTo(DomainState.SHUTOFF);
    }

    @Test
    void lifecycleMisusesGiveTheDriversStateErrors() {
        LibvirtDomain dom = define("it-td-misuse");
        // the test driver files these under VIR_ERR_INTERNAL_ERROR (1); the QEMU driver says 55 (ErrorMappingIT)
        assertThatThrownBy(dom::suspend).isInstanceOfSatisfying(InvalidStateException.class, e -> {
            assertThat(e.code()).isEqualTo(1);
            assertThat(e.libvirtMessage()).isEqualTo("internal error: domain 'it-td-misuse' not running");
        });
        assertThatThrownBy(dom::destroy).isInstanceOfSatisfying(InvalidStateException.class, e -> {
            assertThat(e.code()).isEqualTo(55); // VIR_ERR_OPERATION_INVALID
            assertThat(e.errorDomain()).isEqualTo(20);
            assertThat(e.libvirtMessage()).isEqualTo("Requested operation is not valid: domain is not running");
        });
        assertThatThrownBy(() -> dom.shutdown(Duration.ofSeconds(1))).isInstanceOf(InvalidStateException.class);
        dom.start();
        assertThatThrownBy(dom::start).isInstanceOfSatisfying(InvalidStateException.class, e -> {
            assertThat(e.code()).isEqualTo(1);
            assertThat(e.errorDomain()).isEqualTo(12);
            assertThat(e.libvirtMessage()).isEqualTo("internal error: Domain 'it-td-misuse' is already running");
        });
        assertThatThrownBy(dom::resume).isInstanceOfSatisfying(InvalidStateException.class,
                e -> assertThat(e.libvirtMessage()).isEqualTo("internal error: domain 'it-td-misuse' not paused"));
    }

    @Test
    void aTransientDomainRunsUntilDestroyedAndCannotBeUndefined() {
        defined.add("it-td-transient");
        LibvirtDomain dom = conn.create(guest("it-td-transient"), DefineOptions.DEFAULT);
        assertThat(dom.persistent()).isFalse();
        assertThat(dom.state()).isEqualTo(DomainState.RUNNING);
        assertThatThrownBy(dom::undefine).isInstanceOfSatisfying(InvalidStateException.class, e -> {
            assertThat(e.code()).isEqualTo(55);
            assertThat(e.errorDomain()).isZero(); // the SDK's check: the test driver itself would accept it
            assertThat(e.getMessage()).contains("cannot undefine transient domain");
        });
        dom.destroy();
        assertThat(conn.lookup("it-td-transient")).isEmpty();
        assertThatThrownBy(dom::state).isInstanceOf(NotFoundException.class);
    }

    // ------------------------------------------------------------------ definitions

    @Test
    void aSecondDomainOfTheSameNameWithAnotherUuidAlreadyExists() {
        LibvirtDomain first = define("it-td-dup");
        Domain other = guest("it-td-dup").toBuilder().uuid(UUID.randomUUID()).build();
        assertThatThrownBy(() -> conn.define(other)).isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
            assertThat(e.code()).isEqualTo(9); // VIR_ERR_OPERATION_FAILED, not DOM_EXIST (28)
            assertThat(e.errorDomain()).isEqualTo(20);
            assertThat(e.libvirtMessage()).isEqualTo("operation failed: domain 'it-td-dup' already exists with uuid "
                    + first.uuid());
        });
        Domain sameUuid = guest("it-td-dup2").toBuilder().uuid(first.uuid()).build();
        assertThatThrownBy(() -> conn.define(sameUuid)).isInstanceOfSatisfying(AlreadyExistsException.class,
                e -> assertThat(e.libvirtMessage()).isEqualTo("operation failed: domain 'it-td-dup' is already "
                        + "defined with uuid " + first.uuid()));
        assertThatThrownBy(() -> conn.create(other, DefineOptions.DEFAULT))
                .isInstanceOf(AlreadyExistsException.class);
        // the same name and UUID again is a redefinition
        LibvirtDomain again = conn.define(guest("it-td-dup").toBuilder().uuid(first.uuid())
                .memory(DataSize.mib(256)).build());
        assertThat(again).isEqualTo(first);
        assertThat(first.definition().memory()).hasValue(DataSize.mib(256));
    }

    @Test
    void definitionsLibvirtRefusesAreInvalidDefinitionsWithLibvirtsMessage() {
        Domain noOs = XML.parse("<domain type='test'><name>it-td-noos</name><memory>1024</memory></domain>");
        assertThatThrownBy(() -> conn.define(noOs, DefineOptions.unchecked()))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.code()).isEqualTo(27); // VIR_ERR_XML_ERROR
                    assertThat(e.errorDomain()).isEqualTo(20);
                    assertThat(e.libvirtMessage()).isEqualTo("XML error: an os <type> must be specified");
                    assertThat(e.getMessage()).contains("an os <type> must be specified");
                });
        Domain bogusType = XML.parse(XML.write(guest("it-td-bogus")).replace("type='test'", "type='bogus'"));
        assertThatThrownBy(() -> conn.define(bogusType, DefineOptions.unchecked()))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.code()).isEqualTo(67); // VIR_ERR_CONFIG_UNSUPPORTED
                    assertThat(e.libvirtMessage()).isEqualTo("unsupported configuration: invalid domain type bogus");
                });
        assertThat(conn.lookup("it-td-noos")).isEmpty();
    }

    @Test
    void structureAndHostValidationRefuseBeforeLibvirtIsAsked() {
        Domain badPin = DomainBuilder.from(guest("it-td-invalid")).pinVcpu(5, CpuSet.of(1)).assemble();
        assertThatThrownBy(() -> conn.define(badPin)).isInstanceOf(DomainValidationException.class);
        assertThat(conn.lookup("it-td-invalid")).isEmpty();

        Domain farPin = DomainBuilder.from(guest("it-td-farpin")).pinVcpu(0, CpuSet.of(40)).assemble();
        assertThatThrownBy(() -> conn.define(farPin, DefineOptions.againstHost(Profile.STANDARD)))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.report().errors())
                        .extracting(Finding::code).contains("PIN_CPU_MISSING"));
        assertThat(conn.lookup("it-td-farpin")).isEmpty();

        defined.add("it-td-hostok");
        Domain fine = DomainBuilder.from(guest("it-td-hostok")).pinVcpu(0, CpuSet.of(3)).assemble();
        assertThat(conn.define(fine, DefineOptions.againstHost(Profile.STANDARD)).definition().cputune()
                .flatMap(t -> t.vcpuPin(0))).isPresent();
    }

    // ------------------------------------------------------------------ tuning and devices

    @Test
    void pinningMemoryAndTheirReadBack() {
        LibvirtDomain dom = define("it-td-tune");
        // testDomainPinVcpuFlags takes AFFECT_LIVE only: "unsupported flags (0x2)", VIR_ERR_INVALID_ARG
        assertThatThrownBy(() -> dom.pinVcpu(1, CpuSet.of(5), Scope.CONFIG)).isInstanceOfSatisfying(
                NotSupportedException.class, e -> {
                    assertThat(e.code()).isEqualTo(8);
                    assertThat(e.libvirtMessage()).isEqualTo("unsupported flags (0x2) in function testDomainPinVcpuFlags");
                });
        dom.setNumaTune(NumaMode.INTERLEAVE, NodeSet.of(1), Scope.CONFIG);
        assertThat(dom.numaTune()).isEqualTo(new NumaPolicy(NumaMode.INTERLEAVE, NodeSet.of(1)));
        assertThat(dom.definition().numatune().flatMap(t -> t.memory()).flatMap(m -> m.mode()))
                .hasValue(NumaMode.INTERLEAVE);
        dom.start();
        assertThatThrownBy(() -> dom.setNumaTune(NumaMode.STRICT, NodeSet.of(0), Scope.LIVE))
                .isInstanceOfSatisfying(InvalidStateException.class, e -> assertThat(e.libvirtMessage())
                        .isEqualTo("Requested operation is not valid: can't change numatune mode for running domain"));
        dom.pinVcpu(0, CpuSet.of(2, 3), Scope.LIVE);
        dom.pinVcpu(1, CpuSet.of(5), Scope.LIVE);
        assertThat(dom.vcpuPins()).containsEntry(0, CpuSet.of(2, 3)).containsEntry(1, CpuSet.of(5));
        assertThat(dom.live().cputune().flatMap(t -> t.vcpuPin(1)).map(p -> p.cpuset())).hasValue(CpuSet.of(5));
        dom.pinEmulator(CpuSet.of(1, 6), Scope.LIVE);
        assertThat(dom.emulatorPin()).isEqualTo(CpuSet.of(1, 6));
        dom.pinIothread(2, CpuSet.of(4), Scope.LIVE);
        assertThat(dom.iothreadPins()).containsEntry(2, CpuSet.of(4)).containsKey(1);
        assertThat(dom.live().cputune().orElseThrow().emulatorPin()).hasValue(CpuSet.of(1, 6));

        dom.setMemory(DataSize.mib(256), Scope.LIVE);
        assertThat(dom.live().currentMemory()).hasValue(DataSize.mib(256));
        assertThatThrownBy(() -> dom.setMemory(DataSize.gib(64), Scope.LIVE))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.code()).isEqualTo(8); // VIR_ERR_INVALID_ARG
                    assertThat(e.libvirtMessage()).isEqualTo("invalid argument: cannot set memory higher than max memory");
                });
        assertThatThrownBy(() -> dom.pinVcpu(7, CpuSet.of(1), Scope.LIVE))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.libvirtMessage())
                        .isEqualTo("invalid argument: requested vcpu '7' is not present in the domain"));
    }

    @Test
    void whatTheTestDriverDoesNotImplementIsNotSupported() {
        LibvirtDomain dom = define("it-td-unsupported");
        Disk disk = (Disk) XML.parseDevice("<disk type='file' device='disk'><source file='/guest/extra.img'/>"
                + "<target dev='vdb' bus='virtio'/></disk>");
        for (Scope scope : Scope.values()) {
            assertThatThrownBy(() -> dom.attachDevice(disk, scope)).isInstanceOfSatisfying(
                    NotSupportedException.class, e -> {
                        assertThat(e.code()).isEqualTo(3);
                        assertThat(e.libvirtMessage()).contains("virDomainAttachDeviceFlags");
                    });
        }
        assertThatThrownBy(() -> dom.detachDevice(disk, Scope.CONFIG)).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> dom.updateDevice(disk, Scope.CONFIG)).isInstanceOf(NotSupportedException.class);
    }

    // ------------------------------------------------------------------ statistics

    @Test
    void statisticsOfARunningDomain() {
        LibvirtDomain dom = define("it-td-stats");
        dom.start();
        assertThat(dom.cpuTime()).isPositive();
        assertThat(dom.vcpus()).hasSize(2).allSatisfy(v -> assertThat(v.state()).isEqualTo(1));
        assertThat(dom.blockStats("vda").device()).isEqualTo("vda");
        assertThatThrownBy(() -> dom.blockStats("vdq")).isInstanceOfSatisfying(InvalidDefinitionException.class,
                e -> assertThat(e.libvirtMessage()).isEqualTo("invalid argument: invalid path: vdq"));
        assertThat(dom.memoryStats()).isNotNull();
        assertThat(conn.domain("test").interfaceStats("testnet0").device()).isEqualTo("testnet0");
        assertThatThrownBy(() -> dom.interfaceStats("vnet99")).isInstanceOfSatisfying(
                InvalidDefinitionException.class, e -> assertThat(e.libvirtMessage())
                        .isEqualTo("invalid argument: 'vnet99' is not a known interface"));

        List<DomainStats> all = conn.allDomainStats();
        DomainStats mine = all.stream().filter(s -> s.domain().equals("it-td-stats")).findFirst().orElseThrow();
        assertThat(mine.state()).isEqualTo(DomainState.RUNNING);
        // the test driver's virConnectGetAllDomainStats gives the state group only
        assertThat(mine.raw()).containsEntry("state.state", 1).containsKey("state.reason");
        assertThat(mine.blocks()).isEmpty();
        assertThat(all).extracting(DomainStats::domain).contains("test");
    }

    @Test
    void statisticsOfAStoppedDomainAreAStateError() {
        LibvirtDomain dom = define("it-td-stopped-stats");
        assertThatThrownBy(() -> dom.blockStats("vda")).isInstanceOfSatisfying(InvalidStateException.class,
                e -> assertThat(e.code()).isEqualTo(55));
    }

    // ------------------------------------------------------------------ events

    @Test
    void lifecycleEventsArriveInOrderUntilTheSubscriptionIsClosed() throws Exception {
        List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
        Subscription sub = conn.onLifecycle(e -> {
            if (e.domain().startsWith("it-td-events")) {
                events.add(e);
            }
        });
        LibvirtDomain dom = define("it-td-events");
        dom.start();
        dom.suspend();
        dom.resume();
        dom.destroy();
        dom.undefine();
        awaitSize(events, 6);
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.DEFINED,
                LifecycleEvent.Type.STARTED, LifecycleEvent.Type.SUSPENDED, LifecycleEvent.Type.RESUMED,
                LifecycleEvent.Type.STOPPED, LifecycleEvent.Type.UNDEFINED);
        assertThat(events).allSatisfy(e -> assertThat(e.uuid()).isEqualTo(dom.uuid()));
        assertThat(events.get(0).detail()).isZero(); // VIR_DOMAIN_EVENT_DEFINED_ADDED
        assertThat(events.get(4).detail()).isEqualTo(1); // VIR_DOMAIN_EVENT_STOPPED_DESTROYED

        sub.close();
        sub.close();
        define("it-td-events-after").undefine();
        Thread.sleep(500);
        assertThat(events).hasSize(6);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersAndCloseEndsSubscriptions() throws Exception {
        LibvirtConnection other = LibvirtConnection.open(Hosts.TEST_URI);
        List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
        other.onLifecycle(e -> {
            throw new IllegalStateException("listener bug");
        });
        other.onLifecycle(e -> {
            if (e.domain().equals("it-td-listeners")) {
                seen.add(e);
                other.domains(); // listeners may call the connection
            }
        });
        define("it-td-listeners");
        awaitSize(seen, 1);
        assertThat(seen.get(0).type()).isEqualTo(LifecycleEvent.Type.DEFINED);
        other.close(); // with both subscriptions still open
        assertThat(other.referencesLeftAtClose()).isZero();
        assertThatThrownBy(() -> other.onLifecycle(e -> { })).isExactlyInstanceOf(ConnectionClosedException.class);
    }

    static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }
}
