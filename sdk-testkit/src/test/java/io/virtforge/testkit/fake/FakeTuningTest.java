package io.virtforge.testkit.fake;

import static io.virtforge.fake.libvirt.TestDomains.plain;
import static io.virtforge.fake.libvirt.TestDomains.small;
import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;

import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.fake.libvirt.LibvirtErrorCodes;
import io.virtforge.fake.libvirt.TestDomains;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live and persistent changes: where they land, and the host's say. */
class FakeTuningTest {
    private final FakeVirtConnection fake = Fixtures.get(Fixtures.XEON_2S).connect();

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
        assertThat(vm.live()).hasVcpuPinnedTo(0, 3).hasEmulatorPinnedTo(0).hasIothreadPinnedTo(1, 1);
        assertThat(vm.definition()).hasVcpuPinnedTo(1, 4, 36).hasEmulatorPinnedTo(0);
        org.assertj.core.api.Assertions.assertThat(vm.definition().cputune().orElseThrow().vcpuPin(0)).isEmpty();
        assertThat(fake.hostState()).hasCpuPinnedBy(3, "vm").hasCpuFree(4);
        vm.destroy();
        vm.start();
        assertThat(vm.live()).hasVcpuPinnedTo(1, 4, 36);
    }

    @Test
    void aLivePinToACpuTheHostLacksFailsAsTheCgroupWriteDoes() {
        VirtDomain vm = running();
        TestDomains.fails(HostResourceException.class, LibvirtErrorCodes.VIR_ERR_SYSTEM_ERROR,
                LibvirtErrorCodes.VIR_FROM_CGROUP, "Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-1-vm.libvirt-qemu/"
                        + "vcpu0/cpuset.cpus': Numerical result out of range", () -> vm.pinVcpu(0, CpuSet.of(200), Scope.LIVE));
        vm.pinVcpu(0, CpuSet.of(200), Scope.CONFIG);
        vm.destroy();
        org.assertj.core.api.Assertions.assertThatThrownBy(vm::start).isInstanceOf(HostResourceException.class)
                .hasMessageContaining("pins vcpu0 to host CPUs 200");
    }

    @Test
    void memoryAndNumaTuneChangeTheirScope() {
        VirtDomain vm = running();
        vm.setMemory(DataSize.mib(512), Scope.LIVE);
        assertThat(vm.live()).hasCurrentMemory(DataSize.mib(512)).hasMemory(DataSize.gib(1));
        assertThat(vm.definition()).hasCurrentMemory(DataSize.gib(1));
        vm.setNumaTune(NumaMode.STRICT, NodeSet.of(1), Scope.BOTH);
        assertThat(vm.live()).hasMemoryOnNodes(NodeSet.of(1)).hasNumaMode(NumaMode.STRICT);
        assertThat(vm.definition()).hasMemoryOnNodes(NodeSet.of(1));
        TestDomains.fails(InvalidStateException.class, LibvirtErrorCodes.VIR_ERR_OPERATION_INVALID,
                LibvirtErrorCodes.VIR_FROM_QEMU, "Requested operation is not valid: can't change numatune mode for running "
                        + "domain", () -> vm.setNumaTune(NumaMode.INTERLEAVE, NodeSet.of(0, 1), Scope.LIVE));
        vm.setNumaTune(NumaMode.INTERLEAVE, NodeSet.of(0, 1), Scope.CONFIG);
        assertThat(vm.definition()).hasNumaMode(NumaMode.INTERLEAVE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vm.setNumaTune(NumaMode.STRICT, NodeSet.of(4), Scope.LIVE))
                .isInstanceOf(HostResourceException.class).hasMessageContaining("node 4");
    }

    @Test
    void devicesAreMatchedAsLibvirtMatchesThem() {
        VirtDomain vm = running();
        Disk cdrom = Disk.builder(DiskType.FILE, DiskDevice.CDROM).source(DiskSource.file("/iso/a.iso"))
                .target("sda", DiskBus.SATA).readonly(true).build();
        vm.attachDevice(cdrom, Scope.BOTH);
        assertThat(vm.live()).hasDisk("sda");
        org.assertj.core.api.Assertions.assertThat(vm.live().devices().disks().get(1).alias()).contains("sata0-0-0");
        Disk other = cdrom.toBuilder().source(DiskSource.file("/iso/b.iso")).build();
        vm.updateDevice(other, Scope.LIVE);
        Disk now = vm.live().devices().disks().get(1);
        org.assertj.core.api.Assertions.assertThat(now.source().orElseThrow().file()).contains("/iso/b.iso");
        org.assertj.core.api.Assertions.assertThat(now.alias()).as("update keeps the alias").contains("sata0-0-0");
        org.assertj.core.api.Assertions.assertThat(vm.definition().devices().disks().get(1).source().orElseThrow().file())
                .contains("/iso/a.iso");
        NetInterface nic = vm.live().devices().interfaces().get(0);
        NetInterface byMac = NetInterface.network("elsewhere").mac(nic.mac().orElseThrow()).build();
        vm.detachDevice(byMac, Scope.LIVE);
        org.assertj.core.api.Assertions.assertThat(vm.live().devices().interfaces()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(vm.definition().devices().interfaces()).hasSize(1);
    }

    @Test
    void devicesParsedFromXmlAttachLikeBuiltOnes() {
        VirtDomain vm = running();
        io.virtforge.model.Device rng = io.virtforge.xml.DomainXml.defaults().parseDevice(
                "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>");
        vm.attachDevice(rng, Scope.BOTH);
        org.assertj.core.api.Assertions.assertThat(vm.live().devices().rngs()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(vm.definition().devices().rngs()).hasSize(1);
        vm.detachDevice(io.virtforge.xml.DomainXml.defaults().parseDevice(
                "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"), Scope.LIVE);
        org.assertj.core.api.Assertions.assertThat(vm.live().devices().rngs()).isEmpty();
        TestDomains.fails(io.virtforge.connect.NotFoundException.class, LibvirtErrorCodes.VIR_ERR_DEVICE_MISSING,
                LibvirtErrorCodes.VIR_FROM_DOMAIN, "device not found: no matching rng device was found",
                () -> vm.detachDevice(rng, Scope.LIVE));
    }

    @Test
    void aHotPluggedNicGetsTheNextTapDeviceAndAFreeAlias() {
        VirtDomain vm = running();
        vm.attachDevice(NetInterface.network("default").build(), Scope.LIVE);
        org.assertj.core.api.Assertions.assertThat(vm.live().devices().interfaces())
                .extracting(n -> n.targetDev().orElseThrow(), n -> n.alias().orElseThrow())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vnet0", "net0"),
                        org.assertj.core.groups.Tuple.tuple("vnet1", "net1"));
    }

    @Test
    void bothScopesChangeNothingWhenOneFails() {
        VirtDomain vm = fake.define(plain("vm"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vm.pinEmulator(CpuSet.of(2), Scope.BOTH))
                .isInstanceOf(InvalidStateException.class);
        org.assertj.core.api.Assertions.assertThat(vm.definition().cputune()).isEmpty();
    }
}
