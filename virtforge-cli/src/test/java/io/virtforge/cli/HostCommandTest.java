package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.build.DomainBuilder;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.NumaMode;
import io.virtforge.testkit.junit.TestLibvirtd;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCommandTest {
    @TempDir
    Path dir;

    @Test
    void nodesCoresWithSiblingsAndWhoPinsWhat() {
        FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.define(DomainBuilder.named("db").vcpus(2).memory(DataSize.gib(2)).pinVcpu(0, CpuSet.of(5))
                .pinVcpu(1, CpuSet.of(37)).pinEmulator(CpuSet.of(0)).build()).start();

        CliRun run = CliRun.on(xeon, "host");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Host: 2 NUMA nodes, 64 CPUs (32 cores), Cascadelake-Server (Intel), IOMMU on",
                "node 0: 96GiB, CPUs 0-15,32-47, distances 0:10 1:21",
                "huge pages: 2MiB 8192 total, 8192 free; 1GiB 16 total, 16 free",
                "core 0/0: CPU 0 [db emulator], CPU 32", "core 0/5: CPU 5 [db vCPU 0], CPU 37 [db vCPU 1]",
                "PCI 0000:18:00.0 [8086:1572] Ethernet Controller X710 for 10GbE SFP+, driver i40e, ens1f0, IOMMU group 40",
                "Domains using the host: db (2 vCPUs on CPUs 5,37)");
    }

    @Test
    void jsonIsSdkHostsPictureWithThePins() {
        FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.define(DomainBuilder.named("db").vcpus(1).memory(DataSize.gib(1)).pinVcpu(0, CpuSet.of(3)).build())
                .start();

        CliRun run = CliRun.on(xeon, "host", "--json");

        assertThat(run.exitCode()).isZero();
        Object json = run.json();
        assertThat(MiniJson.<List<?>>get(json, "nodes")).hasSize(2);
        assertThat(MiniJson.<List<?>>get(json, "cpus")).hasSize(64);
        assertThat(MiniJson.<String>get(json, "cpus", 0, "siblings")).isEqualTo("0,32");
        assertThat(MiniJson.<Boolean>get(json, "iommu", "enabled")).isTrue();
        assertThat(MiniJson.<List<String>>get(json, "pinnedBy", "3")).containsExactly("db vCPU 0");
        assertThat(MiniJson.<String>get(json, "source")).isEqualTo("fake:///xeon-2s");
        assertThat(MiniJson.<List<Map<String, Object>>>get(json, "findings")).isNotEmpty();
    }

    @Test
    void theGpuServersSharedGroupAndTheSriovHostsVfs() {
        CliRun gpu = CliRun.of("host", "--connect", "fake:///gpu-server");
        assertThat(gpu.out()).contains("20: 0000:16:00.0 (bridge, pcieport), 0000:17:00.0 (nvidia), 0000:17:00.1 "
                + "(snd_hda_intel) - shared by 2 endpoints on host drivers",
                "21: 0000:31:00.0 (nvidia) - assignable: libvirt detaches its endpoint at start (managed)");

        CliRun sriov = CliRun.of("host", "--connect", "fake:///sriov-host");
        assertThat(sriov.out()).contains("SR-IOV PF 0000:3b:00.0 (i40e, ens3f0, node 1): 8 VF(s) of 32",
                "VF 0000:3b:02.0, driver iavf, IOMMU group 31", "VF 0000:3b:02.7, driver iavf, IOMMU group 38");
    }

    @Test
    void discoversAHostFromASysfsTreeWithoutAConnection() {
        Fixtures.get(Fixtures.SRIOV_HOST).newSysfs().exportTo(dir);

        CliRun run = CliRun.of("host", "--sysfs-root", dir.toString(), "--connect", "fake:///nope");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Host " + dir, "Host: 2 NUMA nodes, 32 CPUs (16 cores)",
                "SR-IOV PF 0000:3b:00.0", "8 VF(s) of 32");
        CliRun json = CliRun.of("host", "--sysfs-root", dir.toString(), "--json");
        assertThat(MiniJson.<List<?>>get(json.json(), "nodes")).hasSize(2);
    }

    @Test
    void aOneNodeHostWithoutIommu() {
        CliRun run = CliRun.of("host", "--connect", "fake:///tiny");
        assertThat(run.out()).contains("Host: 1 NUMA node, 2 CPUs (2 cores)", "IOMMU off",
                "huge pages: 2MiB 128 total, 128 free", "IOMMU groups: none (the IOMMU is off: no device assignment)");
    }

    @Test
    void badInputExitsTwo() {
        assertThat(CliRun.of("host", "--sysfs-root", dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
        // (an unknown scheme such as nosuch:/// goes to libvirtd where libvirt is installed: not bad input there)
        assertThat(CliRun.of("host", "--connect", "fake:///nope").exitCode()).isEqualTo(2);
    }

    @Test
    void textAndJsonAgreeOnFreeHugePages() {
        FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.define(DomainBuilder.named("db").vcpus(1).memory(DataSize.gib(2)).hugepages(PageSize.MIB_2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(0)).pinVcpu(0, CpuSet.of(3)).build()).start();

        CliRun text = CliRun.on(xeon, "host");
        CliRun json = CliRun.on(xeon, "host", "--json");

        assertThat(text.out()).contains("node 0: 96GiB", "huge pages: 2MiB 8192 total, 7168 free; 1GiB 16 total, 16 free",
                "Domains using the host: db (1 vCPU on CPUs 3)");
        assertThat(MiniJson.<Long>get(json.json(), "nodes", 0, "hugepages", "2MiB", "free")).isEqualTo(7168L);
        assertThat(MiniJson.<Long>get(json.json(), "nodes", 0, "hugepages", "2MiB", "total")).isEqualTo(8192L);
        assertThat(MiniJson.<Long>get(json.json(), "nodes", 1, "hugepages", "1GiB", "free")).isEqualTo(16L);
    }

    @Test
    void devicesWithoutANumaNodeAreShownToo() throws Exception {
        Fixtures.get(Fixtures.SRIOV_HOST).newSysfs().exportTo(dir);
        Path numaNode = dir.resolve("sys/bus/pci/devices/0000:3b:00.0/numa_node");
        assertThat(numaNode).exists();
        Files.writeString(numaNode, "-1\n");

        CliRun run = CliRun.of("host", "--sysfs-root", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String unplaced = run.out().substring(run.out().indexOf("no NUMA node"));
        assertThat(unplaced).as(run.out()).contains("PCI 0000:3b:00.0");
        assertThat(MiniJson.<List<?>>get(CliRun.of("host", "--sysfs-root", dir.toString(), "--json").json(),
                "pciDevices")).isNotEmpty();
    }

    @Test
    void aFolderWithNoHostInItIsAProblemNotAnEmptyHost() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("host", "--sysfs-root", empty.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("no CPUs found under " + empty);

        Files.createDirectories(empty.resolve("sys"));
        assertThat(CliRun.of("host", "--sysfs-root", empty.toString()).err()).contains("no CPUs found under " + empty);
    }

    @Test
    void anUnreachableHypervisorIsExplainedInLibvirtsWordsWithWhatToDo() throws Exception {
        String reason = "Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory";
        CliRun run;
        try (AutoCloseable seam = Connector.override(uri -> {
            throw new io.virtforge.connect.VirtException("connecting to " + uri + " failed: " + reason
                    + " [libvirt code 38, domain 7]", 38, 7, reason);
        })) {
            run = CliRun.of("host", "--connect", "qemu:///system");
        }

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("virtforge: cannot connect to qemu:///system: " + reason
                + " (libvirtd is not running: start it, e.g. systemctl start libvirtd)\n");
    }

    @Test
    void anUnknownDriverExitsTwo() {
        // libvirt's client hands an unknown driver's URI to a daemon, which refuses it; the socket names the private
        // test daemon, so that the machine's own libvirtd is never asked (without a daemon it would be exit 1)
        String uri = TestLibvirtd.uri().orElse(null);
        assumeTrue(uri != null, TestLibvirtd.MISSING_REASON);
        String socket = TestLibvirtd.socket(uri).orElseThrow().toString();
        assertThat(CliRun.of("host", "--connect", "nosuch:///x?socket=" + socket).exitCode()).isEqualTo(2);
    }
}
