package io.virtforge.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.testing.Corpus;
import io.virtforge.testing.CorpusTally;
import io.virtforge.value.DataSize;
import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlModelException;
import io.virtforge.xml.XmlSecurityException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * NodeDeviceXml over libvirt's node device test data (libvirt 4.5.0's and the fetched corpus, see {@link Corpus}),
 * against a DOM reading, and addTo.
 */
class NodeDeviceXmlTest {
    private static final String DEVICES = "nodedevschemadata";
    /** The shared corpus' libvirt 4.5.0 copy, whose documents the tests below name. */
    private static final String FOLDER = Corpus.libvirt(DEVICES);

    static PciAddress domAddress(Element a) {
        return new PciAddress((int) DomReading.number(DomReading.attr(a, "domain").orElse("0")),
                (int) DomReading.number(DomReading.attr(a, "bus").orElse("0")),
                (int) DomReading.number(DomReading.attr(a, "slot").orElse("0")),
                (int) DomReading.number(DomReading.attr(a, "function").orElse("0")));
    }

    static Element topCapability(Element device, String type) {
        for (Element c : DomReading.children(device, "capability")) {
            if (c.getAttribute("type").equals(type)) {
                return c;
            }
        }
        return null;
    }

    static void assertMatchesDom(String xml) {
        NodeDevice dev = NodeDeviceXml.parse(xml);
        Element root = DomReading.parse(xml);
        assertThat(dev.name()).isEqualTo(DomReading.child(root, "name").getTextContent().trim());
        Element parent = DomReading.child(root, "parent");
        assertThat(dev.parent()).isEqualTo(java.util.Optional.ofNullable(parent).map(p -> p.getTextContent().trim()));
        Element net = topCapability(root, "net");
        if (net != null) {
            assertThat(dev.netInterface()).hasValue(DomReading.child(net, "interface").getTextContent().trim());
        } else {
            assertThat(dev.netInterface()).isEmpty();
        }
        assertMdevMatchesDom(dev, root);
        Element cap = topCapability(root, "pci");
        if (cap == null) {
            assertThat(dev.pci()).as("a non-PCI device").isEmpty();
            return;
        }
        PciDevice pci = dev.pci().orElseThrow();
        long bus = DomReading.number(DomReading.child(cap, "bus").getTextContent());
        // a function whose config space libvirt could not read has bus 0xffffffff: its name has the address
        PciAddress address = bus > 0xff
                ? PciAddress.fromNodeDeviceName(DomReading.child(root, "name").getTextContent().trim())
                : new PciAddress((int) DomReading.number(DomReading.child(cap, "domain").getTextContent()), (int) bus,
                        (int) DomReading.number(DomReading.child(cap, "slot").getTextContent()),
                        (int) DomReading.number(DomReading.child(cap, "function").getTextContent()));
        assertThat(pci.address()).isEqualTo(address);
        assertThat(pci.vendorId()).isEqualTo((int) DomReading.number(DomReading.child(cap, "vendor").getAttribute("id")));
        assertThat(pci.deviceId()).isEqualTo((int) DomReading.number(DomReading.child(cap, "product").getAttribute("id")));
        Element group = DomReading.child(cap, "iommuGroup");
        if (group != null) {
            assertThat(pci.iommuGroup()).hasValue(Integer.parseInt(group.getAttribute("number")));
        } else {
            assertThat(pci.iommuGroup()).isEmpty();
        }
        Element numa = DomReading.child(cap, "numa");
        if (numa != null && numa.hasAttribute("node")) {
            assertThat(pci.numaNode()).hasValue(Integer.parseInt(numa.getAttribute("node")));
        } else {
            assertThat(pci.numaNode()).isEmpty();
        }
        Element driver = DomReading.child(root, "driver", "name");
        assertThat(pci.driver()).isEqualTo(java.util.Optional.ofNullable(driver).map(d -> d.getTextContent().trim()));
        Element cls = DomReading.child(cap, "class");
        if (cls != null) {
            assertThat(pci.classCode()).isEqualTo((int) DomReading.number(cls.getTextContent()));
        }
        Element vfs = topCapability(cap, "virt_functions");
        List<PciAddress> expectedVfs = new ArrayList<>();
        DomReading.children(vfs, "address").forEach(a -> expectedVfs.add(domAddress(a)));
        assertThat(pci.virtfns()).containsExactlyElementsOf(expectedVfs.stream().sorted().toList());
        if (vfs != null && vfs.hasAttribute("maxCount")) {
            assertThat(pci.sriovTotalVfs()).hasValue(Integer.parseInt(vfs.getAttribute("maxCount")));
        } else {
            assertThat(pci.sriovTotalVfs()).isEmpty();
        }
        Element pf = DomReading.child(topCapability(cap, "phys_function"), "address");
        if (pf != null) {
            assertThat(pci.physfn()).hasValue(domAddress(pf));
            assertThat(pci.isVf()).isTrue();
        } else {
            assertThat(pci.physfn()).isEmpty();
            assertThat(pci.isVf()).isFalse();
        }
    }

    /** The mdev_types of any top capability, and a mediated device's type and UUID, as the DOM shows them. */
    static void assertMdevMatchesDom(NodeDevice dev, Element root) {
        List<String> expected = new ArrayList<>();
        for (Element top : DomReading.children(root, "capability")) {
            Element types = topCapability(top, "mdev_types");
            for (Element t : DomReading.children(types, "type")) {
                Element available = DomReading.child(t, "availableInstances");
                Element api = DomReading.child(t, "deviceAPI");
                expected.add(t.getAttribute("id") + "/" + (api == null ? "vfio-pci" : api.getTextContent().trim()) + "/"
                        + (available == null ? 0 : Integer.parseInt(available.getTextContent().trim())));
            }
        }
        assertThat(dev.mdevTypes()).extracting(t -> t.id() + "/" + t.deviceApi() + "/" + t.availableInstances())
                .containsExactlyElementsOf(expected);
        Element mdev = topCapability(root, "mdev");
        if (mdev == null) {
            assertThat(dev.mdev()).isEmpty();
            return;
        }
        MdevInstance m = dev.mdev().orElseThrow();
        assertThat(m.type()).isEqualTo(DomReading.child(mdev, "type").getAttribute("id"));
        Element uuid = DomReading.child(mdev, "uuid");
        String name = DomReading.child(root, "name").getTextContent().trim();
        assertThat(m.uuid().toString()).isEqualTo(uuid != null ? uuid.getTextContent().trim()
                : name.substring(5, 41).replace('_', '-'));
    }

    @Test
    void aParentsMdevTypesAndAMediatedDeviceGetTheParentsNumaNode() {
        NodeDevice parent = NodeDeviceXml.parse(Corpus.read(Corpus.require(FOLDER + "/pci_0000_02_10_7_mdev_types.xml")));
        NodeDevice mdev = NodeDeviceXml.parse("""
                <device><name>mdev_d069d019_36ea_4111_8f0a_8c9a70e21366</name><parent>pci_0000_02_10_7</parent>
                <capability type='mdev'><type id='foo2'/><uuid>d069d019-36ea-4111-8f0a-8c9a70e21366</uuid>
                <iommuGroup number='0'/></capability></device>""");
        HostTopology h = NodeDeviceXml.addTo(host(), List.of(mdev, parent)).build();
        MdevParent p = h.mdevParent("0000:02:10.7").orElseThrow();
        assertThat(p.numaNode()).hasValue(0);
        assertThat(p.types()).extracting(t -> t.id() + "=" + t.availableInstances()).containsExactly("foo1=1", "foo2=2");
        assertThat(p.type("foo1").orElseThrow().name()).hasValue("bar1");
        MdevInstance i = h.mdevInstance(java.util.UUID.fromString("d069d019-36ea-4111-8f0a-8c9a70e21366")).orElseThrow();
        assertThat(i.parent()).isEqualTo("0000:02:10.7");
        assertThat(i.type()).isEqualTo("foo2");
        assertThat(i.numaNode()).hasValue(0);
        assertThat(h.toBuilder().build().mdevParents()).containsExactly(p);
    }

    @Test
    void aMediatedDeviceWithoutUuidTakesItFromItsNameAndABadUuidIsAnError() {
        NodeDevice d = NodeDeviceXml.parse(Corpus.read(Corpus.require(FOLDER
                + "/mdev_3627463d_b7f0_4fea_b468_f1da537d301b.xml")));
        assertThat(d.mdev().orElseThrow().uuid()).hasToString("3627463d-b7f0-4fea-b468-f1da537d301b");
        assertThat(d.mdev().orElseThrow().parent()).isEqualTo("computer");
        assertThatThrownBy(() -> NodeDeviceXml.parse("<device><name>mdev_x</name><capability type='mdev'>"
                + "<type id='t'/><uuid>1-2-3-4-5</uuid></capability></device>"))
                .isInstanceOf(XmlModelException.class).hasMessageContaining("not a UUID");
    }


    @TestFactory
    Stream<DynamicNode> everyCorpusDeviceReadsLikeTheDomReading() {
        return CorpusTally.perCorpus(corpus -> Stream.of(CorpusTally.folder(corpus, DEVICES, (p, note) -> {
            assertMatchesDom(Corpus.read(p));
            return "read like the DOM reading";
        })));
    }

    @TestFactory
    Stream<DynamicNode> theCorpusHoldsPciDevicesWithEveryRelationAndNonPciDevices() {
        return CorpusTally.perCorpus(corpus -> Stream.of(DynamicTest.dynamicTest("relations", () -> {
            int pci = 0;
            int groups = 0;
            int numa = 0;
            int pfs = 0;
            int vfs = 0;
            int nonPci = 0;
            int nets = 0;
            List<Path> files = corpus.xmlFiles(DEVICES);
            for (Path p : files) {
                NodeDevice d;
                try {
                    d = NodeDeviceXml.parse(Corpus.read(p));
                } catch (XmlModelException e) {
                    throw new AssertionError(corpus.name() + " " + DEVICES + "/" + p.getFileName() + ": "
                            + e.getMessage(), e);
                }
                if (d.pci().isEmpty()) {
                    nonPci++;
                } else {
                    pci++;
                    groups += d.pci().get().iommuGroup().isPresent() ? 1 : 0;
                    numa += d.pci().get().numaNode().isPresent() ? 1 : 0;
                    pfs += d.pci().get().virtfns().isEmpty() ? 0 : 1;
                    vfs += d.pci().get().isVf() ? 1 : 0;
                }
                nets += d.netInterface().isPresent() ? 1 : 0;
            }
            System.out.println("corpus " + corpus.name() + " " + DEVICES + ": " + files.size() + " files, " + pci
                    + " PCI (" + groups + " in IOMMU groups, " + numa + " with a NUMA node, " + pfs + " PFs, " + vfs
                    + " VFs), " + nonPci + " not PCI, " + nets + " network interfaces");
            assertThat(files).hasSizeGreaterThanOrEqualTo(20);
            assertThat(pci).isGreaterThan(10);
            assertThat(groups).isGreaterThan(5);
            assertThat(numa).isGreaterThan(3);
            assertThat(pfs).isGreaterThan(0);
            assertThat(vfs).isGreaterThan(0);
            assertThat(nonPci).isGreaterThan(10);
            assertThat(nets).isGreaterThanOrEqualTo(2);
        })));
    }

    @Test
    void theSriovPfOfTheCorpusReadsItsVfsAndGroup() {
        NodeDevice d = NodeDeviceXml.parse(Corpus.read(Corpus.require(FOLDER + "/pci_0000_02_10_7_sriov_pf_vfs_all.xml")));
        PciDevice pci = d.pci().orElseThrow();
        assertThat(pci.address()).isEqualTo(PciAddress.parse("0000:02:10.7"));
        assertThat(pci.ids()).isEqualTo("8086:10ca");
        assertThat(pci.iommuGroup()).hasValue(31);
        assertThat(pci.numaNode()).hasValue(0);
        assertThat(pci.physfn()).hasValue(PciAddress.parse("0000:02:00.1"));
        assertThat(pci.virtfns()).containsExactly(PciAddress.parse("02:00.2"), PciAddress.parse("02:00.3"),
                PciAddress.parse("02:00.4"), PciAddress.parse("02:00.5"));
        assertThat(pci.sriovTotalVfs()).hasValue(7);
        assertThat(pci.productName()).hasValue("82576 Virtual Function");
        assertThat(pci.vendorName()).hasValue("Intel Corporation");
    }

    static HostTopology.Builder host() {
        return SyntheticHost.of(1, 1, 2, 1, DataSize.gib(4), 0);
    }

    @Test
    void aNetDeviceNamesItsParentPciDevice() {
        NodeDevice pf = NodeDeviceXml.parse(Corpus.read(Corpus.require(FOLDER + "/pci_8086_10c9_sriov_pf.xml")));
        NodeDevice net = NodeDeviceXml.parse("""
                <device><name>net_ens1f0_00_1b_21_aa_bb_cc</name><parent>pci_0000_02_00_0</parent>
                <capability type='net'><interface>ens1f0</interface><address>00:1b:21:aa:bb:cc</address></capability>
                </device>""");
        HostTopology h = NodeDeviceXml.addTo(host(), List.of(net, pf)).build();
        PciDevice dev = h.pciDevice(PciAddress.parse("0000:02:00.0")).orElseThrow();
        assertThat(dev.netdev()).hasValue("ens1f0");
        assertThat(dev.ids()).isEqualTo("8086:10c9");
        assertThat(h.iommuGroup(12).orElseThrow().devices()).containsExactly(PciAddress.parse("0000:02:00.0"));
    }

    @Test
    void aNetDeviceWhoseParentIsAbsentOrNotAnAddressChangesNothing() {
        NodeDevice corpusNet = NodeDeviceXml.parse(Corpus.read(Corpus.require(FOLDER + "/net_00_13_02_b9_f9_d3.xml")));
        assertThat(corpusNet.netInterface()).hasValue("eth0");
        assertThat(corpusNet.parent()).hasValue("pci_8086_4227"); // old-style name, no address
        NodeDevice orphan = NodeDeviceXml.parse("<device><name>net_x</name><parent>pci_0000_05_00_0</parent>"
                + "<capability type='net'><interface>eth9</interface></capability></device>");
        NodeDevice pf = NodeDeviceXml.parse(Corpus.read(Corpus.require(FOLDER + "/pci_8086_10c9_sriov_pf.xml")));
        HostTopology h = NodeDeviceXml.addTo(host(), List.of(corpusNet, orphan, pf)).build();
        assertThat(h.pciDevices()).hasSize(1);
        assertThat(h.pciDevices().iterator().next().netdev()).isEmpty();
        assertThat(h.pciDevice(PciAddress.parse("0000:05:00.0"))).isEmpty();
    }

    @Test
    void aDriverAndClassAreRead() {
        NodeDevice d = NodeDeviceXml.parse("""
                <device><name>pci_0000_00_1c_0</name><parent>computer</parent><driver><name>pcieport</name></driver>
                <capability type='pci'><class>0x060400</class><domain>0</domain><bus>0</bus><slot>28</slot>
                <function>0</function><product id='0x8c10'/><vendor id='0x8086'/><iommuGroup number='8'/>
                <numa node='1'/></capability></device>""");
        PciDevice pci = d.pci().orElseThrow();
        assertThat(pci.driver()).hasValue("pcieport");
        assertThat(pci.classCode()).isEqualTo(0x060400);
        assertThat(pci.isBridge()).isTrue();
        assertThat(pci.numaNode()).hasValue(1);
        assertThat(pci.address()).isEqualTo(PciAddress.parse("00:1c.0"));
    }

    @Test
    void theWrongRootIsAModelErrorWithAPath() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<capabilities/>"))
                .isInstanceOfSatisfying(XmlModelException.class, e -> assertThat(e.path()).isEqualTo("/capabilities"));
    }

    @Test
    void aNonNumericBusIsAModelErrorWithAPath() {
        String xml = "<device><name>pci_x</name><capability type='pci'><domain>0</domain><bus>two</bus>"
                + "<slot>0</slot><function>0</function></capability></device>";
        assertThatThrownBy(() -> NodeDeviceXml.parse(xml)).isInstanceOfSatisfying(XmlModelException.class,
                e -> assertThat(e.path()).startsWith("/device/capability[@type='pci']"));
    }

    @Test
    void aMissingNameIsAModelError() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<device/>"))
                .isInstanceOfSatisfying(XmlModelException.class, e -> assertThat(e.path()).isEqualTo("/device"));
    }

    @Test
    void aDoctypeIsRefused() {
        assertThatThrownBy(() -> NodeDeviceXml.parse("<!DOCTYPE device><device><name>x</name></device>"))
                .isInstanceOf(XmlSecurityException.class);
    }
}
