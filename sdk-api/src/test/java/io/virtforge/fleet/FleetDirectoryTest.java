package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.testing.SeedPrograms;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlFileException;
import io.virtforge.xml.XmlModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetDirectoryTest {
    static final String GPU = """
            <device>
              <name>pci_0000_3b_00_0</name>
              <parent>computer</parent>
              <driver><name>vfio-pci</name></driver>
              <capability type='pci'>
                <class>0x030200</class>
                <domain>0</domain><bus>59</bus><slot>0</slot><function>0</function>
                <product id='0x1eb8'>TU104GL [Tesla T4]</product>
                <vendor id='0x10de'>NVIDIA Corporation</vendor>
                <iommuGroup number='30'><address domain='0x0000' bus='0x3b' slot='0x00' function='0x0'/></iommuGroup>
                <numa node='1'/>
              </capability>
            </device>
            """;

    @TempDir
    Path dir;

    /** A host folder with capabilities of a two-node host (16 cores of 2 threads per node). */
    Path host(String name) throws Exception {
        Path h = Files.createDirectories(dir.resolve(name));
        Files.writeString(h.resolve("capabilities.xml"),
                CapabilitiesXml.write(SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 10_000).build()));
        return h;
    }

    static void domain(Path file, String name) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, DomainXml.defaults().write(SeedPrograms.highPerfVm().name(name).build()));
    }

    @Test
    void eachFolderIsAHostWithItsDevicesDomainsAndLabels() throws Exception {
        Path b = host("b");
        Files.writeString(b.resolve("labels"), "# rack 4\nssd\n\n  gpu  # has the T4\nssd\n");
        Files.writeString(b.resolve("t4.xml"), GPU);
        domain(b.resolve("web.xml"), "web");
        host("a");
        host("c");

        Fleet fleet = FleetDirectory.load(dir);

        assertThat(fleet.hosts().keySet()).containsExactly("a", "b", "c");
        FleetHost hb = fleet.host("b").orElseThrow();
        assertThat(hb.labels()).containsExactly("gpu", "ssd");
        assertThat(hb.state().domains()).extracting(Domain::name).containsExactly("web");
        assertThat(hb.state().topology().pciDevice(PciAddress.parse("0000:3b:00.0")).orElseThrow().numaNode())
                .hasValue(1);
        assertThat(hb.state().pinnedCpus().format()).isEqualTo("2-9");
        FleetHost ha = fleet.host("a").orElseThrow();
        assertThat(ha.labels()).isEmpty();
        assertThat(ha.state().domains()).isEmpty();
        assertThat(ha.state().topology().pciDevices()).isEmpty();
    }

    @Test
    void filesAreToldApartByRootElementInAnySubFolderAndReadInSortedOrder() throws Exception {
        Path a = host("a");
        Files.createDirectories(a.resolve("nodedev"));
        Files.writeString(a.resolve("nodedev/gpu.XML"), GPU);
        domain(a.resolve("domains/z.xml"), "first-by-path");
        domain(a.resolve("b.xml"), "second");
        domain(a.resolve("domains/a.xml"), "third");
        Files.writeString(a.resolve("NOTES.txt"), "not XML: ignored");

        FleetHost h = FleetDirectory.load(dir).host("a").orElseThrow();

        // b.xml < domains/a.xml < domains/z.xml
        assertThat(h.state().domains()).extracting(Domain::name).containsExactly("second", "third", "first-by-path");
        assertThat(h.state().topology().pciDevices()).hasSize(1);
    }

    @Test
    void aHostFolderMayBeALink(@TempDir Path elsewhere) throws Exception {
        Path real = Files.createDirectories(elsewhere.resolve("snapshots/x"));
        Files.writeString(real.resolve("capabilities.xml"),
                CapabilitiesXml.write(SyntheticHost.of(1, 1, 4, 1, DataSize.gib(8), 0).build()));
        domain(real.resolve("domains/vm.xml"), "vm");
        Files.createSymbolicLink(dir.resolve("x"), real);

        FleetHost x = FleetDirectory.load(dir).host("x").orElseThrow();

        assertThat(x.state().domains()).extracting(Domain::name).containsExactly("vm");
    }

    @Test
    void hiddenFilesAndFoldersAreIgnored() throws Exception {
        host("a");
        Files.createDirectories(dir.resolve(".git/objects"));
        Files.writeString(dir.resolve(".git/config.xml"), "<not-a-host/>");
        Files.createDirectories(dir.resolve("a/.cache"));
        Files.writeString(dir.resolve("a/.cache/junk.xml"), "<network/>");
        Files.writeString(dir.resolve("a/.web.xml.swp"), "\0binary");
        Files.writeString(dir.resolve("README"), "the lab's hosts");

        Fleet fleet = FleetDirectory.load(dir);

        assertThat(fleet.hosts().keySet()).containsExactly("a");
        assertThat(fleet.host("a").orElseThrow().state().domains()).isEmpty();
    }

    @Test
    void theSameFolderGivesTheSameFleet() throws Exception {
        for (String name : List.of("n3", "n1", "n2")) {
            domain(host(name).resolve("vm.xml"), "vm-" + name);
        }
        Fleet once = FleetDirectory.load(dir);
        Fleet twice = FleetDirectory.load(dir);
        assertThat(twice.hosts().keySet()).containsExactlyElementsOf(once.hosts().keySet()).containsExactly("n1", "n2", "n3");
        for (FleetHost h : once.all()) {
            FleetHost other = twice.host(h.id()).orElseThrow();
            assertThat(other.generation()).isEqualTo(h.generation());
            assertThat(other.state().domains()).isEqualTo(h.state().domains());
            assertThat(CapabilitiesXml.write(other.state().topology()))
                    .isEqualTo(CapabilitiesXml.write(h.state().topology()));
        }
    }

    @Test
    void anEmptyFolderIsAnError() {
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(dir + " holds no host: make one folder per host, named by the host, with the host's "
                        + "capabilities.xml (virsh capabilities) in it")
                .extracting(e -> ((FleetDirectoryException) e).path()).isEqualTo(dir);
    }

    @Test
    void aMissingFolderOrAFileIsAnError() throws Exception {
        Path none = dir.resolve("none");
        assertThatThrownBy(() -> FleetDirectory.load(none)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(none + ": no such folder");
        Path file = Files.writeString(dir.resolve("caps.xml"), "<capabilities/>");
        assertThatThrownBy(() -> FleetDirectory.load(file)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(file + " is not a folder");
    }

    @Test
    void foldersWithoutCapabilitiesAreNamedAllAtOnce() throws Exception {
        host("a");
        Files.createDirectories(dir.resolve("c"));
        Files.createDirectories(dir.resolve("b"));
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(dir + ": no capabilities.xml in b, c (each host folder needs the host's virsh capabilities)");
    }

    @Test
    void anXmlFileBesideTheHostFoldersIsAnError() throws Exception {
        host("a");
        Path stray = Files.writeString(dir.resolve("capabilities.xml"), "<capabilities/>");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(stray + ": hosts are folders in " + dir + ", each with its capabilities.xml; move this "
                        + "file into one");
    }

    @Test
    void malformedXmlNamesTheFileAndWhere() throws Exception {
        Path bad = Files.writeString(host("a").resolve("web.xml"), "<domain type='kvm'>\n  <name>web</name>\n");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(XmlFileException.class)
                .hasMessageStartingWith(bad + ": line ")
                .satisfies(e -> {
                    XmlFileException x = (XmlFileException) e;
                    assertThat(x.path()).isEqualTo(bad);
                    assertThat(x.xmlError()).isPresent();
                });
    }

    @Test
    void aDomainLibvirtWouldRefuseNamesTheFile() throws Exception {
        Path nameless = Files.writeString(host("a").resolve("nameless.xml"),
                "<domain type='kvm'><memory>1048576</memory><vcpu>2</vcpu></domain>");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(XmlFileException.class)
                .hasMessageStartingWith(nameless + ": ").hasMessageContaining("a domain needs a <name>")
                .satisfies(e -> assertThat(((XmlFileException) e).xmlError()).containsInstanceOf(XmlModelException.class));

        Files.writeString(nameless, "<domain type='kvm'><name>x</name><vcpu>two</vcpu></domain>");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(XmlFileException.class)
                .hasMessageStartingWith(nameless + ": ").hasMessageContaining("two");
    }

    @Test
    void badCapabilitiesOrNodeDevicesNameTheFile() throws Exception {
        Path a = host("a");
        Path dev = Files.writeString(a.resolve("dev.xml"), "<device><parent>computer</parent></device>");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(XmlFileException.class)
                .hasMessageStartingWith(dev + ": ").hasMessageContaining("missing <name>");
        Files.delete(dev);
        Path caps = Files.writeString(a.resolve("capabilities.xml"), "<domain type='kvm'><name>x</name></domain>");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(XmlFileException.class)
                .hasMessageStartingWith(caps + ": ");
        Files.write(caps, new byte[] {'<', 0, '>'});
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(XmlFileException.class)
                .hasMessage(caps + " is a binary file, not XML");
    }

    @Test
    void aDomainNameTwiceOnAHostNamesBothFiles() throws Exception {
        Path a = host("a");
        domain(a.resolve("one.xml"), "web");
        domain(a.resolve("two.xml"), "web");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(XmlFileException.class)
                .hasMessage(a.resolve("two.xml") + ": domain 'web' is already in " + a.resolve("one.xml")
                        + " (a host holds one domain of a name)");
        // the same name on two hosts is fine: libvirt names are per host
        Files.delete(a.resolve("two.xml"));
        domain(host("b").resolve("web.xml"), "web");
        assertThat(FleetDirectory.load(dir).size()).isEqualTo(2);
    }

    @Test
    void anXmlFileOfAnotherKindOrASecondCapabilitiesIsAnError() throws Exception {
        Path a = host("a");
        Path net = Files.writeString(a.resolve("default.xml"), "<network><name>default</name></network>");
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(net + ": a <network> document; a host folder holds capabilities.xml, node devices "
                        + "(<device>) and domains (<domain>)");
        Files.delete(net);
        Path caps2 = Files.writeString(a.resolve("caps2.xml"),
                Files.readString(a.resolve("capabilities.xml")));
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(caps2 + ": capabilities go in " + a.resolve("capabilities.xml") + ", and a host has one");
    }

    @Test
    void aLabelsFolderIsAnError() throws Exception {
        Files.createDirectories(host("a").resolve("labels"));
        assertThatThrownBy(() -> FleetDirectory.load(dir)).isInstanceOf(FleetDirectoryException.class)
                .hasMessage(dir.resolve("a/labels") + " is not a file (labels: one label per line)");
    }
}
