package io.virtforge.host.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.topology.HostTopology;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery of a big host read from a directory tree: 2 sockets x 4 nodes x 28 cores x 2 threads (448
 * CPUs, 8 nodes) and 2,000 PCI functions: what it finds. How fast is measured with JMH in benchmarks/
 * (HostDiscoveryBenchmark), never here.
 */
class SyntheticHostDiscoveryTest {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticHostDiscoveryTest.class);
    private static final SyntheticSysfsTree.Shape SHAPE = new SyntheticSysfsTree.Shape(2, 4, 28, 2, 2000);
    @TempDir
    static Path root;

    @BeforeAll
    static void writeTree() {
        long start = System.nanoTime();
        SyntheticSysfsTree.write(root, SHAPE);
        LOG.info("synthetic tree written in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void discoversTheWholeHost() {
        HostTopology host = HostDiscovery.topologyOf(new RealSysfs(root));
        assertThat(host.nodes()).hasSize(8);
        assertThat(host.cpus()).hasSize(448);
        assertThat(host.physicalCores()).isEqualTo(224);
        assertThat(host.pciDevices()).hasSize(2000);
        assertThat(host.iommuEnabled()).isTrue();
        assertThat(host.cpu(0).orElseThrow().siblings().format()).isEqualTo("0,224");
        assertThat(host.node(7).orElseThrow().distanceTo(0)).hasValue(21);
        assertThat(host.iommuGroups()).hasSize(2000 - 2000 / 16);
    }

    @Test
    void numaTopologyIsTheTopologyWithoutPciDevices() {
        HostTopology whole = HostDiscovery.topologyOf(new RealSysfs(root));
        HostTopology numa = new HostDiscovery(new RealSysfs(root)).numaTopology();
        assertThat(numa.pciDevices()).isEmpty();
        assertThat(numa.iommuGroups()).isEmpty();
        assertThat(numa.nodes()).isEqualTo(whole.nodes());
        assertThat(numa.cpus()).isEqualTo(whole.cpus());
        assertThat(numa.pageSizes()).isEqualTo(whole.pageSizes());
    }
}
