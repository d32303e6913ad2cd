package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on the domain alone. */
class StructureRulesTest {
    private static final String CELL0 = "/domain/cpu/numa/cell[@id='0']";

    static String cells(String... cells) {
        return "<cpu><numa>" + String.join("", cells) + "</numa></cpu>";
    }

    // VCPU_CELLS

    @Test
    void vcpuCellsACellNamingAVcpuTheDomainLacks() {
        Domain d = domain("<vcpu>4</vcpu>" + cells("<cell id='0' cpus='0-4' memory='1024'/>"));
        Finding f = single(check(StructureRules.VCPU_CELLS, d), "VCPU_CELLS", Severity.ERROR, CELL0);
        assertThat(f.message()).contains("0-4").contains("4 vCPU(s)").contains("0-3");
    }

    @Test
    void vcpuCellsAVcpuInTwoCells() {
        Domain d = domain("<vcpu>4</vcpu>" + cells("<cell id='0' cpus='0-2' memory='1024'/>",
                "<cell id='1' cpus='2-3' memory='1024'/>"));
        Finding f = single(check(StructureRules.VCPU_CELLS, d), "VCPU_CELLS", Severity.ERROR,
                "/domain/cpu/numa/cell[@id='1']");
        assertThat(f.message()).contains("vCPUs 2 ").contains("more than one");
    }

    @Test
    void vcpuCellsVcpusInNoCell() {
        Domain d = domain("<vcpu>4</vcpu>" + cells("<cell id='0' cpus='0-1' memory='1024'/>"));
        Finding f = single(check(StructureRules.VCPU_CELLS, d), "VCPU_CELLS", Severity.ERROR, "/domain/cpu/numa");
        assertThat(f.message()).contains("2-3").contains("no guest NUMA cell");
    }

    @Test
    void vcpuCellsEveryVcpuInExactlyOneCellIsClean() {
        Domain d = domain("<vcpu>4</vcpu>" + cells("<cell id='0' cpus='0-1' memory='1024'/>",
                "<cell id='1' cpus='2-3' memory='1024'/>", "<cell id='2' memory='1024'/>"));
        assertThat(check(StructureRules.VCPU_CELLS, d)).isEmpty();
    }

    @Test
    void vcpuCellsWithoutVcpuElementCountsOneVcpuAndCellsWithoutIdsByPosition() {
        assertThat(check(StructureRules.VCPU_CELLS, domain(cells("<cell cpus='0' memory='1024'/>")))).isEmpty();
        Domain d = domain(cells("<cell cpus='0' memory='1024'/>", "<cell cpus='1' memory='1024'/>"));
        Finding f = single(check(StructureRules.VCPU_CELLS, d), "VCPU_CELLS", Severity.ERROR,
                "/domain/cpu/numa/cell[@id='1']");
        assertThat(f.message()).contains("1 vCPU(s)");
    }

    // CELL_MEMORY

    @Test
    void cellMemoryCellsNotAddingUpToMemory() {
        Domain d = domain("<memory unit='GiB'>4</memory><vcpu>2</vcpu>" + cells(
                "<cell id='0' cpus='0' memory='1' unit='GiB'/>", "<cell id='1' cpus='1' memory='2' unit='GiB'/>"));
        Finding f = single(check(StructureRules.CELL_MEMORY, d), "CELL_MEMORY", Severity.ERROR, "/domain/memory");
        assertThat(f.message()).contains("3GiB").contains("4GiB");
    }

    @Test
    void cellMemoryCellsAddingUpAreClean() {
        Domain d = domain("<memory unit='GiB'>3</memory><vcpu>2</vcpu>" + cells(
                "<cell id='0' cpus='0' memory='1' unit='GiB'/>", "<cell id='1' cpus='1' memory='2' unit='GiB'/>"));
        assertThat(check(StructureRules.CELL_MEMORY, d)).isEmpty();
    }

    @Test
    void cellMemoryCountsHotpluggedDimmsAndSkipsAMissingMemory() {
        Domain dimm = domain("<maxMemory slots='4' unit='GiB'>16</maxMemory><memory unit='GiB'>4</memory>"
                + cells("<cell id='0' cpus='0' memory='3' unit='GiB'/>")
                + "<devices><memory model='dimm'><target><size unit='GiB'>1</size><node>0</node></target></memory>"
                + "</devices>");
        assertThat(check(StructureRules.CELL_MEMORY, dimm)).isEmpty();
        Domain noMemory = domain(cells("<cell id='0' cpus='0' memory='3' unit='GiB'/>"));
        assertThat(check(StructureRules.CELL_MEMORY, noMemory)).isEmpty();
    }

    // PIN_VCPU_MISSING

    @Test
    void pinVcpuMissingAVcpupinBeyondTheVcpus() {
        Domain d = domain("<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='2' cpuset='3'/></cputune>");
        Finding f = single(check(StructureRules.PIN_VCPU_MISSING, d), "PIN_VCPU_MISSING", Severity.ERROR,
                "/domain/cputune/vcpupin[@vcpu='2']");
        assertThat(f.message()).contains("vCPU 2").contains("2 vCPU(s)");
    }

    @Test
    void pinVcpuMissingPinsWithinTheVcpusAreClean() {
        Domain d = domain("<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='1' cpuset='3'/></cputune>");
        assertThat(check(StructureRules.PIN_VCPU_MISSING, d)).isEmpty();
    }

    @Test
    void pinVcpuMissingWithoutVcpuElementAllowsOnlyVcpu0() {
        assertThat(check(StructureRules.PIN_VCPU_MISSING, domain("<cputune><vcpupin vcpu='0' cpuset='1'/></cputune>")))
                .isEmpty();
        Finding f = single(check(StructureRules.PIN_VCPU_MISSING, domain("<cputune><vcpupin vcpu='1' cpuset='1'/>"
                + "</cputune>")), "PIN_VCPU_MISSING", Severity.ERROR, "/domain/cputune/vcpupin[@vcpu='1']");
        assertThat(f.message()).contains("1 vCPU(s)");
    }

    // IOTHREAD_UNDEFINED

    @Test
    void iothreadUndefinedAPinOfAThreadTheDomainLacks() {
        Domain d = domain("<iothreads>1</iothreads><cputune><iothreadpin iothread='2' cpuset='1'/></cputune>");
        Finding f = single(check(StructureRules.IOTHREAD_UNDEFINED, d), "IOTHREAD_UNDEFINED", Severity.ERROR,
                "/domain/cputune/iothreadpin[@iothread='2']");
        assertThat(f.message()).contains("I/O thread 2");
    }

    @Test
    void iothreadUndefinedADiskAndAControllerUsingAThreadTheDomainLacks() {
        Domain d = domain("<devices><controller type='scsi' index='0' model='virtio-scsi'><driver iothread='2'/>"
                + "</controller><disk type='file' device='disk'><driver name='qemu' iothread='3'/>"
                + "<target dev='vda' bus='virtio'/></disk></devices>");
        List<Finding> found = check(StructureRules.IOTHREAD_UNDEFINED, d);
        assertThat(found).extracting(Finding::path).containsExactly("/domain/devices/disk[1]/driver/@iothread",
                "/domain/devices/controller[1]/driver/@iothread");
        assertThat(found.get(0).message()).contains("vda").contains("I/O thread 3");
        assertThat(found.get(1).message()).contains("scsi").contains("I/O thread 2");
    }

    @Test
    void iothreadUndefinedThreadsDeclaredByCountAreClean() {
        Domain d = domain("<iothreads>2</iothreads><cputune><iothreadpin iothread='1' cpuset='1'/>"
                + "<iothreadpin iothread='2' cpuset='1'/></cputune><devices><disk type='file' device='disk'>"
                + "<driver name='qemu' iothread='2'/><target dev='vda' bus='virtio'/></disk></devices>");
        assertThat(check(StructureRules.IOTHREAD_UNDEFINED, d)).isEmpty();
    }

    @Test
    void iothreadUndefinedIdsAndACountTogetherDefineTheLowestUnusedIdsToo() {
        // libvirt fills <iothreads>2</iothreads> with <iothreadids><iothread id='5'/> up to threads 5 and 1
        String body = "<iothreads>2</iothreads><iothreadids><iothread id='5'/></iothreadids><cputune>"
                + "<iothreadpin iothread='1' cpuset='1'/><iothreadpin iothread='5' cpuset='1'/>%s</cputune>";
        assertThat(check(StructureRules.IOTHREAD_UNDEFINED, domain(String.format(body, "")))).isEmpty();
        Finding f = single(check(StructureRules.IOTHREAD_UNDEFINED, domain(String.format(body,
                "<iothreadpin iothread='2' cpuset='1'/>"))), "IOTHREAD_UNDEFINED", Severity.ERROR,
                "/domain/cputune/iothreadpin[@iothread='2']");
        assertThat(f.message()).contains("I/O thread 2");
        Domain idsOnly = domain("<iothreadids><iothread id='4'/></iothreadids><cputune>"
                + "<iothreadpin iothread='4' cpuset='1'/><iothreadpin iothread='1' cpuset='1'/></cputune>");
        single(check(StructureRules.IOTHREAD_UNDEFINED, idsOnly), "IOTHREAD_UNDEFINED", Severity.ERROR,
                "/domain/cputune/iothreadpin[@iothread='1']");
    }

    // DISK_IOTHREAD_BUS

    @Test
    void diskIothreadBusAScsiDiskWithAnIothread() {
        Domain d = domain("<iothreads>1</iothreads><devices><disk type='file' device='disk'>"
                + "<driver name='qemu' iothread='1'/><target dev='sdb' bus='scsi'/></disk></devices>");
        Finding f = single(check(StructureRules.DISK_IOTHREAD_BUS, d), "DISK_IOTHREAD_BUS", Severity.ERROR,
                "/domain/devices/disk[1]/driver/@iothread");
        assertThat(f.message()).contains("sdb").contains("bus scsi");
    }

    @Test
    void diskIothreadBusAVirtioDiskWithAnIothreadIsClean() {
        Domain d = domain("<iothreads>1</iothreads><devices><disk type='file' device='disk'>"
                + "<driver name='qemu' iothread='1'/><target dev='vdb' bus='virtio'/></disk></devices>");
        assertThat(check(StructureRules.DISK_IOTHREAD_BUS, d)).isEmpty();
    }

    @Test
    void diskIothreadBusTakesTheBusLibvirtDerivesFromTheTargetName() {
        String disk = "<iothreads>1</iothreads><devices><disk type='file' device='disk'>"
                + "<driver name='qemu' iothread='1'/><target dev='%s'/></disk></devices>";
        assertThat(check(StructureRules.DISK_IOTHREAD_BUS, domain(String.format(disk, "vda")))).isEmpty();
        Finding f = single(check(StructureRules.DISK_IOTHREAD_BUS, domain(String.format(disk, "hda"))),
                "DISK_IOTHREAD_BUS", Severity.ERROR, "/domain/devices/disk[1]/driver/@iothread");
        assertThat(f.message()).contains("hda").contains("bus ide");
    }

    @Test
    void diskIothreadBusIsAQemuRule() {
        String body = "<iothreads>1</iothreads><devices><disk type='file' device='disk'>"
                + "<driver name='qemu' iothread='1'/><target dev='sda' bus='scsi'/></disk></devices>";
        assertThat(check(StructureRules.DISK_IOTHREAD_BUS, RuleFixtures.typed("xen", body))).isEmpty();
        assertThat(check(StructureRules.DISK_IOTHREAD_BUS, RuleFixtures.typed("qemu", body))).hasSize(1);
    }

    // TOPOLOGY_MISMATCH

    @Test
    void topologyMismatchAProductOtherThanTheVcpus() {
        Domain d = domain("<vcpu>8</vcpu><cpu><topology sockets='1' cores='4' threads='1'/></cpu>");
        Finding f = single(check(StructureRules.TOPOLOGY_MISMATCH, d), "TOPOLOGY_MISMATCH", Severity.ERROR,
                "/domain/cpu/topology");
        assertThat(f.message()).contains("4 CPUs").contains("8 vCPUs");
    }

    @Test
    void topologyMismatchAMatchingProductIsClean() {
        assertThat(check(StructureRules.TOPOLOGY_MISMATCH,
                domain("<vcpu>8</vcpu><cpu><topology sockets='1' dies='2' cores='2' threads='2'/></cpu>"))).isEmpty();
        assertThat(check(StructureRules.TOPOLOGY_MISMATCH, domain("<vcpu>8</vcpu><cpu mode='host-model'/>"))).isEmpty();
    }

    // HUGEPAGE_NODESET

    @Test
    void hugepageNodesetNamingAGuestCellTheDomainLacks() {
        Domain d = domain("<memoryBacking><hugepages><page size='2048' unit='KiB' nodeset='1'/></hugepages>"
                + "</memoryBacking>");
        Finding f = single(check(StructureRules.HUGEPAGE_NODESET, d), "HUGEPAGE_NODESET", Severity.ERROR,
                "/domain/memoryBacking/hugepages/page");
        assertThat(f.message()).contains("guest cell 1").contains("2MiB");
    }

    @Test
    void hugepageNodesetNamingExistingGuestCellsIsClean() {
        assertThat(check(StructureRules.HUGEPAGE_NODESET, domain("<memoryBacking><hugepages>"
                + "<page size='2048' unit='KiB' nodeset='0'/></hugepages></memoryBacking>"))).isEmpty();
        Domain twoCells = domain("<vcpu>2</vcpu>" + cells("<cell id='0' cpus='0' memory='1024'/>",
                "<cell id='1' cpus='1' memory='1024'/>") + "<memoryBacking><hugepages>"
                + "<page size='1' unit='GiB' nodeset='0-1'/><page size='2' unit='MiB'/></hugepages></memoryBacking>");
        assertThat(check(StructureRules.HUGEPAGE_NODESET, twoCells)).isEmpty();
        Domain hostNode = domain("<vcpu>2</vcpu>" + cells("<cell id='0' cpus='0' memory='1024'/>",
                "<cell id='1' cpus='1' memory='1024'/>") + "<memoryBacking><hugepages>"
                + "<page size='1' unit='GiB' nodeset='2'/></hugepages></memoryBacking>");
        Finding f = single(check(StructureRules.HUGEPAGE_NODESET, hostNode), "HUGEPAGE_NODESET", Severity.ERROR,
                "/domain/memoryBacking/hugepages/page");
        assertThat(f.message()).contains("guest cell 2");
        assertThat(f.hint()).contains("[0, 1]");
    }

    // MEMNODE_CELL_MISSING

    @Test
    void memnodeCellMissingAMemnodeOfAnAbsentCell() {
        Domain d = domain(cells("<cell id='0' cpus='0' memory='1024'/>")
                + "<numatune><memnode cellid='1' mode='strict' nodeset='0'/></numatune>");
        Finding f = single(check(StructureRules.MEMNODE_CELL_MISSING, d), "MEMNODE_CELL_MISSING", Severity.ERROR,
                "/domain/numatune/memnode[@cellid='1']");
        assertThat(f.message()).contains("guest cell 1");
    }

    @Test
    void memnodeCellMissingAMemnodeOfAnExistingCellIsClean() {
        Domain d = domain(cells("<cell cpus='0' memory='1024'/>")
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>");
        assertThat(check(StructureRules.MEMNODE_CELL_MISSING, d)).isEmpty();
    }

    @Test
    void memnodeCellMissingAMemnodeWithoutGuestNuma() {
        Domain d = domain("<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>");
        single(check(StructureRules.MEMNODE_CELL_MISSING, d), "MEMNODE_CELL_MISSING", Severity.ERROR,
                "/domain/numatune/memnode[@cellid='0']");
    }

    // DUPLICATE_DISK_TARGET

    static String disk(String dev, String extra) {
        return "<disk type='file' device='disk'><source file='/img/" + dev + extra.length() + "'/><target dev='" + dev
                + "' bus='virtio'/>" + extra + "</disk>";
    }

    @Test
    void duplicateDiskTargetTwoDisksOnOneTarget() {
        Domain d = domain("<devices>" + disk("vda", "") + disk("vda", " ") + "</devices>");
        Finding f = single(check(StructureRules.DUPLICATE_DISK_TARGET, d), "DUPLICATE_DISK_TARGET", Severity.ERROR,
                "/domain/devices/disk[2]/target");
        assertThat(f.message()).contains("vda");
    }

    @Test
    void duplicateDiskTargetDistinctTargetsAreClean() {
        assertThat(check(StructureRules.DUPLICATE_DISK_TARGET, domain("<devices>" + disk("vda", "") + disk("vdb", "")
                + "</devices>"))).isEmpty();
    }

    // DUPLICATE_GUEST_ADDRESS

    static String pciAt(int slot, int function) {
        return "<address type='pci' domain='0x0000' bus='0x00' slot='" + slot + "' function='" + function + "'/>";
    }

    @Test
    void duplicateGuestAddressTwoDevicesInOneSlot() {
        Domain d = domain("<devices>" + disk("vda", pciAt(5, 0)) + "<interface type='network'><source network='n'/>"
                + pciAt(5, 0) + "</interface></devices>");
        Finding f = single(check(StructureRules.DUPLICATE_GUEST_ADDRESS, d), "DUPLICATE_GUEST_ADDRESS",
                Severity.ERROR, "/domain/devices/interface[1]/address");
        assertThat(f.message()).contains("0000:00:05.0").contains("/domain/devices/disk[1]")
                .contains("/domain/devices/interface[1]");
    }

    @Test
    void duplicateGuestAddressNamesBothDevicesByIndex() {
        Domain d = domain("<devices>" + disk("vda", pciAt(5, 0)) + disk("vdb", pciAt(6, 0)) + disk("vdc", pciAt(6, 0))
                + "</devices>");
        Finding f = single(check(StructureRules.DUPLICATE_GUEST_ADDRESS, d), "DUPLICATE_GUEST_ADDRESS",
                Severity.ERROR, "/domain/devices/disk[3]/address");
        assertThat(f.message()).contains("0000:00:06.0").contains("disk[2]").contains("disk[3]");
    }

    @Test
    void duplicateGuestAddressDistinctSlotsOrFunctionsAreClean() {
        Domain d = domain("<devices>" + disk("vda", pciAt(5, 0)) + disk("vdb", pciAt(5, 1))
                + "<interface type='network'><source network='n'/>" + pciAt(6, 0) + "</interface></devices>");
        assertThat(check(StructureRules.DUPLICATE_GUEST_ADDRESS, d)).isEmpty();
    }

    // DUPLICATE_HOSTDEV

    static String hostdev(String bus, String function) {
        return "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='" + bus
                + "' slot='0x00' function='" + function + "'/></source></hostdev>";
    }

    @Test
    void duplicateHostdevOneHostDeviceTwice() {
        Domain d = domain("<devices>" + hostdev("0xaf", "0x0") + hostdev("0x5e", "0x0") + hostdev("0xaf", "0x0")
                + "</devices>");
        Finding f = single(check(StructureRules.DUPLICATE_HOSTDEV, d), "DUPLICATE_HOSTDEV", Severity.ERROR,
                "/domain/devices/hostdev[3]/source");
        assertThat(f.message()).contains("0000:af:00.0").contains("hostdev[1]");
    }

    @Test
    void duplicateHostdevAHostdevAndAVfInterfaceOnOneFunction() {
        Domain d = domain("<devices>" + hostdev("0x3b", "0x1") + "<interface type='hostdev' managed='yes'><source>"
                + "<address type='pci' domain='0x0000' bus='0x3b' slot='0x00' function='0x1'/></source></interface>"
                + "</devices>");
        Finding f = single(check(StructureRules.DUPLICATE_HOSTDEV, d), "DUPLICATE_HOSTDEV", Severity.ERROR,
                "/domain/devices/interface[1]/source");
        assertThat(f.message()).contains("0000:3b:00.1").contains("hostdev[1]");
    }

    @Test
    void duplicateHostdevDistinctFunctionsAreClean() {
        Domain d = domain("<devices>" + hostdev("0xaf", "0x0") + hostdev("0xaf", "0x1") + "</devices>");
        assertThat(check(StructureRules.DUPLICATE_HOSTDEV, d)).isEmpty();
    }

    @Test
    void everyStructureRuleSurvivesABareDomainAndCellsWithoutIds() {
        List<Domain> domains = List.of(domain(""), domain("<vcpu>2</vcpu>" + cells("<cell memory='1024'/>",
                "<cell cpus='0-1' memory='1024'/>")), domain(cells("<cell cpus='0' memory='1'/>")
                + "<numatune><memory nodeset='0'/></numatune><memoryBacking><hugepages/></memoryBacking>"));
        for (Domain d : domains) {
            for (Rule r : StructureRules.ALL) {
                assertThat(check(r, d)).as(r.code()).isEmpty();
            }
        }
    }
}
