package io.virtforge.cli;

import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.host.mdev.MdevReader;
import io.virtforge.host.sysfs.MdevPaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code gpu-passthrough GPU VM --mdev-type T} on gpu-server, whose GPUs 1 (node 0) and 3 (node 1) offer vGPUs. */
class VgpuPassthroughTest {
    FakeVirtConnection gpu;
    FakeSysfs sysfs;

    @BeforeEach
    void host() {
        gpu = Fixtures.get(Fixtures.GPU_SERVER).connect();
        sysfs = gpu.sysfs().orElseThrow();
        gpu.define(DomainBuilder.named("ml").vcpus(4).memory(DataSize.gib(8)).hugepages(PageSize.MIB_2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(0)).pinVcpus(CpuSet.range(2, 5)).build());
    }

    private List<Hostdev> hostdevs() {
        return gpu.domain("ml").definition().devices().hostdevs();
    }

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
