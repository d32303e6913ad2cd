package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.MdevDefinition;
import io.virtforge.connect.MdevDevice;
import io.virtforge.connect.MdevParentDevice;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.host.mdev.MdevReader;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.model.Hostdev;
import io.virtforge.topology.MdevInstance;
import io.virtforge.value.PciAddress;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fake's mediated devices as libvirt's node devices over its paired kernel: what the contract (sdk-testkit's
 * MdevContract) cannot see from outside: the kernel's side, libvirt's exact codes and messages, and the host shared
 * by connections.
 */
class FakeMdevsTest {
    private static final String GPU1 = PciAddress.parse(Fixtures.GPU1).nodeDeviceName();

    @Test
    void parentsAreTheKernelsWithLibvirtsNamesAndNoDescription() {
        try (FakeVirtConnection c = TestDomains.connect(Fixtures.GPU_SERVER)) {
            assertThat(c.mdevs().parents()).extracting(MdevParentDevice::name)
                    .containsExactlyInAnyOrder(GPU1, PciAddress.parse(Fixtures.GPU3).nodeDeviceName());
            MdevParentDevice p = c.mdevs().parents().stream().filter(x -> x.name().equals(GPU1)).findFirst().orElseThrow();
            assertThat(p.address()).isEqualTo(Fixtures.GPU1);
            assertThat(p.numaNode()).hasValue(0);
            assertThat(p.type(Fixtures.VGPU_4Q).orElseThrow().availableInstances()).isEqualTo(6);
            assertThat(p.type(Fixtures.VGPU_4Q).orElseThrow().description()).isEmpty();
        }
    }

    @Test
    void aCreatedInstanceIsTheKernelsAndIsNamedAsLibvirtNamesIt() {
        try (FakeVirtConnection c = TestDomains.connect(Fixtures.GPU_SERVER)) {
            UUID uuid = UUID.fromString("8b1c1e53-0f4b-4d2c-9e3a-2a9c2c9a7f01");
            MdevDevice d = c.mdevs().create(new MdevDefinition(GPU1, Fixtures.VGPU_4Q, uuid));
            assertThat(d.name()).isEqualTo("mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01_0000_31_00_0");
            MdevInstance inKernel = new MdevReader(c.capability(Sysfs.class).orElseThrow()).instance(uuid).orElseThrow();
            assertThat(inKernel.type()).isEqualTo(Fixtures.VGPU_4Q);
            assertThat(inKernel.parent()).isEqualTo(Fixtures.GPU1);
            assertThat(d.parent()).isEqualTo(GPU1);
            assertThat(d.active()).isTrue();
            Sysfs sysfs = c.capability(Sysfs.class).orElseThrow();
            int group = d.iommuGroup().orElseThrow();
            assertThat(sysfs.exists(IommuPaths.groupDevices(group).resolve(uuid.toString()))).isTrue();
            MdevDevice second = c.mdevs().create(MdevDefinition.of(GPU1, Fixtures.VGPU_4Q));
            assertThat(second.iommuGroup()).isPresent().isNotEqualTo(d.iommuGroup());
            c.mdevs().destroy(d.name());
            assertThat(sysfs.exists(IommuPaths.group(group))).as("the group goes with its instance").isFalse();
        }
    }

    @Test
    void refusalsCarryLibvirtsCodesAndMessages() {
        try (FakeVirtConnection c = TestDomains.connect(Fixtures.GPU_SERVER)) {
            fails(NotFoundException.class, 67, 22, "unsupported configuration: invalid parent device 'pci_0000_ff_1f_7'",
                    () -> c.mdevs().create(MdevDefinition.of("pci_0000_ff_1f_7", Fixtures.VGPU_4Q)));
            fails(HostResourceException.class, 1, 22, "internal error: Unable to start mediated device: Error: Parent "
                    + Fixtures.GPU0 + " is not currently registered for mdev support",
                    () -> c.mdevs().create(MdevDefinition.of(PciAddress.parse(Fixtures.GPU0).nodeDeviceName(), "x")));
            fails(HostResourceException.class, 1, 22, "internal error: Unable to start mediated device: Error: Parent "
                    + Fixtures.GPU1 + " does not support mdev type nvidia-1",
                    () -> c.mdevs().create(MdevDefinition.of(GPU1, "nvidia-1")));
            for (int i = 0; i < 3; i++) {
                c.mdevs().create(MdevDefinition.of(GPU1, "nvidia-592"));
            }
            fails(HostResourceException.class, 1, 22, "internal error: Unable to start mediated device: Error: No "
                    + "available instances of nvidia-592 on " + Fixtures.GPU1,
                    () -> c.mdevs().create(MdevDefinition.of(GPU1, "nvidia-592")));
            fails(NotFoundException.class, 53, 22, "Node device not found: no node device with matching name 'mdev_x'",
                    () -> c.mdevs().destroy("mdev_x"));
        }
    }

    @Test
    void anInstanceARunningDomainHasIsNotDestroyed() {
        try (FakeVirtConnection c = TestDomains.connect(Fixtures.GPU_SERVER)) {
            MdevDevice d = c.mdevs().create(MdevDefinition.of(GPU1, Fixtures.VGPU_4Q));
            VirtDomain vm = c.create(TestDomains.small("vgpu").device(Hostdev.mdev(d.uuid(), "vfio-pci").build()).build(),
                    io.virtforge.connect.DefineOptions.unchecked());
            fails(InvalidStateException.class, 1, 22, "internal error: Unable to destroy '" + d.name()
                    + "': device in use", () -> c.mdevs().destroy(d.name()));
            vm.destroy();
            c.mdevs().destroy(d.name());
            assertThat(c.mdevs().device(d.name())).isEmpty();
        }
    }

    @Test
    void definitionsAreTheHostsSharedByItsConnections() {
        try (FakeVirtConnection c = TestDomains.connect(Fixtures.GPU_SERVER); FakeVirtConnection other = c.openAnother()) {
            MdevDevice d = c.mdevs().define(MdevDefinition.of(GPU1, Fixtures.VGPU_4Q));
            assertThat(other.mdevs().device(d.name())).contains(d);
            other.mdevs().start(d.name());
            assertThat(c.mdevs().device(d.name()).orElseThrow().active()).isTrue();
        }
    }

    @Test
    void aHostWithoutAKernelHasNoMediatedDevices() {
        try (FakeVirtConnection c = FakeVirtConnection.of(Fixtures.get(Fixtures.GPU_SERVER).topology())) {
            assertThat(c.mdevs().parents()).isEmpty();
            assertThat(c.mdevs().devices()).isEmpty();
            fails(HostResourceException.class, 1, 22, "internal error: Unable to start mediated device: Error: Parent "
                    + Fixtures.GPU1 + " is not currently registered for mdev support",
                    () -> c.mdevs().create(MdevDefinition.of(GPU1, Fixtures.VGPU_4Q)));
        }
    }
}
