package io.virtforge.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.check.Report;
import io.virtforge.host.audit.HostTuningAudit;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.discovery.SyntheticSysfsTree;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.topology.HostTopology;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON picture of a host read from a small synthetic tree. */
class HostJsonTest {
    @TempDir
    Path root;

    @Test
    void picturesNodesCpusDevicesGroupsAndFindings() {
        SyntheticSysfsTree.write(root, new SyntheticSysfsTree.Shape(2, 1, 2, 2, 40));
        RealSysfs sysfs = new RealSysfs(root);
        HostTopology host = HostDiscovery.topologyOf(sysfs);
        Report findings = new HostTuningAudit(sysfs).audit();
        String json = HostJson.write(host, findings);
        assertThat(json).startsWith("{\"nodes\":[{\"id\":0,\"cpus\":\"0-1,4-5\",\"memory\":\"64GiB\","
                + "\"hugepages\":{\"2MiB\":{\"total\":512,\"free\":500},\"1GiB\":{\"total\":0,\"free\":0}},"
                + "\"distances\":{\"0\":10,\"1\":21}}");
        assertThat(json).contains("\"cpus\":[{\"id\":0,\"node\":0,\"socket\":0,\"core\":0,\"siblings\":\"0,4\","
                + "\"online\":true,\"isolated\":false}");
        assertThat(json).contains("{\"address\":\"0000:01:00.0\",\"vendor\":\"8086\",\"device\":\"1572\","
                + "\"class\":\"0x020000\",\"numaNode\":0,\"iommuGroup\":1,\"driver\":\"i40e\",\"physfn\":null,"
                + "\"virtfns\":[]}");
        assertThat(json).contains("\"iommu\":{\"enabled\":true,\"groups\":[{\"id\":1,\"devices\":[\"0000:01:00.0\"],"
                + "\"viable\":false}");
        // an unbound NIC sharing its group with a bridge bound to pcieport: viable, bridges do not count
        assertThat(json).contains("{\"id\":30,\"devices\":[\"0000:01:03.6\",\"0000:01:03.7\"],\"viable\":true}");
        assertThat(json).contains("\"findings\":[{\"code\":\"CSTATES\"");
        assertThat(HostJson.of(sysfs)).isEqualTo(json);
    }
}
