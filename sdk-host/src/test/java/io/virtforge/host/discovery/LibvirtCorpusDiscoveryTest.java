package io.virtforge.host.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.CorpusTally;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NumaNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery checked against libvirt's own expectations for its captured sysfs trees, in both libvirt corpora
 * (4.5.0's and the fetched one, see {@link Corpus}), with counts. Each tree is
 * mounted at {@code /sys/devices/system} of a {@link RealSysfs} over a temporary root (a symbolic link),
 * as libvirt's tests redirect {@code SYSFS_SYSTEM_PATH}: {@code linux-X/{cpu,node}} or
 * {@code linux-X/system/{cpu,node}}. (The 4.5.0 copy stores libvirt's {@code nodeN/cpuM} links as plain files,
 * the fetched source as links; discovery only lists their names.)
 * <ul>
 * <li>{@code vircaps2xmldata/linux-*}: the NUMA cells and, per CPU, id, socket, core and siblings equal
 * those of {@code vircaps-<arch>-*.xml}. Memory and page counts are not compared: libvirt's test takes
 * them from a mock of libnuma, not from the tree.</li>
 * <li>{@code virhostcpudata/linux-*}: online/max CPUs, nodes, sockets, cores and threads equal the
 * {@code .expected} files (MHz comes from {@code .cpuinfo}, which discovery does not read). ppc64 trees
 * are skipped: libvirt counts the offline secondary threads of a subcore as online using KVM's threads
 * per subcore (its test mock answers 8), which sysfs does not show.</li>
 * </ul>
 */
class LibvirtCorpusDiscoveryTest {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtCorpusDiscoveryTest.class);
    @TempDir
    Path roots;

    private final List<Path> links = new ArrayList<>();

    /**
     * Mounts a tree at {@code /sys/devices/system}: its {@code system} folder when it has one, else the tree
     * itself. A {@code system} that is a plain file holds the target of a link the corpus flattened
     * ({@code linux-resctrl-cdp/system} is {@code ../linux-resctrl/system/}).
     */
    private RealSysfs mount(Path tree, String name) throws IOException {
        Path system = tree.resolve("system");
        if (Files.isRegularFile(system)) {
            system = tree.resolve(Files.readString(system).strip()).normalize();
        }
        Path root = roots.resolve(name);
        Files.createDirectories(root.resolve("sys/devices"));
        Path link = root.resolve("sys/devices/system");
        Files.createSymbolicLink(link, (Files.isDirectory(system) ? system : tree).toAbsolutePath());
        links.add(link);
        return new RealSysfs(root);
    }

    @AfterEach
    void unmount() throws IOException {
        for (Path link : links) {
            Files.delete(link); // before JUnit cleans the temporary folder, which warns about links leading out
        }
        links.clear();
    }

    private static List<Path> entries(Path folder, String glob) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicNode> capabilitiesCellsAndCpusEqualLibvirts() {
        return CorpusTally.perCorpus(corpus -> Stream.of(CorpusTally.files(corpus, "vircaps2xmldata trees",
                () -> entries(corpus.require("vircaps2xmldata"), "vircaps-*.xml"), (xml, note) -> {
                    String file = xml.getFileName().toString();
                    String tree = "linux-"
                            + file.substring(file.indexOf('-', "vircaps-".length()) + 1, file.length() - 4);
                    HostTopology expected = CapabilitiesXml.parse(Files.readString(xml));
                    HostTopology found = HostDiscovery.topologyOf(mount(xml.resolveSibling(tree),
                            corpus.name() + file));
                    assertThat(cells(found)).as("cells of %s", tree).isEqualTo(cells(expected));
                    for (NumaNode n : expected.nodes()) {
                        for (int id : n.cpus().toArray()) {
                            assertThat(cpu(found.cpu(id).orElseThrow())).as("cpu %d of %s", id, tree)
                                    .isEqualTo(cpu(expected.cpu(id).orElseThrow()));
                        }
                    }
                    LOG.info("{} {}: agrees with {} ({} cells, {} CPUs)", corpus.name(), tree, file,
                            found.nodes().size(), found.cpus().size());
                    return "discovered as libvirt expects";
                })));
    }

    private static Map<Integer, String> cells(HostTopology host) {
        return host.nodes().stream().collect(java.util.stream.Collectors.toMap(NumaNode::id, n -> n.cpus().format(),
                (a, b) -> a, java.util.TreeMap::new));
    }

    private static String cpu(HostCpu c) {
        return "cpu " + c.id() + " socket " + c.socket() + " core " + c.core() + " siblings " + c.siblings();
    }

    @TestFactory
    Stream<DynamicNode> nodeInfoEqualsLibvirtsExpectations() {
        return CorpusTally.perCorpus(corpus -> Stream.of(CorpusTally.files(corpus, "virhostcpudata trees",
                () -> entries(corpus.require("virhostcpudata"), "linux-*.expected"), (expectedFile, note) -> {
                    String file = expectedFile.getFileName().toString();
                    String base = file.substring("linux-".length(), file.length() - ".expected".length());
                    String arch = base.substring(0, base.indexOf('-'));
                    String tree = "linux-" + base.substring(arch.length() + 1);
                    assumeFalse(arch.equals("ppc64"), "ppc64: libvirt counts offline subcore threads as online from"
                            + " KVM's threads-per-subcore (mocked as 8 in its test), which sysfs does not show");
                    LibvirtNodeInfo expected = LibvirtNodeInfo.parse(Files.readString(expectedFile));
                    HostTopology found = HostDiscovery.topologyOf(mount(expectedFile.resolveSibling(tree),
                            corpus.name() + file));
                    LibvirtNodeInfo actual = LibvirtNodeInfo.of(found, arch);
                    LOG.info("{} {} ({}): expected {}, discovered {}", corpus.name(), tree, arch, expected, actual);
                    assertThat(actual).as("%s (%s)", tree, arch).isEqualTo(expected);
                    return "discovered as libvirt expects";
                })));
    }
}
