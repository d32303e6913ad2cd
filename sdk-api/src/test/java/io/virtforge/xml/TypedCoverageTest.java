package io.virtforge.xml;

import io.virtforge.model.DomainXml;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Untyped;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.CorpusTally;
import io.virtforge.testing.LibvirtCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Typed coverage over libvirt's corpora (4.5.0 and the fetched one, see {@link Corpus}): nothing the issue lists as typed (domain, cputune, numatune,
 * memoryBacking, cpu, os, features, clock and the listed devices with their listed attributes) may
 * land in the kept-but-untyped bucket that {@link DomainXml#inspect(String)} reports.
 */
class TypedCoverageTest {
    /** Paths (indices removed) that must always be typed. */
    static final Set<String> MUST_BE_TYPED = Set.of(
            // domain
            "/domain/@type", "/domain/@id", "/domain/name", "/domain/uuid", "/domain/title", "/domain/description",
            "/domain/metadata", "/domain/memory", "/domain/memory/@unit", "/domain/currentMemory",
            "/domain/currentMemory/@unit", "/domain/maxMemory", "/domain/maxMemory/@slots", "/domain/maxMemory/@unit",
            "/domain/blkiotune", "/domain/blkiotune/weight", "/domain/blkiotune/device",
            "/domain/blkiotune/device/path", "/domain/blkiotune/device/weight",
            "/domain/blkiotune/device/read_iops_sec", "/domain/blkiotune/device/write_iops_sec",
            "/domain/blkiotune/device/read_bytes_sec", "/domain/blkiotune/device/write_bytes_sec",
            "/domain/memtune", "/domain/memtune/hard_limit", "/domain/memtune/soft_limit",
            "/domain/memtune/swap_hard_limit", "/domain/memtune/min_guarantee", "/domain/vcpu",
            "/domain/vcpu/@placement", "/domain/vcpu/@cpuset", "/domain/vcpu/@current", "/domain/vcpus",
            "/domain/vcpus/vcpu", "/domain/vcpus/vcpu/@id", "/domain/vcpus/vcpu/@enabled",
            "/domain/vcpus/vcpu/@hotpluggable", "/domain/vcpus/vcpu/@order", "/domain/iothreads",
            "/domain/iothreadids", "/domain/iothreadids/iothread", "/domain/iothreadids/iothread/@id",
            "/domain/on_poweroff", "/domain/on_reboot", "/domain/on_crash", "/domain/pm",
            "/domain/pm/suspend-to-mem", "/domain/pm/suspend-to-disk", "/domain/resource",
            "/domain/resource/partition",
            // cputune
            "/domain/cputune", "/domain/cputune/shares", "/domain/cputune/period", "/domain/cputune/quota",
            "/domain/cputune/global_period", "/domain/cputune/global_quota", "/domain/cputune/emulator_period",
            "/domain/cputune/emulator_quota", "/domain/cputune/iothread_period", "/domain/cputune/iothread_quota",
            "/domain/cputune/vcpupin", "/domain/cputune/vcpupin/@vcpu", "/domain/cputune/vcpupin/@cpuset",
            "/domain/cputune/emulatorpin", "/domain/cputune/emulatorpin/@cpuset", "/domain/cputune/iothreadpin",
            "/domain/cputune/iothreadpin/@iothread", "/domain/cputune/iothreadpin/@cpuset",
            "/domain/cputune/vcpusched", "/domain/cputune/vcpusched/@vcpus", "/domain/cputune/vcpusched/@scheduler",
            "/domain/cputune/vcpusched/@priority", "/domain/cputune/emulatorsched",
            "/domain/cputune/emulatorsched/@scheduler", "/domain/cputune/emulatorsched/@priority",
            "/domain/cputune/iothreadsched", "/domain/cputune/iothreadsched/@iothreads",
            "/domain/cputune/iothreadsched/@scheduler", "/domain/cputune/iothreadsched/@priority",
            "/domain/cputune/cachetune", "/domain/cputune/cachetune/@vcpus", "/domain/cputune/cachetune/cache",
            "/domain/cputune/memorytune", "/domain/cputune/memorytune/@vcpus", "/domain/cputune/memorytune/node",
            // numatune
            "/domain/numatune", "/domain/numatune/memory", "/domain/numatune/memory/@mode",
            "/domain/numatune/memory/@nodeset", "/domain/numatune/memory/@placement", "/domain/numatune/memnode",
            "/domain/numatune/memnode/@cellid", "/domain/numatune/memnode/@mode", "/domain/numatune/memnode/@nodeset",
            // memoryBacking
            "/domain/memoryBacking", "/domain/memoryBacking/hugepages", "/domain/memoryBacking/hugepages/page",
            "/domain/memoryBacking/hugepages/page/@size", "/domain/memoryBacking/hugepages/page/@unit",
            "/domain/memoryBacking/hugepages/page/@nodeset", "/domain/memoryBacking/nosharepages",
            "/domain/memoryBacking/locked", "/domain/memoryBacking/source", "/domain/memoryBacking/access",
            "/domain/memoryBacking/allocation", "/domain/memoryBacking/discard",
            // cpu
            "/domain/cpu", "/domain/cpu/@mode", "/domain/cpu/@match", "/domain/cpu/@check", "/domain/cpu/@migratable",
            "/domain/cpu/model", "/domain/cpu/model/@fallback", "/domain/cpu/model/@vendor_id", "/domain/cpu/vendor",
            "/domain/cpu/topology", "/domain/cpu/topology/@sockets", "/domain/cpu/topology/@dies",
            "/domain/cpu/topology/@clusters", "/domain/cpu/topology/@cores", "/domain/cpu/topology/@threads",
            "/domain/cpu/cache", "/domain/cpu/feature", "/domain/cpu/feature/@policy", "/domain/cpu/feature/@name",
            "/domain/cpu/numa", "/domain/cpu/numa/cell", "/domain/cpu/numa/cell/@id", "/domain/cpu/numa/cell/@cpus",
            "/domain/cpu/numa/cell/@memory", "/domain/cpu/numa/cell/@unit", "/domain/cpu/numa/cell/@memAccess",
            "/domain/cpu/numa/cell/@discard", "/domain/cpu/numa/cell/distances",
            "/domain/cpu/numa/cell/distances/sibling",
            // os, features, clock
            "/domain/os", "/domain/os/type", "/domain/os/type/@arch", "/domain/os/type/@machine", "/domain/os/loader",
            "/domain/os/nvram", "/domain/os/kernel", "/domain/os/initrd", "/domain/os/cmdline", "/domain/os/boot",
            "/domain/os/bootmenu", "/domain/os/smbios", "/domain/features", "/domain/features/acpi",
            "/domain/features/apic", "/domain/features/pae", "/domain/features/hap", "/domain/features/pmu",
            "/domain/features/vmport", "/domain/features/ioapic", "/domain/features/kvm", "/domain/features/hyperv",
            "/domain/clock", "/domain/clock/timer",
            // devices
            "/domain/devices", "/domain/devices/emulator", "/domain/devices/disk", "/domain/devices/disk/@type",
            "/domain/devices/disk/@device", "/domain/devices/disk/driver", "/domain/devices/disk/driver/@name",
            "/domain/devices/disk/driver/@type", "/domain/devices/disk/driver/@cache", "/domain/devices/disk/driver/@io",
            "/domain/devices/disk/driver/@discard", "/domain/devices/disk/driver/@iothread",
            "/domain/devices/disk/driver/@queues", "/domain/devices/disk/driver/@detect_zeroes",
            "/domain/devices/disk/source", "/domain/devices/disk/source/@file", "/domain/devices/disk/source/@dev",
            "/domain/devices/disk/source/@protocol", "/domain/devices/disk/source/@name",
            "/domain/devices/disk/source/host", "/domain/devices/disk/source/@pool", "/domain/devices/disk/source/@volume",
            "/domain/devices/disk/target", "/domain/devices/disk/target/@dev", "/domain/devices/disk/target/@bus",
            "/domain/devices/disk/boot", "/domain/devices/disk/boot/@order", "/domain/devices/disk/readonly",
            "/domain/devices/disk/shareable", "/domain/devices/disk/serial", "/domain/devices/disk/address",
            "/domain/devices/disk/iotune",
            "/domain/devices/disk/iotune/total_bytes_sec", "/domain/devices/disk/iotune/total_bytes_sec_max",
            "/domain/devices/disk/iotune/total_bytes_sec_max_length", "/domain/devices/disk/iotune/read_bytes_sec",
            "/domain/devices/disk/iotune/read_bytes_sec_max", "/domain/devices/disk/iotune/read_bytes_sec_max_length",
            "/domain/devices/disk/iotune/write_bytes_sec", "/domain/devices/disk/iotune/write_bytes_sec_max",
            "/domain/devices/disk/iotune/write_bytes_sec_max_length", "/domain/devices/disk/iotune/total_iops_sec",
            "/domain/devices/disk/iotune/total_iops_sec_max", "/domain/devices/disk/iotune/total_iops_sec_max_length",
            "/domain/devices/disk/iotune/read_iops_sec", "/domain/devices/disk/iotune/read_iops_sec_max",
            "/domain/devices/disk/iotune/read_iops_sec_max_length", "/domain/devices/disk/iotune/write_iops_sec",
            "/domain/devices/disk/iotune/write_iops_sec_max", "/domain/devices/disk/iotune/write_iops_sec_max_length",
            "/domain/devices/disk/iotune/size_iops_sec", "/domain/devices/disk/iotune/group_name",
            "/domain/devices/controller", "/domain/devices/controller/@type", "/domain/devices/controller/@index",
            "/domain/devices/controller/@model", "/domain/devices/controller/driver",
            "/domain/devices/controller/driver/@queues", "/domain/devices/controller/driver/@iothread",
            "/domain/devices/controller/driver/@iommu", "/domain/devices/controller/address",
            "/domain/devices/interface", "/domain/devices/interface/@type", "/domain/devices/interface/mac",
            "/domain/devices/interface/source", "/domain/devices/interface/source/@network",
            "/domain/devices/interface/source/@bridge", "/domain/devices/interface/source/@dev",
            "/domain/devices/interface/source/@mode", "/domain/devices/interface/source/address",
            "/domain/devices/interface/model", "/domain/devices/interface/driver",
            "/domain/devices/interface/driver/@name", "/domain/devices/interface/driver/@queues",
            "/domain/devices/interface/driver/@txmode", "/domain/devices/interface/driver/@rx_queue_size",
            "/domain/devices/interface/driver/@tx_queue_size", "/domain/devices/interface/mtu",
            "/domain/devices/interface/vlan", "/domain/devices/interface/virtualport",
            "/domain/devices/interface/target", "/domain/devices/interface/boot", "/domain/devices/interface/address",
            "/domain/devices/interface/bandwidth", "/domain/devices/interface/bandwidth/inbound",
            "/domain/devices/interface/bandwidth/inbound/@average", "/domain/devices/interface/bandwidth/inbound/@peak",
            "/domain/devices/interface/bandwidth/inbound/@burst", "/domain/devices/interface/bandwidth/inbound/@floor",
            "/domain/devices/interface/bandwidth/outbound", "/domain/devices/interface/bandwidth/outbound/@average",
            "/domain/devices/interface/bandwidth/outbound/@peak", "/domain/devices/interface/bandwidth/outbound/@burst",
            "/domain/devices/hostdev", "/domain/devices/hostdev/@mode", "/domain/devices/hostdev/@type",
            "/domain/devices/hostdev/@managed", "/domain/devices/hostdev/source",
            "/domain/devices/hostdev/source/address", "/domain/devices/hostdev/driver",
            "/domain/devices/hostdev/driver/@name", "/domain/devices/hostdev/rom", "/domain/devices/hostdev/boot",
            "/domain/devices/hostdev/address", "/domain/devices/memballoon", "/domain/devices/memballoon/@model",
            "/domain/devices/memballoon/@autodeflate", "/domain/devices/memballoon/stats",
            "/domain/devices/memballoon/stats/@period", "/domain/devices/serial", "/domain/devices/console",
            "/domain/devices/channel", "/domain/devices/graphics", "/domain/devices/video", "/domain/devices/input",
            "/domain/devices/rng", "/domain/devices/watchdog", "/domain/devices/tpm", "/domain/devices/iommu",
            "/domain/devices/memory");

    static String normalise(String path) {
        return path.replaceAll("\\[\\d+]", "");
    }

    /**
     * Per corpus and folder, a test per document: nothing it holds that the model promises to type is
     * reported untyped. Documents the model refuses fail here as in the round trip, except those the round
     * trip lists as rejected and libvirt's parse-error cases; the corpus' symlink stubs are not XML.
     */
    @TestFactory
    Stream<DynamicNode> nothingListedAsTypedIsEverKeptUntyped() {
        return CorpusTally.perCorpus(corpus -> {
            Map<String, Integer> untyped = new TreeMap<>();
            Stream<DynamicNode> folders = DomainXmlCorpusRoundTripTest.FOLDERS.stream().map(folder -> CorpusTally
                    .folder(corpus, folder, (p, note) -> typedCoverage(corpus, folder, p, untyped)));
            // the check is live: the corpus does hold parts the model keeps without typing them
            DynamicTest live = DynamicTest.dynamicTest("the corpus holds untyped parts", () -> {
                System.out.println("corpus " + corpus.name() + " untyped paths: " + untyped.size() + " distinct, "
                        + untyped.values().stream().mapToInt(Integer::intValue).sum() + " occurrences");
                assertThat(untyped).containsKeys("/domain/seclabel", "/domain/devices/sound");
            });
            return Stream.concat(folders, Stream.of(live));
        });
    }

    private static String typedCoverage(LibvirtCorpus corpus, String folder, Path p, Map<String, Integer> untyped) {
        String key = DomainXmlCorpusRoundTripTest.key(p);
        if (DomainXmlCorpusRoundTripTest.REJECTED.containsKey(key)) {
            return "rejected (see the round trip)";
        }
        List<Untyped> found;
        try {
            found = DomainXml.defaults().inspect(Corpus.read(p));
        } catch (MalformedXmlException notXml) {
            return "not XML"; // the corpus' symlink stubs, see DomainXmlCorpusRoundTripTest
        } catch (XmlModelException e) {
            if (corpus.negativeCases(folder).contains(p.getFileName().toString())) {
                return DomainXmlCorpusRoundTripTest.NEGATIVE_REFUSED;
            }
            throw new AssertionError(corpus.name() + " " + key + ": the model refuses it: " + e.getMessage(), e);
        }
        List<String> violations = new ArrayList<>();
        for (Untyped u : found) {
            String path = normalise(u.path());
            untyped.merge(path, 1, Integer::sum);
            if (MUST_BE_TYPED.contains(path)) {
                violations.add(u.path());
            }
        }
        assertThat(violations).as("typed parts reported as untyped in %s %s", corpus.name(), key).isEmpty();
        return found.isEmpty() ? "fully typed" : "typed where promised, with untyped extras";
    }

    @Test
    void inspectReportsUntypedPartsWithTheirPaths() {
        String xml = """
                <domain type='kvm' xmlns:my='urn:example'>
                  <name>x</name>
                  <memory unit='KiB'>1024</memory>
                  <my:extra a='1'/>
                  <devices>
                    <disk type='file' device='disk' rawio='yes'>
                      <source file='/a.img'/>
                      <target dev='vda' bus='virtio'/>
                      <iotune><total_bytes_sec>1</total_bytes_sec><future_knob>1</future_knob></iotune>
                    </disk>
                    <sound model='ich6'/>
                  </devices>
                </domain>
                """;
        assertThat(DomainXml.defaults().inspect(xml)).extracting(Untyped::path).containsExactlyInAnyOrder(
                "/domain/@xmlns:my", "/domain/devices/disk/@rawio", "/domain/devices/disk/iotune/future_knob",
                "/domain/devices/sound", "/domain/my:extra");
        assertThat(DomainXml.defaults().inspect(xml)).extracting(Untyped::kind).containsOnly(
                Untyped.Kind.ATTRIBUTE, Untyped.Kind.ELEMENT);
        Map<Untyped.Kind, Long> byKind = DomainXml.defaults().inspect(xml).stream()
                .collect(Collectors.groupingBy(Untyped::kind, Collectors.counting()));
        assertThat(byKind).containsEntry(Untyped.Kind.ATTRIBUTE, 2L).containsEntry(Untyped.Kind.ELEMENT, 3L);
    }
}
