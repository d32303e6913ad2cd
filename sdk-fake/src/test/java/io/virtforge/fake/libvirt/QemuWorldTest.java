package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_NETWORK;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_OPERATION_INVALID;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_SYSTEM_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_CGROUP;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NETWORK;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NONE;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_STORAGE;
import static io.virtforge.fake.libvirt.TestDomains.fails;
import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.Domain;
import io.virtforge.model.Memballoon;
import io.virtforge.model.NumaMode;
import io.virtforge.model.NumaTune;
import io.virtforge.model.Vcpu;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PciAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the QEMU driver checks outside the domain's XML at start and hot-plug (issue 19, root cause 3), and its
 * state machine where the test driver differs (root causes 5 and 6); every answer is one of
 * {@code evidence/libvirt-9.0/transcript-issue19.txt}.
 */
class QemuWorldTest {
    private final FakeVirtConnection tiny = Fixtures.get(Fixtures.TINY).connect();

    @AfterEach
    void close() {
        tiny.close();
    }

    @Test
    void aDiskImageMustExistToStartAndToBePluggedIn() {
        VirtDomain vm = tiny.define(small("vm").build());
        String image = "/var/lib/libvirt/images/vm.qcow2";
        fails(NotFoundException.class, VIR_ERR_SYSTEM_ERROR, VIR_FROM_STORAGE,
                "Cannot access storage file '" + image + "': No such file or directory", vm::start);
        assertThat(vm.state()).isEqualTo(DomainState.SHUTOFF);
        tiny.storage().add(image);
        vm.start();
        Disk extra = Disk.builder(DiskType.FILE, DiskDevice.DISK).source(DiskSource.file("/var/tmp/extra.img"))
                .target("vdb", DiskBus.VIRTIO).build();
        fails(NotFoundException.class, VIR_ERR_SYSTEM_ERROR, VIR_FROM_STORAGE,
                "Cannot access storage file '/var/tmp/extra.img': No such file or directory",
                () -> vm.attachDevice(extra, Scope.LIVE));
        assertThat(vm.live().devices().disks()).hasSize(1);
        tiny.storage().add("/var/tmp/extra.img");
        vm.attachDevice(extra, Scope.LIVE);
        assertThat(vm.live().devices().disks()).hasSize(2);
    }

    @Test
    void aDiskWithAnOptionalStartupPolicyOrWithoutSourceNeedsNoImage() {
        Domain d = small("vm").build();
        Disk cdrom = Disk.builder(DiskType.FILE, DiskDevice.CDROM).target("sda", DiskBus.SATA).readonly(true).build();
        tiny.storage().add("/var/lib/libvirt/images/vm.qcow2");
        tiny.define(d.toBuilder().devices(d.devices().toBuilder().add(cdrom).build()).build()).start();
        assertThat(tiny.stateOf("vm")).contains(DomainState.RUNNING);
    }

    @Test
    void aNicNeedsItsNetworkToExistAndBeStarted() {
        tiny.storage().addFolder(TestDomains.IMAGES);
        VirtDomain vm = tiny.define(small("vm").nic(n -> n.network("lab")).build());
        fails(NotFoundException.class, VIR_ERR_NO_NETWORK, VIR_FROM_NETWORK,
                "Network not found: no network with matching name 'lab'", vm::start);
        tiny.setNetwork("lab", false);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK,
                "Requested operation is not valid: network 'lab' is not active", vm::start);
        tiny.setNetwork("lab", true);
        vm.start();
        assertThat(vm.state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void aVcpuCpusetOfACpuTheHostLacksFailsOnTheEmulatorsCgroup() {
        tiny.storage().addFolder(TestDomains.IMAGES);
        Domain d = small("vm").build();
        VirtDomain vm = tiny.define(d.toBuilder().vcpu(Vcpu.of(2, null, CpuSet.of(63), null)).build());
        fails(HostResourceException.class, VIR_ERR_SYSTEM_ERROR, VIR_FROM_CGROUP,
                "Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-1-vm.libvirt-qemu/emulator/cpuset.cpus': "
                        + "Numerical result out of range", vm::start);
        assertThat(vm.state()).isEqualTo(DomainState.SHUTOFF);
    }

    @Test
    void passthroughNeedsAnIommu() {
        FakeVirtConnection noIommu = FakeVirtConnection.builder(Fixtures.get(Fixtures.XEON_2S).topology().toBuilder()
                .iommu(false).build()).build();
        noIommu.storage().addFolder(TestDomains.IMAGES);
        PciAddress nic = Fixtures.get(Fixtures.XEON_2S).topology().pciDevices().iterator().next().address();
        VirtDomain vm = noIommu.define(small("vm").hostdev(nic).build());
        fails(HostResourceException.class, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                "unsupported configuration: host doesn't support passthrough of host PCI devices", vm::start);
        noIommu.close();
    }

    @Test
    void aNameTooLongForItsConfigurationFileIsRefusedAtDefine() {
        String name = "n".repeat(300);
        fails(InvalidDefinitionException.class, VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE,
                "Failed to create file '/etc/libvirt/qemu/" + name + ".xml.new': File name too long",
                () -> tiny.define(small(name).build()));
        assertThat(tiny.domains()).isEmpty();
        tiny.define(small("n".repeat(247)).build()); // 247 + ".xml.new" = 255 bytes, the most a file name takes
    }

    @Test
    void withoutABalloonTheLiveMemoryCannotChange() {
        tiny.storage().addFolder(TestDomains.IMAGES);
        VirtDomain vm = tiny.define(small("vm").memballoon(Memballoon.of("none", null)).build());
        vm.setMemory(DataSize.mib(512), Scope.CONFIG);
        vm.start();
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: Unable to change memory of active domain without the balloon "
                        + "device and guest OS balloon driver", () -> vm.setMemory(DataSize.mib(256), Scope.LIVE));
    }

    @Test
    void liveNumaChangesFollowQemusRules() {
        tiny.storage().addFolder(TestDomains.IMAGES);
        VirtDomain free = tiny.define(small("free").build());
        free.start();
        fails(HostResourceException.class, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_NONE,
                "unsupported configuration: NUMA node 1 is unavailable",
                () -> free.setNumaTune(NumaMode.PREFERRED, NodeSet.of(1), Scope.LIVE));
        free.setNumaTune(NumaMode.PREFERRED, NodeSet.of(0), Scope.LIVE); // no <numatune>: any policy
        assertThat(free.numaTune().mode()).isEqualTo(NumaMode.PREFERRED);
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: can't change numatune mode for running domain",
                () -> free.setNumaTune(NumaMode.STRICT, NodeSet.of(0), Scope.LIVE));

        Domain d = small("strict").build();
        VirtDomain strict = tiny.define(d.toBuilder().numatune(NumaTune.builder().memory(NumaMode.STRICT,
                NodeSet.of(0)).build()).build());
        strict.start();
        strict.setNumaTune(NumaMode.STRICT, NodeSet.of(0), Scope.LIVE); // the same policy again
        fails(InvalidStateException.class, VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                "Requested operation is not valid: can't change numatune mode for running domain",
                () -> strict.setNumaTune(NumaMode.INTERLEAVE, NodeSet.of(0), Scope.LIVE));
    }

    @Test
    void theVcpuPinsOfADomainWithFewerCurrentVcpusListOnlyTheCurrentOnes() {
        tiny.storage().addFolder(TestDomains.IMAGES);
        Domain d = small("vm").build();
        VirtDomain vm = tiny.define(d.toBuilder().vcpu(Vcpu.of(2, null, null, 1)).build());
        assertThat(vm.vcpuPins()).containsOnlyKeys(0);
        vm.start();
        assertThat(vm.vcpuPins()).containsOnlyKeys(0);
    }
}
