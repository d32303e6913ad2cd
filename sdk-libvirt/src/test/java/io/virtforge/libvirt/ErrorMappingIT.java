package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.connect.AlreadyExistsException;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtException;
import io.virtforge.connect.LibvirtErrors.Call;
import io.virtforge.libvirt.jna.NativeFlags;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.libvirt.jna.NativeLibvirtException;
import io.virtforge.value.PageSize;
import io.virtforge.model.DomainXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The error mapping table of {@link ErrorMapping}, row by row, against what libvirt 9.0 really raises: each
 * case makes libvirt fail through plain libvirt-java (or the JNA bindings), maps the error and checks the
 * exception type together with libvirt's code, error domain and message. (Lost connections are raised
 * for real in {@code FaultIT}; the SDK-level paths in {@code LibvirtTestDriverIT} and {@code QemuGuestIT}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ErrorMappingIT {
    @FunctionalInterface
    interface Failing {
        void run() throws LibvirtException;
    }

    static VirtException expect(Failing call, Call kind, Class<? extends VirtException> type, int code, int domain,
            String message) {
        try {
            call.run();
        } catch (LibvirtException e) {
            VirtException mapped = ErrorMapping.map("probe", e, kind);
            assertThat(mapped).as(e.getError().toString()).isExactlyInstanceOf(type);
            assertThat(mapped.code()).as("code of " + mapped.getMessage()).isEqualTo(code);
            assertThat(mapped.errorDomain()).as("domain of " + mapped.getMessage()).isEqualTo(domain);
            assertThat(mapped.libvirtMessage()).contains(message);
            assertThat(mapped.getCause()).isSameAs(e);
            return mapped;
        }
        return fail("libvirt accepted what should fail with " + type.getSimpleName() + " " + code);
    }

    static VirtException expect(Failing call, Class<? extends VirtException> type, int code, int domain,
            String message) {
        return expect(call, Call.GENERAL, type, code, domain, message);
    }

    private static String domainXml(String type, String name, String uuid, String extra) {
        String arch = type.equals("test") ? "i686" : "x86_64";
        return "<domain type='" + type + "'><name>" + name + "</name>" + (uuid == null ? "" : "<uuid>" + uuid + "</uuid>")
                + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='" + arch + "'>hvm</type></os>"
                + "<devices>" + extra + "</devices></domain>";
    }

    private static void common(Connect c, String type, int driverDomain) throws LibvirtException {
        expect(() -> c.domainLookupByName("it-em-missing"), NotFoundException.class, 42, driverDomain,
                "Domain not found");
        expect(() -> c.domainLookupByUUID(UUID.randomUUID()), NotFoundException.class, 42, driverDomain,
                "Domain not found");
        expect(() -> c.deviceLookupByName("pci_0000_ff_1f_7"), NotFoundException.class, 53,
                type.equals("test") ? 12 : 22, "no node device with matching name 'pci_0000_ff_1f_7'");
        expect(() -> c.storagePoolLookupByName("it-em-nope"), NotFoundException.class, 49,
                type.equals("test") ? 12 : 18, "Storage pool not found");
        expect(() -> c.storageVolLookupByPath("/it-em/nope"), NotFoundException.class, 50,
                type.equals("test") ? 12 : 18, "Storage volume not found");
        expect(() -> c.networkLookupByName("it-em-nope"), NotFoundException.class, 43,
                type.equals("test") ? 12 : 19, "Network not found");
        expect(() -> c.interfaceLookupByName("it-em-nope"), NotFoundException.class, 57,
                type.equals("test") ? 12 : 26, "Interface not found");

        expect(() -> c.domainDefineXML("<domain type='" + type + "'><name>x</name>"), InvalidDefinitionException.class,
                35, 20, "Premature end of data in tag domain");
        expect(() -> c.domainDefineXML("<domain type='" + type + "'><name>x</name><memory unit='KiB'>lots</memory>"
                + "<os><type>hvm</type></os></domain>"), InvalidDefinitionException.class, 27, 5,
                "XML error: Invalid value 'lots' for element or attribute './memory[1]'");
        expect(() -> c.domainDefineXML("<domain type='" + type + "'><name>x</name><memory>1024</memory></domain>"),
                InvalidDefinitionException.class, 27, 20, "XML error: an os <type> must be specified");
        expect(() -> c.domainDefineXML(domainXml("bogus", "x", null, "")), InvalidDefinitionException.class, 67, 20,
                "unsupported configuration: invalid domain type bogus");

        Domain d = c.domainDefineXML(domainXml(type, "it-em-a", "11111111-2222-3333-4444-00000000000a", ""));
        try {
            expect(() -> c.domainDefineXML(domainXml(type, "it-em-a", "11111111-2222-3333-4444-00000000000b", "")),
                    AlreadyExistsException.class, 9, 20,
                    "operation failed: domain 'it-em-a' already exists with uuid 11111111-2222-3333-4444-00000000000a");
            expect(() -> c.domainDefineXML(domainXml(type, "it-em-b", "11111111-2222-3333-4444-00000000000a", "")),
                    AlreadyExistsException.class, 9, 20,
                    "operation failed: domain 'it-em-a' is already defined with uuid 11111111-2222-3333-4444-00000000000a");
            expect(() -> c.domainCreateXML(domainXml(type, "it-em-a", "11111111-2222-3333-4444-00000000000b", ""), 0),
                    Call.START, AlreadyExistsException.class, 9, 20, "already exists with uuid");
            expect(d::destroy, InvalidStateException.class, 55, 20,
                    "Requested operation is not valid: domain is not running");
            expect(() -> d.blockStats("vda"), InvalidStateException.class, 55, 20, "domain is not running");
            expect(() -> d.undefine(1 << 20), NotSupportedException.class, 8, driverDomain,
                    "unsupported flags (0x100000) in function");
        } finally {
            d.undefine();
            d.free();
        }

        Connect net = c;
        String netXml = "<network><name>it-em-net</name><bridge name='virbritem'/></network>";
        net.networkDefineXML(netXml).free();
        try {
            expect(() -> net.networkDefineXML(netXml.replace("</name>", "</name><uuid>" + UUID.randomUUID() + "</uuid>")),
                    AlreadyExistsException.class, 9, 19, "network 'it-em-net' already exists with uuid");
        } finally {
            org.libvirt.Network n = net.networkLookupByName("it-em-net");
            n.undefine();
            n.free();
        }
    }

    @Test
    void theTestDriversErrors() throws Exception {
        Hosts.assumeTestDriver();
        Connect c = Hosts.quiet(new Connect(Hosts.TEST_URI));
        try {
            common(c, "test", 12);

            Domain test = c.domainLookupByName("test");
            try {
                expect(test::create, Call.START, InvalidStateException.class, 1, 12,
                        "internal error: Domain 'test' is already running");
                expect(test::resume, InvalidStateException.class, 1, 12, "internal error: domain 'test' not paused");
                expect(() -> test.pinVcpu(7, new int[] {1}), InvalidDefinitionException.class, 8, 12,
                        "invalid argument: requested vcpu '7' is not present in the domain");
                expect(() -> test.setMemory(1L << 40), InvalidDefinitionException.class, 8, 12,
                        "invalid argument: cannot set memory higher than max memory");
                expect(() -> test.blockStats("vdq"), InvalidDefinitionException.class, 8, 12,
                        "invalid argument: invalid path: vdq");
                expect(() -> test.attachDeviceFlags("<disk type='file' device='disk'><source file='/x'/>"
                        + "<target dev='vdz' bus='virtio'/></disk>", 2), NotSupportedException.class, 3, 20,
                        "this function is not supported by the connection driver: virDomainAttachDeviceFlags");
            } finally {
                test.free();
            }
            expect(() -> c.secretLookupByUUIDString(UUID.randomUUID().toString()), NotSupportedException.class, 3, 30,
                    "virSecretLookupByUUID");

            // the JNA bindings' errors map the same way
            try {
                NativeLibvirt.allDomainStats(c, NativeFlags.STATS_BLOCK, NativeFlags.GET_ALL_DOMAINS_STATS_ENFORCE_STATS);
                fail("the test driver has no block statistics group");
            } catch (NativeLibvirtException e) {
                VirtException mapped = ErrorMapping.map("stats", e);
                assertThat(mapped).isExactlyInstanceOf(NotSupportedException.class);
                assertThat(mapped.code()).isEqualTo(74); // VIR_ERR_ARGUMENT_UNSUPPORTED
                assertThat(mapped.libvirtMessage()).isEqualTo(e.libvirtMessage());
            }
        } finally {
            assertThat(c.close()).isZero();
        }
    }

    @Test
    void theQemuDriversErrors() throws Exception {
        Hosts.assumeTestLibvirtd();
        Connect c = Hosts.quiet(new Connect(Hosts.qemuUri()));
        try {
            common(c, "qemu", 10);
            // an unknown driver: the client hands the URI to a daemon, which has no driver for it. The socket names
            // the private daemon: without it the client would ask the machine's own libvirtd.
            expect(() -> new Connect("nosuchdriver:///x?socket=" + Hosts.qemuSocket()).close(), NotSupportedException.class, 5, 0,
                    "no connection driver available for nosuchdriver:///x");
            expect(() -> c.secretLookupByUUIDString("11111111-2222-3333-4444-555555555555"), NotFoundException.class,
                    66, 30, "Secret not found");
            expect(() -> c.networkFilterLookupByName("it-em-nope"), NotFoundException.class, 62, 33,
                    "Network filter not found");
            expect(() -> c.domainDefineXML(domainXml("qemu", "it-em-io", null,
                    "<disk type='file' device='disk'><driver name='qemu' iothread='3'/><source file='/x'/>"
                            + "<target dev='vda' bus='virtio'/></disk>")), InvalidDefinitionException.class, 67, 10,
                    "unsupported configuration: Disk iothread '3' not defined in iothreadid");

            Domain d = c.domainDefineXML(domainXml("qemu", "it-em-q", null, ""));
            try {
                expect(() -> d.detachDeviceFlags("<disk type='file' device='disk'><source file='/x'/>"
                        + "<target dev='vdz' bus='virtio'/></disk>", 2), NotFoundException.class, 99, 10,
                        "device not found: no target device vdz");
                expect(() -> d.attachDeviceFlags("<disk", 2), InvalidDefinitionException.class, 35, 20,
                        "Couldn't find end of Start Tag disk");
                expect(d::suspend, InvalidStateException.class, 55, 20, "domain is not running");
                d.create();
                expect(d::create, Call.START, InvalidStateException.class, 55, 10,
                        "Requested operation is not valid: domain is already running");
                expect(d::resume, InvalidStateException.class, 55, 10, "domain is already running");
                expect(() -> d.setMemory(1L << 40), InvalidDefinitionException.class, 8, 10,
                        "invalid argument: cannot set memory higher than max memory");
                expect(() -> d.pinVcpu(7, new int[] {1}), InvalidDefinitionException.class, 8, 10,
                        "invalid argument: vcpu 7 is out of range of live cpu count 1");
                expect(() -> d.interfaceStats("vnet99"), InvalidDefinitionException.class, 8, 20,
                        "invalid argument: 'vnet99' is not a known interface");
            } finally {
                if (d.isActive() == 1) {
                    d.destroy();
                }
                d.undefine();
                d.free();
            }
            Domain t = c.domainCreateXML(domainXml("qemu", "it-em-t", null, ""), 0);
            try {
                expect(t::undefine, InvalidStateException.class, 55, 10,
                        "Requested operation is not valid: cannot undefine transient domain");
            } finally {
                t.destroy();
                t.free();
            }
        } finally {
            assertThat(c.close()).isZero();
        }
    }

    /** Remote URIs reach libvirt's remote driver unchanged; an unreachable server is a lost connection. */
    @Test
    void remoteUrisArePassedToLibvirtUnchanged() {
        Hosts.assumeTestDriver();
        assertThatThrownBy(
                () -> VirtConnections.open("qemu+tcp://127.0.0.1:1/system"))
                .isInstanceOfSatisfying(ConnectionLostException.class, e -> {
                    assertThat(e.code()).isEqualTo(38); // VIR_ERR_SYSTEM_ERROR
                    assertThat(e.errorDomain()).isEqualTo(7); // VIR_FROM_RPC
                    assertThat(e.libvirtMessage()).isEqualTo(
                            "unable to connect to server at '127.0.0.1:1': Connection refused");
                });
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no ssh client");
        assertThatThrownBy(
                () -> LibvirtConnection.open("qemu+ssh://nobody@127.0.0.1:1/system?no_tty=1"))
                .isInstanceOfSatisfying(ConnectionLostException.class,
                        e -> assertThat(e.libvirtMessage()).contains("ssh: connect to host 127.0.0.1 port 1"));
    }

    /** The start of a guest that needs more 2 MiB pages than the host has free: HostResourceException. */
    @Test
    void aStartWithoutEnoughHugePagesIsAHostResourceError() {
        Hosts.assumeTestLibvirtd();
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.qemuUri())) {
            long free = conn.freePages(0, PageSize.MIB_2);
            long mib = (free + 64) * 2; // 64 pages more than are free: QEMU cannot map its RAM; nothing is taken
            String xml = "<domain type='qemu'><name>it-em-hugepages</name><memory unit='MiB'>" + mib + "</memory>"
                    + "<memoryBacking><hugepages><page size='2048' unit='KiB'/></hugepages></memoryBacking>"
                    + "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                    + "<devices><memballoon model='none'/></devices></domain>";
            LibvirtDomain dom = conn.define(DomainXml.defaults().parse(xml), DefineOptions.unchecked());
            try {
                VirtException e = catchThrowableOfType(HostResourceException.class,
                        dom::start);
                assertThat(e).as("start of a guest needing %d MiB of 2 MiB pages with %d free", mib, free).isNotNull();
                assertThat(e.code()).isEqualTo(1); // VIR_ERR_INTERNAL_ERROR
                assertThat(e.errorDomain()).isEqualTo(10); // VIR_FROM_QEMU
                assertThat(e.libvirtMessage()).contains("unable to map backing store for guest RAM: Cannot allocate memory");
                assertThat(conn.freePages(0, PageSize.MIB_2)).isEqualTo(free);
            } finally {
                dom.undefine();
            }
        }
    }
}
