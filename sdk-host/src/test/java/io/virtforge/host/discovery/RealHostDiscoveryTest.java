package io.virtforge.host.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Discovery of this machine, checked against {@code /proc/cpuinfo}, {@code nproc} and the PCI bus. */
@EnabledOnOs(OS.LINUX)
class RealHostDiscoveryTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealHostDiscoveryTest.class);

    private record CpuInfo(int processor, int physicalId, int coreId) {
    }

    private static Map<Integer, CpuInfo> cpuinfo() throws IOException {
        Map<Integer, CpuInfo> result = new HashMap<>();
        for (String block : Files.readString(Path.of("/proc/cpuinfo")).split("\n\\s*\n")) {
            Map<String, String> f = new HashMap<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    f.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
            if (f.containsKey("processor")) {
                int id = Integer.parseInt(f.get("processor"));
                result.put(id, new CpuInfo(id, Integer.parseInt(f.getOrDefault("physical id", "-1")),
                        Integer.parseInt(f.getOrDefault("core id", "-1"))));
            }
        }
        return result;
    }

    private static int nproc() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nproc", "--all").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(out);
    }

    @Test
    void agreesWithProcCpuinfoAndNproc() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/devices/system/cpu")), "no sysfs on this machine");
        DiscoveredHost found = new HostDiscovery(new RealSysfs()).discover();
        HostTopology host = found.topology();
        Map<Integer, CpuInfo> cpuinfo = cpuinfo();
        LOG.info("this machine: {} nodes, {} CPUs ({} online, {} cores), {} PCI functions, IOMMU {}, pools {}, "
                + "hugetlbfs {}, default huge page {}", host.nodes().size(), host.cpus().size(),
                host.onlineCpus().size(), host.physicalCores(), host.pciDevices().size(),
                found.iommu().enabled() ? "on" : "off", host.nodes().get(0).hugePages().values(),
                found.hugetlbfsMounts(), found.defaultHugePageSize().orElse(null));
        assertThat(host.onlineCpus().size()).as("online CPUs = processors of /proc/cpuinfo").isEqualTo(cpuinfo.size());
        assertThat(host.cpus().size()).as("CPUs = nproc --all").isEqualTo(nproc());
        Set<Integer> sockets = new HashSet<>();
        for (CpuInfo info : cpuinfo.values()) {
            HostCpu cpu = host.cpu(info.processor()).orElseThrow();
            assertThat(cpu.online()).isTrue();
            if (info.physicalId() >= 0) {
                assertThat(cpu.socket()).as("socket of cpu %d", info.processor()).hasValue(info.physicalId());
                sockets.add(info.physicalId());
            }
            if (info.coreId() >= 0) {
                assertThat(cpu.core()).as("core of cpu %d", info.processor()).hasValue(info.coreId());
            }
        }
        long discoveredSockets = host.cpus().stream().filter(HostCpu::online).map(c -> c.socket().orElse(-1)).distinct()
                .count();
        if (!sockets.isEmpty()) {
            assertThat(discoveredSockets).isEqualTo(sockets.size());
        }
        try (var entries = Files.list(Path.of("/sys/bus/pci/devices"))) {
            assertThat(host.pciDevices()).hasSize((int) entries.count());
        }
        assertThat(host.totalMemory().bytes()).isPositive();
    }
}
