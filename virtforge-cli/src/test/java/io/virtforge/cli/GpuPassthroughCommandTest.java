package io.virtforge.cli;

import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.host.mdev.MdevReader;
import io.virtforge.host.sysfs.MdevPaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On gpu-server: GPU 0 shares IOMMU group 20 with its HDMI audio function and a PCI bridge; GPUs 1 and 3 offer
 * vGPU types ({@code --mdev-type}).
 */
class GpuPassthroughCommandTest {
    private static final PciAddress GPU0 = PciAddress.parse(Fixtures.GPU0);
    private static final PciAddress AUDIO = PciAddress.parse(Fixtures.GPU0_AUDIO);
    private static final PciAddress BRIDGE = PciAddress.parse(Fixtures.GPU_BRIDGE);
    FakeVirtConnection gpu;
    FakeSysfs sysfs;

    @BeforeEach
    void host() {
        gpu = Fixtures.get(Fixtures.GPU_SERVER).connect();
        sysfs = gpu.sysfs().orElseThrow();
        // a VM on node 0
        gpu.define(DomainBuilder.named("ml").vcpus(4).memory(DataSize.gib(8)).hugepages(PageSize.MIB_2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(0)).pinVcpus(CpuSet.range(2, 5)).build());
    }

    private String driverOf(PciAddress d) {
        return sysfs.exists(PciDevicePaths.driver(d)) ? sysfs.readLinkName(PciDevicePaths.driver(d)) : "none";
    }

    private List<Hostdev> hostdevs() {
        return gpu.domain("ml").definition().devices().hostdevs();
    }

    @Test
    void refusesANonViableGroupAndChangesNothing() {
        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU0, "ml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("IOMMU group 20:", "0000:16:00.0  pcieport  PCI bridge: does not count",
                "0000:17:00.0  nvidia  the device",
                "0000:17:00.1  snd_hda_intel  BLOCKS the group: an endpoint on a host driver",
                "viable for 0000:17:00.0: no, 1 other endpoint(s) on host drivers");
        assertThat(run.err()).contains("IOMMU group 20 of 0000:17:00.0 is not viable: 0000:17:00.1 (snd_hda_intel)",
                "Pass --bind");
        assertThat(hostdevs()).isEmpty();
        assertThat(driverOf(GPU0)).isEqualTo("nvidia");
        assertThat(driverOf(AUDIO)).isEqualTo("snd_hda_intel");
        assertThat(sysfs.writeLog().all()).isEmpty();
    }

    @Test
    void bindMovesTheWholeGroupToVfioAndAddsAnUnmanagedHostdev() {
        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU0, "ml", "--bind", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(driverOf(GPU0)).isEqualTo("vfio-pci");
        assertThat(driverOf(AUDIO)).isEqualTo("vfio-pci");
        assertThat(driverOf(BRIDGE)).as("bridges stay").isEqualTo("pcieport");
        assertThat(hostdevs()).singleElement().satisfies(h -> {
            assertThat(h.sourcePci()).contains(GPU0);
            assertThat(h.managed()).contains(false);
        });
        Object json = run.json();
        assertThat(MiniJson.<List<String>>get(json, "bound")).containsExactly(Fixtures.GPU0, Fixtures.GPU0_AUDIO);
        assertThat(MiniJson.<Boolean>get(json, "iommuGroup", "viable")).isFalse();
        assertThat(MiniJson.<List<?>>get(json, "findings")).as("local, and the group is now viable").isEmpty();
        assertThat(MiniJson.<Boolean>get(json, "attached")).isTrue();
    }

    @Test
    void aGpuAloneInItsGroupIsAddedManaged() {
        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("viable for 0000:31:00.0: yes",
                "the device is on the VM's node and its group can be assigned", "managed='yes'",
                "VM ml (shutoff): on host node 0\n");
        assertThat(hostdevs()).singleElement().satisfies(h -> assertThat(h.managed()).contains(true));
        assertThat(driverOf(PciAddress.parse(Fixtures.GPU1))).as("libvirt binds it at start").isEqualTo("nvidia");
        assertThat(gpu.domain("ml").definition()).hasHostdev(PciAddress.parse(Fixtures.GPU1));
    }

    @Test
    void aGpuOnAnotherNodeIsAddedWithTheNumaWarning() {
        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU2, "ml", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Object json = run.json();
        assertThat(MiniJson.<Long>get(json, "deviceNode")).isEqualTo(1L);
        assertThat(MiniJson.<List<Long>>get(json, "vmNodes")).containsExactly(0L);
        assertThat(MiniJson.<List<Map<String, Object>>>get(json, "findings")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("code", "DEVICE_NUMA_REMOTE")
                        .containsEntry("severity", "WARNING"));
    }

    @Test
    void aFailedAttachGivesTheGroupBackToItsDrivers() {
        gpu.faults().failNext("attachDevice", new InvalidStateException("domain is being modified", 55, 10,
                "domain is being modified"));

        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU0, "ml", "--bind");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("domain is being modified", "undo: give [" + Fixtures.GPU0 + ", "
                + Fixtures.GPU0_AUDIO + "] back to their drivers ... done");
        assertThat(driverOf(GPU0)).isEqualTo("nvidia");
        assertThat(driverOf(AUDIO)).isEqualTo("snd_hda_intel");
        assertThat(hostdevs()).isEmpty();
    }

    @Test
    void aDeviceTheVmHasAlreadyIsNotAddedTwice() {
        assertThat(CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml").exitCode()).isZero();
        CliRun again = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("ml has 0000:31:00.0 already");
        assertThat(hostdevs()).hasSize(1);
    }

    @Test
    void badInputExitsTwo() {
        assertThat(CliRun.on(gpu, "gpu-passthrough", "17:00.x", "ml").exitCode()).isEqualTo(2);
        CliRun noDevice = CliRun.on(gpu, "gpu-passthrough", "0000:99:00.0", "ml");
        assertThat(noDevice.exitCode()).isEqualTo(2);
        assertThat(noDevice.err()).contains("no PCI device 0000:99:00.0 on fake:///gpu-server");
        assertThat(CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "nope").exitCode()).isEqualTo(2);
    }

    @Test
    void aHostWithoutIommuIsRefused() {
        // the fake xeon host with its IOMMU switched off in the kernel fake
        FakeVirtConnection noIommu = Fixtures.of("no-iommu", "xeon without IOMMU",
                Fixtures.get(Fixtures.XEON_2S).topology().toBuilder().iommu(false).build()).connect();
        noIommu.define(DomainBuilder.named("vm").vcpus(2).memory(DataSize.gib(2)).build());

        CliRun run = CliRun.on(noIommu, "gpu-passthrough", Fixtures.XEON_NIC, "vm");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("0000:18:00.0 has no IOMMU group: the host IOMMU is off");
    }

    // --mdev-type: GPUs 1 (node 0) and 3 (node 1) offer vGPU types

    @Test
    void createsAnInstanceOnTheGpuAndAddsItToTheVm() {
        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml", "--mdev-type", Fixtures.VGPU_4Q, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Object json = run.json();
        String uuid = MiniJson.get(json, "mdev");
        assertThat(MiniJson.<List<?>>get(json, "findings")).as("GPU 1 is on the VM's node").isEmpty();
        assertThat(hostdevs()).singleElement().satisfies(h -> {
            assertThat(h.type()).contains("mdev");
            assertThat(h.mdevUuid()).contains(uuid);
            assertThat(h.model()).contains("vfio-pci");
        });
        assertThat(new MdevReader(sysfs).instances()).singleElement()
                .satisfies(i -> assertThat(i.parent()).isEqualTo(Fixtures.GPU1));
        assertThat(sysfs.readTrimmed(MdevPaths.availableInstances(Fixtures.GPU1, Fixtures.VGPU_4Q))).isEqualTo("5");
    }

    @Test
    void aVgpuOnAnotherNodeIsAddedWithTheNumaWarning() {
        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU3, "ml", "--mdev-type", Fixtures.VGPU_4Q);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("vGPU type nvidia-588 (NVIDIA A10-4Q): 6 instance(s) available on 0000:ca:00.0",
                "WARNING MDEV_NUMA_REMOTE");
    }

    @Test
    void aFailedAttachRemovesTheInstance() {
        SysfsSnapshot before = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
        gpu.faults().failNext("attachDevice", new InvalidStateException("domain is being modified", 55, 10,
                "domain is being modified"));

        CliRun run = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml", "--mdev-type", Fixtures.VGPU_4Q);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("domain is being modified", "undo: remove mdev");
        assertThat(SysfsSnapshot.capture(sysfs, SysfsPath.ROOT)).isEqualTo(before);
        assertThat(hostdevs()).isEmpty();
    }

    @Test
    void refusals() {
        CliRun notParent = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU2, "ml", "--mdev-type", Fixtures.VGPU_4Q);
        assertThat(notParent.exitCode()).isEqualTo(1);
        assertThat(notParent.err()).contains("0000:b1:00.0 offers no vGPU types");
        CliRun noType = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml", "--mdev-type", "nvidia-1");
        assertThat(noType.exitCode()).isEqualTo(1);
        assertThat(noType.err()).contains("offers no vGPU type nvidia-1", "nvidia-588 (NVIDIA A10-4Q)");
        for (int i = 0; i < 3; i++) {
            sysfs.write(MdevPaths.create(Fixtures.GPU1, "nvidia-592"), java.util.UUID.randomUUID().toString());
        }
        CliRun none = CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml", "--mdev-type", "nvidia-592");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no instance of nvidia-592 left");
        assertThat(CliRun.on(gpu, "gpu-passthrough", Fixtures.GPU1, "ml", "--mdev-type", "x", "--bind").exitCode())
                .isEqualTo(2);
        assertThat(hostdevs()).isEmpty();
    }
}
