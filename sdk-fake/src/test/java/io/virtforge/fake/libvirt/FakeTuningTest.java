package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.plain;
import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.Domain;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live and persistent changes: where they land, and the host's say. */
class FakeTuningTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S);

    @AfterEach
    void close() {
        fake.close();
    }

    private VirtDomain running() {
        VirtDomain vm = fake.define(small("vm").iothreads(1).build());
        vm.start();
        return vm;
    }

    @Test
    void pinsGoIntoCputuneOfTheScopeTheyAreMadeFor() {
        VirtDomain vm = running();
        vm.pinVcpu(0, CpuSet.of(3), Scope.LIVE);
        vm.pinVcpu(1, CpuSet.of(4, 36), Scope.CONFIG);
        vm.pinEmulator(CpuSet.of(0), Scope.BOTH);
        vm.pinIothread(1, CpuSet.of(1), Scope.LIVE);
        assertThat(vcpuPin(vm.live(), 0)).contains(CpuSet.of(3));
        assertThat(vm.live().cputune().flatMap(CpuTune::emulatorPin)).contains(CpuSet.of(0));
        assertThat(vm.live().cputune().flatMap(t -> t.iothreadPins().stream().filter(p -> p.iothread() == 1).findFirst())
                .map(p -> p.cpuset())).contains(CpuSet.of(1));
        assertThat(vcpuPin(vm.definition(), 1)).contains(CpuSet.of(4, 36));
        assertThat(vm.definition().cputune().flatMap(CpuTune::emulatorPin)).contains(CpuSet.of(0));
        assertThat(vm.definition().cputune().orElseThrow().vcpuPin(0)).isEmpty();
        assertThat(fake.hostState().vcpuPinnedBy(3)).contains("vm");
        assertThat(fake.hostState().vcpuPinnedBy(4)).isEmpty();
        vm.destroy();
        vm.start();
        assertThat(vcpuPin(vm.live(), 1)).contains(CpuSet.of(4, 36));
    }

    @Test
    void aLivePinToACpuTheHostLacksFailsAsTheCgroupWriteDoes() {
        VirtDomain vm = running();
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_SYSTEM_ERROR,
                LibvirtErrors.VIR_FROM_CGROUP, "Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-1-vm.libvirt-qemu/"
                        + "vcpu0/cpuset.cpus': Numerical result out of range", () -> vm.pinVcpu(0, CpuSet.of(200), Scope.LIVE));
        vm.pinVcpu(0, CpuSet.of(200), Scope.CONFIG);
        vm.destroy();
        org.assertj.core.api.Assertions.assertThatThrownBy(vm::start).isInstanceOf(HostResourceException.class)
                .hasMessageContaining("pins vcpu0 to host CPUs 200");
    }

    @Test
    void aLiveIothreadPinToACpuTheHostLacksFailsAsQemuSays() {
        VirtDomain vm = fake.define(small("io").iothreads(1).build());
        vm.start();
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_OPERATION_INVALID, LibvirtErrors.VIR_FROM_QEMU,
                "Requested operation is not valid: failed to set cpuset.cpus in cgroup for iothread 1",
                () -> vm.pinIothread(1, CpuSet.of(200), Scope.LIVE));
        assertThat(vm.iothreadPins().get(1)).isNotEqualTo(CpuSet.of(200));
    }

    @Test
    void memoryAndNumaTuneChangeTheirScope() {
        VirtDomain vm = running();
        vm.setMemory(DataSize.mib(512), Scope.LIVE);
        assertThat(vm.live().currentMemory().map(DataSize::bytes)).contains(DataSize.mib(512).bytes());
        assertThat(vm.live().memory().map(DataSize::bytes)).contains(DataSize.gib(1).bytes());
        assertThat(vm.definition().currentMemory().map(DataSize::bytes)).contains(DataSize.gib(1).bytes());
        vm.setNumaTune(NumaMode.STRICT, NodeSet.of(1), Scope.BOTH);
        assertThat(numaMemory(vm.live()).flatMap(NumaTune.Memory::nodeset)).contains(NodeSet.of(1));
        assertThat(numaMemory(vm.live()).flatMap(NumaTune.Memory::mode).orElse(NumaMode.STRICT)).isEqualTo(NumaMode.STRICT);
        assertThat(numaMemory(vm.definition()).flatMap(NumaTune.Memory::nodeset)).contains(NodeSet.of(1));
        TestDomains.fails(InvalidStateException.class, LibvirtErrors.VIR_ERR_OPERATION_INVALID,
                LibvirtErrors.VIR_FROM_QEMU, "Requested operation is not valid: can't change numatune mode for running "
                        + "domain", () -> vm.setNumaTune(NumaMode.INTERLEAVE, NodeSet.of(0, 1), Scope.LIVE));
        vm.setNumaTune(NumaMode.INTERLEAVE, NodeSet.of(0, 1), Scope.CONFIG);
        assertThat(numaMemory(vm.definition()).flatMap(NumaTune.Memory::mode).orElse(NumaMode.STRICT))
                .isEqualTo(NumaMode.INTERLEAVE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vm.setNumaTune(NumaMode.STRICT, NodeSet.of(4), Scope.LIVE))
                .isInstanceOf(HostResourceException.class).hasMessageContaining("node 4");
    }

    @Test
    void devicesAreMatchedAsLibvirtMatchesThem() {
        VirtDomain vm = running();
        fake.storage().addFolder("/iso");
        Disk cdrom = Disk.builder(DiskType.FILE, DiskDevice.CDROM).source(DiskSource.file("/iso/a.iso"))
                .target("sda", DiskBus.SATA).readonly(true).build();
        vm.attachDevice(cdrom, Scope.BOTH);
        assertThat(vm.live().devices().disks().stream().flatMap(d -> d.targetDev().stream())).contains("sda");
        assertThat(vm.live().devices().disks().get(1).alias()).contains("sata0-0-0");
        Disk other = cdrom.toBuilder().source(DiskSource.file("/iso/b.iso")).build();
        vm.updateDevice(other, Scope.LIVE);
        Disk now = vm.live().devices().disks().get(1);
        assertThat(now.source().orElseThrow().file()).contains("/iso/b.iso");
        assertThat(now.alias()).as("update keeps the alias").contains("sata0-0-0");
        assertThat(vm.definition().devices().disks().get(1).source().orElseThrow().file())
                .contains("/iso/a.iso");
        NetInterface nic = vm.live().devices().interfaces().get(0);
        NetInterface byMac = NetInterface.network("elsewhere").mac(nic.mac().orElseThrow()).build();
        vm.detachDevice(byMac, Scope.LIVE);
        assertThat(vm.live().devices().interfaces()).isEmpty();
        assertThat(vm.definition().devices().interfaces()).hasSize(1);
    }

    @Test
    void devicesParsedFromXmlAttachLikeBuiltOnes() {
        VirtDomain vm = running();
        io.virtforge.model.Device rng = io.virtforge.model.DomainXml.defaults().parseDevice(
                "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>");
        vm.attachDevice(rng, Scope.BOTH);
        assertThat(vm.live().devices().rngs()).hasSize(1);
        assertThat(vm.definition().devices().rngs()).hasSize(1);
        vm.detachDevice(io.virtforge.model.DomainXml.defaults().parseDevice(
                "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"), Scope.LIVE);
        assertThat(vm.live().devices().rngs()).isEmpty();
        TestDomains.fails(io.virtforge.connect.NotFoundException.class, LibvirtErrors.VIR_ERR_DEVICE_MISSING,
                LibvirtErrors.VIR_FROM_DOMAIN, "device not found: no matching rng device was found",
                () -> vm.detachDevice(rng, Scope.LIVE));
    }

    @Test
    void aHotPluggedNicGetsTheNextTapDeviceAndAFreeAlias() {
        VirtDomain vm = running();
        vm.attachDevice(NetInterface.network("default").build(), Scope.LIVE);
        assertThat(vm.live().devices().interfaces())
                .extracting(n -> n.targetDev().orElseThrow(), n -> n.alias().orElseThrow())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vnet0", "net0"),
                        org.assertj.core.groups.Tuple.tuple("vnet1", "net1"));
    }

    @Test
    void bothScopesChangeNothingWhenOneFails() {
        VirtDomain vm = fake.define(plain("vm"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vm.pinEmulator(CpuSet.of(2), Scope.BOTH))
                .isInstanceOf(InvalidStateException.class);
        assertThat(vm.definition().cputune()).isEmpty();
    }

    /** The host CPUs vCPU {@code vcpu} is pinned to. */
    private static Optional<CpuSet> vcpuPin(Domain domain, int vcpu) {
        return domain.cputune().flatMap(t -> t.vcpuPin(vcpu)).map(VcpuPin::cpuset);
    }

    /** {@code <numatune><memory>}. */
    private static Optional<NumaTune.Memory> numaMemory(Domain domain) {
        return domain.numatune().flatMap(NumaTune::memory);
    }
}
