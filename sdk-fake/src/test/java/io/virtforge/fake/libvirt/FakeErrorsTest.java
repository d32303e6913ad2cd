package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_DEVICE_MISSING;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INVALID_ARG;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_NODE_DEVICE;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_OPERATION_FAILED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_OPERATION_INVALID;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NONE;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NODEDEV;
import static io.virtforge.fake.libvirt.TestDomains.fails;
import static io.virtforge.fake.libvirt.TestDomains.plain;
import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.AlreadyExistsException;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.model.NetInterface;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.MacAddress;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every misuse the fake answers, with the exact type, code, error domain and message (the libvirt 9.0
 * answers recorded in sdk-fake/evidence/libvirt-9.0).
 */
class FakeErrorsTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S);
    private static final UUID U1 = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID U2 = UUID.fromString("66666666-2222-3333-4444-555555555555");

    @AfterEach
    void close() {
        fake.close();
    }

    private VirtDomain x(UUID uuid) {
        return fake.define(small("x").uuid(uuid).build());
    }

    @Test
    void lookupOfAMissingName() {
        fails(NotFoundException.class, VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
                "Domain not found: no domain with matching name 'nope'", () -> fake.domain("nope"));
    }

    @Test
    void aStaleHandle() {
        VirtDomain d = x(U1);
        d.undefine();
        fails(NotFoundException.class, VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
                "Domain not found: no domain with matching uuid '" + U1 + "' (x)", d::start);
    }

    @Test
    void aNameTakenByAnotherUuid() {
        x(U1);
        String msg = "operation failed: domain 'x' already exists with uuid " + U1;
        fails(AlreadyExistsException.class, VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, msg, () -> x(U2));
        fails(AlreadyExistsException.class, VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, msg,
                () -> fake.create(small("x").uuid(U2).build(), DefineOptions.DEFAULT));
    }

    @Test
    void redefiningWithoutTheUuidIsANameTakenByAnotherUuid() {
        VirtDomain d = fake.define(plain("x"));
        fails(AlreadyExistsException.class, VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain 'x' already exists with uuid " + d.uuid(), () -> fake.define(plain("x")));
    }

    @Test
    void aUuidTakenByAnotherName() {
        x(U1);
        String msg = "operation failed: domain 'x' is already defined with uuid " + U1;
        fails(AlreadyExistsException.class, VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, msg,
                () -> fake.define(small("y").uuid(U1).build()));
        fails(AlreadyExistsException.class, VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, msg,
                () -> fake.create(small("y").uuid(U1).build(), DefineOptions.DEFAULT));
    }

    @Test
    void creatingARunningDomain() {
        x(U1).start();
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: domain 'x' is already active",
                () -> fake.create(small("x").uuid(U1).build(), DefineOptions.DEFAULT));
    }

    @Test
    void startingARunningOrPausedDomain() {
        VirtDomain d = x(U1);
        d.start();
        String msg = "Requested operation is not valid: domain is already running";
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, msg, d::start);
        d.suspend();
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, msg, d::start);
    }

    @Test
    void destroyingOrRebootingAShutOffDomain() {
        VirtDomain d = x(U1);
        String msg = "Requested operation is not valid: domain is not running";
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, msg, d::destroy);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, msg, d::reboot);
    }

    @Test
    void suspendingOrShuttingDownWhatDoesNotRun() {
        VirtDomain d = x(U1);
        String msg = "Requested operation is not valid: domain is not running";
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, msg, d::suspend);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, msg,
                () -> d.shutdown(java.time.Duration.ofSeconds(1)));
        d.start();
        d.suspend();
        d.suspend(); // QEMU: a paused domain suspends again without complaint (the test driver refuses)
        assertThat(d.state()).isEqualTo(io.virtforge.connect.DomainState.PAUSED);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: domain is not running", () -> d.shutdown(java.time.Duration.ofSeconds(1)));
        assertThat(d.state()).as("QEMU leaves a paused domain paused").isEqualTo(io.virtforge.connect.DomainState.PAUSED);
    }

    @Test
    void resumingWhatIsNotPaused() {
        VirtDomain d = x(U1);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: domain is not running", d::resume);
        d.start();
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: domain is already running", d::resume);
    }

    @Test
    void undefiningATransientDomain() {
        VirtDomain d = fake.create(plain("t"), DefineOptions.DEFAULT);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: cannot undefine transient domain", d::undefine);
    }

    @Test
    void scopedChangesOfTheWrongKindOfDomain() {
        VirtDomain d = x(U1);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: domain is not running",
                () -> d.setMemory(DataSize.mib(512), Scope.LIVE));
        VirtDomain t = fake.create(plain("t"), DefineOptions.DEFAULT);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                "Requested operation is not valid: transient domains do not have any persistent config",
                () -> t.setMemory(DataSize.mib(512), Scope.BOTH));
    }

    @Test
    void definitionsLibvirtsParserRefuses() {
        DefineOptions none = DefineOptions.unchecked();
        fails(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
                "XML error: name a/b cannot contain '/'", () -> fake.define(plain("a/b"), none));
        Disk a = Disk.builder(DiskType.FILE, DiskDevice.DISK).source(DiskSource.file("/a")).target("vdb", DiskBus.VIRTIO)
                .build();
        Disk b = Disk.builder(DiskType.FILE, DiskDevice.DISK).source(DiskSource.file("/b")).target("vdb", DiskBus.VIRTIO)
                .build();
        Domain twice = small("k").device(a).device(b).assemble();
        fails(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
                "XML error: target 'vdb' duplicated for disk sources '/a' and '/b'", () -> fake.define(twice, none));
        Domain noMemory = plain("k").toBuilder().memory(null).currentMemory(null).build();
        fails(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
                "XML error: Memory size must be specified via <memory> or in the <numa> configuration",
                () -> fake.define(noMemory, none));
        Domain cells = plain("k").toBuilder().cpu(io.virtforge.model.Cpu.builder().numaCells(List.of(
                GuestNumaCell.of(0, CpuSet.range(0, 2), DataSize.mib(512)))).build()).build();
        fails(InvalidDefinitionException.class, VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
                "internal error: Number of CPUs in <numa> exceeds the <vcpu> count", () -> fake.define(cells, none));
        Domain ids = plain("k").toBuilder().cpu(io.virtforge.model.Cpu.builder().numaCells(List.of(
                GuestNumaCell.of(0, CpuSet.of(5), DataSize.mib(512)))).build()).build();
        fails(InvalidDefinitionException.class, VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
                "internal error: CPU IDs in <numa> exceed the <vcpu> count", () -> fake.define(ids, none));
    }

    @Test
    void argumentsLibvirtRefuses() {
        VirtDomain d = x(U1);
        d.start();
        fails(InvalidDefinitionException.class, VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                "invalid argument: vcpu 7 is out of range of live cpu count 2", () -> d.pinVcpu(7, CpuSet.of(1), Scope.LIVE));
        fails(InvalidDefinitionException.class, VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                "invalid argument: vcpu 7 is out of range of persistent cpu count 2",
                () -> d.pinVcpu(7, CpuSet.of(1), Scope.CONFIG));
        // QEMU's answers where the test driver's differ (issue 19): the same class on every provider
        fails(InvalidDefinitionException.class, VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "invalid argument: iothread 1 not found",
                () -> d.pinIothread(1, CpuSet.of(1), Scope.LIVE));
        fails(InvalidDefinitionException.class, VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                "invalid argument: cannot set memory higher than max memory", () -> d.setMemory(DataSize.gib(2), Scope.LIVE));
        fails(InvalidDefinitionException.class, VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "invalid argument: invalid path: vdq",
                () -> d.blockStats("vdq"));
        fails(InvalidDefinitionException.class, VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                "invalid argument: 'vnet9' is not a known interface", () -> d.interfaceStats("vnet9"));
    }

    @Test
    void statisticsOfAShutOffDomain() {
        VirtDomain d = x(U1);
        String msg = "Requested operation is not valid: domain is not running";
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, msg, d::memoryStats);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, msg, () -> d.blockStats("vda"));
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: cannot retrieve vcpu information for inactive domain", d::vcpus);
    }

    @Test
    void hotPlugMisuse() {
        VirtDomain d = x(U1);
        fake.storage().add("/b").add("/c");
        Disk vdb = Disk.builder(DiskType.FILE, DiskDevice.DISK).source(DiskSource.file("/b")).target("vdb", DiskBus.VIRTIO)
                .build();
        fails(NotFoundException.class, VIR_ERR_DEVICE_MISSING, VIR_FROM_QEMU, "device not found: no target device vdb",
                () -> d.detachDevice(vdb, Scope.CONFIG));
        d.attachDevice(vdb, Scope.CONFIG);
        fails(io.virtforge.connect.AlreadyExistsException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: target vdb already exists", () -> d.attachDevice(vdb, Scope.CONFIG));
        d.start();
        fails(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
                "XML error: target 'vdb' duplicated for disk sources '/b' and '/b'", () -> d.attachDevice(vdb, Scope.LIVE));
        Disk vdc = Disk.builder(DiskType.FILE, DiskDevice.DISK).source(DiskSource.file("/c")).target("vdc", DiskBus.VIRTIO)
                .build();
        fails(NotFoundException.class, VIR_ERR_DEVICE_MISSING, VIR_FROM_QEMU, "device not found: disk vdc not found",
                () -> d.detachDevice(vdc, Scope.LIVE));
        NetInterface nic = NetInterface.network("default").mac(MacAddress.parse("52:54:00:aa:bb:cc")).build();
        fails(NotFoundException.class, VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN,
                "device not found: no device found at address '(<null>)' matching MAC address '52:54:00:aa:bb:cc' and "
                        + "alias '(<null>)'", () -> d.detachDevice(nic, Scope.LIVE));
    }

    @Test
    void nodeCallsWithUnknownArguments() {
        fails(NotFoundException.class, VIR_ERR_NO_NODE_DEVICE, VIR_FROM_NODEDEV,
                "Node device not found: no node device with matching name 'pci_0000_ff_1f_7'",
                () -> fake.detachNodeDevice(PciAddress.parse("0000:ff:1f.7")));
        fails(HostResourceException.class, VIR_ERR_OPERATION_FAILED, VIR_FROM_NONE,
                "operation failed: page size 8 is not available on node 0", () -> fake.freePages(0, PageSize.ofKib(8)));
        fails(NotFoundException.class, VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
                "internal error: start cell 3 out of range (0-1)", () -> fake.freePages(3, PageSize.MIB_2));
    }
}
