package io.virtforge.testkit;

import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NodeDevice;
import io.virtforge.topology.NodeDeviceXml;
import io.virtforge.xml.XmlParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The test hosts, shared by the fake connection ({@code fake:///<name>}) and host-side tests (their
 * {@link FakeSysfs}):
 * <ul>
 * <li>{@value #XEON_2S}: 2 sockets x 16 cores x 2 threads, one node per socket, 96 GiB and 8192 2 MiB +
 * 16 1 GiB free pages per node; Intel NICs (X710 with two ports on node 0, E810 on node 1), NVMe drives;</li>
 * <li>{@value #EPYC_NPS4}: 2 sockets in NPS4 mode, 8 nodes of 8 cores x 2 threads; a ConnectX-6 on node 2;</li>
 * <li>{@value #GPU_SERVER}: 2 nodes, 4 GPUs (2 per node); GPU 0 shares IOMMU group 20 with its audio
 * function and the PCI bridge above it;</li>
 * <li>{@value #SRIOV_HOST}: 2 nodes; an X710 PF on node 1 with 8 VFs enabled (groups 31-38);</li>
 * <li>{@value #TINY}: 1 node, 2 CPUs, 128 free 2 MiB pages, no IOMMU, no PCI devices: like a CI machine.</li>
 * </ul>
 * A host can also be loaded from libvirt's XML ({@link #fromLibvirt}).
 */
public final class Fixtures {
    /** Two-socket Intel host. */
    public static final String XEON_2S = "xeon-2s";
    /** Two-socket AMD host in NPS4 mode. */
    public static final String EPYC_NPS4 = "epyc-nps4";
    /** Host with four GPUs. */
    public static final String GPU_SERVER = "gpu-server";
    /** Host with an SR-IOV NIC. */
    public static final String SRIOV_HOST = "sriov-host";
    /** One node, two CPUs. */
    public static final String TINY = "tiny";

    /** xeon-2s: the X710's first port (node 0, group 40, i40e, ens1f0). */
    public static final String XEON_NIC = "0000:18:00.0";
    /** xeon-2s: the X710's second port (node 0, group 41). */
    public static final String XEON_NIC2 = "0000:18:00.1";
    /** xeon-2s: the E810 on node 1 (group 70, ice). */
    public static final String XEON_NIC_NODE1 = "0000:af:00.0";
    /** xeon-2s: the NVMe drive on node 1 (group 60). */
    public static final String XEON_NVME_NODE1 = "0000:86:00.0";
    /** gpu-server: GPU 0 (node 0, group 20 with its audio function and a bridge). */
    public static final String GPU0 = "0000:17:00.0";
    /** gpu-server: GPU 0's audio function (group 20, snd_hda_intel). */
    public static final String GPU0_AUDIO = "0000:17:00.1";
    /** gpu-server: the PCI bridge above GPU 0 (group 20, pcieport). */
    public static final String GPU_BRIDGE = "0000:16:00.0";
    /** gpu-server: GPU 1 (node 0, group 21, alone). */
    public static final String GPU1 = "0000:31:00.0";
    /** gpu-server: GPU 2 (node 1, group 40). */
    public static final String GPU2 = "0000:b1:00.0";
    /** gpu-server: GPU 3 (node 1, group 41). */
    public static final String GPU3 = "0000:ca:00.0";
    /** sriov-host: the PF (node 1, group 30, i40e); its VFs are {@code 0000:3b:02.0}-{@code 0000:3b:02.7}. */
    public static final String SRIOV_PF = "0000:3b:00.0";

    private static final Map<String, Entry> BUILT_IN = new LinkedHashMap<>();

    private record Entry(String summary, Supplier<HostTopology> topology) {
    }

    static {
        BUILT_IN.put(XEON_2S, new Entry("2 sockets x 16 cores x 2 threads, 2 nodes, 2 MiB + 1 GiB pages, Intel NICs",
                FixtureHosts::xeon2s));
        BUILT_IN.put(EPYC_NPS4, new Entry("2 sockets x 4 nodes (NPS4) x 8 cores x 2 threads, a ConnectX-6",
                FixtureHosts::epycNps4));
        BUILT_IN.put(GPU_SERVER, new Entry("2 nodes, 4 GPUs; GPU 0 shares its IOMMU group with audio and a bridge",
                FixtureHosts::gpuServer));
        BUILT_IN.put(SRIOV_HOST, new Entry("2 nodes, an X710 PF with 8 VFs on node 1, one IOMMU group per VF",
                FixtureHosts::sriovHost));
        BUILT_IN.put(TINY, new Entry("1 node, 2 CPUs, 128 free 2 MiB pages, no IOMMU", FixtureHosts::tiny));
    }

    private static final Map<String, Fixture> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** The built-in fixture names. */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** A built-in fixture by name. */
    public static Optional<Fixture> find(String name) {
        Entry e = BUILT_IN.get(name);
        return e == null ? Optional.empty()
                : Optional.of(CACHE.computeIfAbsent(name, n -> new Fixture(n, e.summary(), e.topology().get())));
    }

    /** A built-in fixture by name; throws {@link IllegalArgumentException} naming the fixtures there are. */
    public static Fixture get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(unknown(name)));
    }

    static String unknown(String name) {
        return "no fixture host named '" + name + "'; the fixtures are " + String.join(", ", names());
    }

    /** A fixture of any topology. */
    public static Fixture of(String name, String summary, HostTopology topology) {
        return new Fixture(name, summary, topology);
    }

    /** The kernel fake of any topology, as fixtures build theirs. */
    public static FakeSysfs sysfsOf(HostTopology topology) {
        return SysfsRenderer.render(topology);
    }

    /**
     * A fixture from libvirt's XML: a capabilities document ({@code virsh capabilities}) and node device
     * documents ({@code virsh nodedev-dumpxml}, PCI functions and their network interfaces). Named after the
     * capabilities file.
     */
    public static Fixture fromLibvirt(Path capabilities, List<Path> nodeDevices) {
        HostTopology.Builder b = CapabilitiesXml.read(XmlParser.defaults().parse(read(capabilities)));
        List<NodeDevice> devices = new ArrayList<>();
        for (Path p : nodeDevices) {
            devices.add(NodeDeviceXml.parse(read(p)));
        }
        NodeDeviceXml.addTo(b, devices);
        String name = capabilities.getFileName().toString().replaceFirst("\\.xml$", "");
        return new Fixture(name, "loaded from " + capabilities + " and " + nodeDevices.size() + " node device(s)",
                b.build());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
