package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.pins;
import static io.virtforge.check.RuleFixtures.single;
import static io.virtforge.check.RuleFixtures.typed;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production tuning checklist of the LATENCY_SENSITIVE profile. */
class ChecklistRulesTest {
    private static final String HUGE = "<memoryBacking><hugepages/></memoryBacking>";

    // NO_PINNING

    @Test
    void noPinningUnpinnedVcpus() {
        Domain d = domain("<vcpu>3</vcpu><cputune>" + pins(4) + "</cputune>");
        Finding f = single(check(ChecklistRules.NO_PINNING, d), "NO_PINNING", Severity.WARNING, "/domain/cputune");
        assertThat(f.message()).contains("vCPUs 1-2");
    }

    @Test
    void noPinningEveryVcpuPinnedOrConfinedIsClean() {
        assertThat(check(ChecklistRules.NO_PINNING, domain("<vcpu>2</vcpu><cputune>" + pins(4, 5) + "</cputune>")))
                .isEmpty();
        assertThat(check(ChecklistRules.NO_PINNING, domain("<vcpu cpuset='4-5'>2</vcpu>"))).isEmpty();
    }

    @Test
    void noPinningWithoutVcpuElementMeansOneVcpu() {
        single(check(ChecklistRules.NO_PINNING, domain("")), "NO_PINNING", Severity.WARNING, "/domain/cputune");
        assertThat(check(ChecklistRules.NO_PINNING, domain("<cputune>" + pins(4) + "</cputune>"))).isEmpty();
    }

    // EMULATOR_NOT_ISOLATED

    @Test
    void emulatorNotIsolatedWithoutEmulatorpin() {
        Finding f = single(check(ChecklistRules.EMULATOR_NOT_ISOLATED, domain("<vcpu>2</vcpu><cputune>" + pins(4, 5)
                + "</cputune>")), "EMULATOR_NOT_ISOLATED", Severity.WARNING, "/domain/cputune");
        assertThat(f.message()).contains("not pinned");
    }

    @Test
    void emulatorNotIsolatedSharingTheVcpusCpus() {
        Finding f = single(check(ChecklistRules.EMULATOR_NOT_ISOLATED, domain("<vcpu>2</vcpu><cputune>" + pins(4, 5)
                + "<emulatorpin cpuset='0,5'/></cputune>")), "EMULATOR_NOT_ISOLATED", Severity.WARNING,
                "/domain/cputune/emulatorpin");
        assertThat(f.message()).contains("5");
    }

    @Test
    void emulatorNotIsolatedOnHousekeepingCpusIsClean() {
        assertThat(check(ChecklistRules.EMULATOR_NOT_ISOLATED, domain("<vcpu>2</vcpu><cputune>" + pins(4, 5)
                + "<emulatorpin cpuset='0-1'/></cputune>"))).isEmpty();
    }

    // CPU_MODE

    @Test
    void cpuModeCustomOrUnset() {
        Finding custom = single(check(ChecklistRules.CPU_MODE, domain("<cpu mode='custom'><model>Skylake-Server</model>"
                + "</cpu>")), "CPU_MODE", Severity.WARNING, "/domain/cpu");
        assertThat(custom.message()).contains("custom");
        Finding unset = single(check(ChecklistRules.CPU_MODE, domain("")), "CPU_MODE", Severity.WARNING, "/domain/cpu");
        assertThat(unset.message()).contains("unset");
    }

    @Test
    void cpuModeHostPassthroughOrHostModelIsClean() {
        assertThat(check(ChecklistRules.CPU_MODE, domain("<cpu mode='host-passthrough'/>"))).isEmpty();
        assertThat(check(ChecklistRules.CPU_MODE, domain("<cpu mode='host-model'/>"))).isEmpty();
    }

    // NO_HUGEPAGES

    @Test
    void noHugepagesBasePageMemory() {
        single(check(ChecklistRules.NO_HUGEPAGES, domain("<memoryBacking><locked/></memoryBacking>")), "NO_HUGEPAGES",
                Severity.WARNING, "/domain/memoryBacking");
        single(check(ChecklistRules.NO_HUGEPAGES, domain("")), "NO_HUGEPAGES", Severity.WARNING, "/domain/memoryBacking");
    }

    @Test
    void noHugepagesHugePageBackedIsClean() {
        assertThat(check(ChecklistRules.NO_HUGEPAGES, domain(HUGE))).isEmpty();
    }

    // MEMORY_NOT_LOCKED

    @Test
    void memoryNotLockedWithoutLocked() {
        Finding f = single(check(ChecklistRules.MEMORY_NOT_LOCKED, domain(HUGE)), "MEMORY_NOT_LOCKED", Severity.WARNING,
                "/domain/memoryBacking");
        assertThat(f.message()).contains("not locked");
    }

    @Test
    void memoryNotLockedLockedIsClean() {
        assertThat(check(ChecklistRules.MEMORY_NOT_LOCKED, domain("<memoryBacking><hugepages/><locked/></memoryBacking>")))
                .isEmpty();
    }

    // BALLOON_WITH_HUGEPAGES

    @Test
    void balloonWithHugepagesAnExplicitVirtioBalloon() {
        Finding f = single(check(ChecklistRules.BALLOON_WITH_HUGEPAGES, domain(HUGE
                + "<devices><memballoon model='virtio'/></devices>")), "BALLOON_WITH_HUGEPAGES", Severity.WARNING,
                "/domain/devices/memballoon");
        assertThat(f.message()).contains("virtio");
    }

    @Test
    void balloonWithHugepagesNoMemballoonOnAQemuDomain() {
        Finding f = single(check(ChecklistRules.BALLOON_WITH_HUGEPAGES, domain(HUGE)), "BALLOON_WITH_HUGEPAGES",
                Severity.WARNING, "/domain/devices/memballoon");
        assertThat(f.message()).contains("no <memballoon>").contains("virtio");
        assertThat(check(ChecklistRules.BALLOON_WITH_HUGEPAGES, typed("qemu", HUGE))).hasSize(1);
    }

    @Test
    void balloonWithHugepagesNoneOrNoHugePagesOrNoQemuIsClean() {
        assertThat(check(ChecklistRules.BALLOON_WITH_HUGEPAGES, domain(HUGE
                + "<devices><memballoon model='none'/></devices>"))).isEmpty();
        assertThat(check(ChecklistRules.BALLOON_WITH_HUGEPAGES, domain("<devices><memballoon model='virtio'/>"
                + "</devices>"))).isEmpty();
        assertThat(check(ChecklistRules.BALLOON_WITH_HUGEPAGES, typed("xen", HUGE))).isEmpty();
    }

    // DISK_CACHE

    static String disk(String driver, String target) {
        return "<devices><disk type='file' device='disk'><driver name='qemu' type='raw' " + driver
                + "/><source file='/img/a'/>" + target + "</disk></devices>";
    }

    @Test
    void diskCacheNotNoneOrNotNative() {
        Finding f = single(check(ChecklistRules.DISK_CACHE, domain(disk("cache='writeback' io='threads'",
                "<target dev='vda' bus='virtio'/>"))), "DISK_CACHE", Severity.WARNING, "/domain/devices/disk[1]/driver");
        assertThat(f.message()).contains("vda").contains("writeback").contains("threads");
        Finding dflt = single(check(ChecklistRules.DISK_CACHE, domain(disk("", "<target dev='vda' bus='virtio'/>"))),
                "DISK_CACHE", Severity.WARNING, "/domain/devices/disk[1]/driver");
        assertThat(dflt.message()).contains("cache default").contains("io default");
    }

    @Test
    void diskCacheNoneNativeOrNotADataDiskIsClean() {
        assertThat(check(ChecklistRules.DISK_CACHE, domain(disk("cache='none' io='native'",
                "<target dev='vda' bus='virtio'/>")))).isEmpty();
        assertThat(check(ChecklistRules.DISK_CACHE, domain("<devices><disk type='file' device='cdrom'>"
                + "<source file='/img/a.iso'/><target dev='sda' bus='sata'/><readonly/></disk></devices>"))).isEmpty();
        assertThat(check(ChecklistRules.DISK_CACHE, domain(disk("", "<target dev='vda' bus='virtio'/><readonly/>"))))
                .isEmpty();
    }

    // NO_DISCARD

    @Test
    void noDiscardWithoutUnmap() {
        Finding f = single(check(ChecklistRules.NO_DISCARD, domain(disk("discard='ignore'",
                "<target dev='vdb' bus='virtio'/>"))), "NO_DISCARD", Severity.WARNING, "/domain/devices/disk[1]/driver");
        assertThat(f.message()).contains("vdb");
    }

    @Test
    void noDiscardUnmapIsClean() {
        assertThat(check(ChecklistRules.NO_DISCARD, domain(disk("discard='unmap'", "<target dev='vdb' bus='virtio'/>"))))
                .isEmpty();
    }

    // NO_IOTHREAD

    @Test
    void noIothreadAVirtioScsiControllerWithout() {
        Domain d = domain("<devices><controller type='usb' index='0'/><controller type='scsi' index='0' "
                + "model='virtio-scsi'/></devices>");
        Finding f = single(check(ChecklistRules.NO_IOTHREAD, d), "NO_IOTHREAD", Severity.WARNING,
                "/domain/devices/controller[2]");
        assertThat(f.message()).contains("virtio-scsi");
    }

    @Test
    void noIothreadAVirtioDiskWithout() {
        Finding f = single(check(ChecklistRules.NO_IOTHREAD, domain(disk("", "<target dev='vdc' bus='virtio'/>"))),
                "NO_IOTHREAD", Severity.WARNING, "/domain/devices/disk[1]/driver");
        assertThat(f.message()).contains("vdc");
        single(check(ChecklistRules.NO_IOTHREAD, domain(disk("", "<target dev='vdc'/>"))), "NO_IOTHREAD",
                Severity.WARNING, "/domain/devices/disk[1]/driver");
    }

    @Test
    void noIothreadWithIothreadsOrOnOtherBusesIsClean() {
        assertThat(check(ChecklistRules.NO_IOTHREAD, domain("<iothreads>1</iothreads><devices><controller type='scsi' "
                + "index='0' model='virtio-scsi'><driver iothread='1'/></controller></devices>"))).isEmpty();
        assertThat(check(ChecklistRules.NO_IOTHREAD, domain("<iothreads>1</iothreads>"
                + disk("iothread='1'", "<target dev='vdc' bus='virtio'/>")))).isEmpty();
        assertThat(check(ChecklistRules.NO_IOTHREAD, domain(disk("", "<target dev='sda' bus='scsi'/>")))).isEmpty();
        assertThat(check(ChecklistRules.NO_IOTHREAD, domain("<devices><controller type='scsi' index='0' "
                + "model='lsilogic'/></devices>"))).isEmpty();
    }

    // NET_NO_VHOST

    static String nic(String model, String driver) {
        return "<devices><interface type='network'><source network='default'/>" + model + driver
                + "</interface></devices>";
    }

    @Test
    void netNoVhostAVirtioNicWithoutVhost() {
        Finding f = single(check(ChecklistRules.NET_NO_VHOST, domain(nic("<model type='virtio'/>", ""))),
                "NET_NO_VHOST", Severity.WARNING, "/domain/devices/interface[1]/driver");
        assertThat(f.message()).contains("unset");
        Finding qemu = single(check(ChecklistRules.NET_NO_VHOST, domain(nic("<model type='virtio'/>",
                "<driver name='qemu'/>"))), "NET_NO_VHOST", Severity.WARNING, "/domain/devices/interface[1]/driver");
        assertThat(qemu.message()).contains("qemu");
    }

    @Test
    void netNoVhostVhostOrNotVirtioIsClean() {
        assertThat(check(ChecklistRules.NET_NO_VHOST, domain(nic("<model type='virtio'/>", "<driver name='vhost'/>"))))
                .isEmpty();
        assertThat(check(ChecklistRules.NET_NO_VHOST, domain(nic("<model type='e1000'/>", "")))).isEmpty();
        assertThat(check(ChecklistRules.NET_NO_VHOST, domain("<devices><interface type='vhostuser'>"
                + "<source type='unix' path='/run/vhu.sock' mode='client'/><model type='virtio'/></interface>"
                + "</devices>"))).isEmpty();
    }

    // NET_QUEUES

    @Test
    void netQueuesFewerQueuesThanVcpus() {
        Finding f = single(check(ChecklistRules.NET_QUEUES, domain("<vcpu>4</vcpu>" + nic("<model type='virtio'/>",
                "<driver name='vhost' queues='2'/>"))), "NET_QUEUES", Severity.WARNING,
                "/domain/devices/interface[1]/driver");
        assertThat(f.message()).contains("2 queue(s)").contains("4 vCPUs");
        assertThat(f.hint()).contains("queues='4'");
        Finding none = single(check(ChecklistRules.NET_QUEUES, domain("<vcpu>4</vcpu>" + nic("<model type='virtio'/>",
                "<driver name='vhost'/>"))), "NET_QUEUES", Severity.WARNING, "/domain/devices/interface[1]/driver");
        assertThat(none.message()).contains("1 queue(s)");
    }

    @Test
    void netQueuesOneQueuePerVcpuIsClean() {
        assertThat(check(ChecklistRules.NET_QUEUES, domain("<vcpu>4</vcpu>" + nic("<model type='virtio'/>",
                "<driver name='vhost' queues='4'/>")))).isEmpty();
        assertThat(check(ChecklistRules.NET_QUEUES, domain(nic("<model type='virtio'/>", "<driver name='vhost'/>"))))
                .as("one vCPU, one queue").isEmpty();
        assertThat(check(ChecklistRules.NET_QUEUES, domain("<vcpu>4</vcpu>" + nic("<model type='e1000'/>", ""))))
                .isEmpty();
    }

    // GUEST_CELL_SPANS_NODES

    @Test
    void guestCellSpansNodesACellBoundToTwoNodes() {
        Domain d = domain("<vcpu>2</vcpu><cpu><numa><cell id='0' cpus='0-1' memory='1024'/></numa></cpu>"
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0-1'/></numatune>");
        Finding f = single(check(ChecklistRules.GUEST_CELL_SPANS_NODES, d), "GUEST_CELL_SPANS_NODES", Severity.WARNING,
                "/domain/cpu/numa/cell[@id='0']");
        assertThat(f.message()).contains("guest cell 0").contains("0-1");
    }

    @Test
    void guestCellSpansNodesWithoutGuestNumaPointsAtNumatune() {
        single(check(ChecklistRules.GUEST_CELL_SPANS_NODES, domain("<numatune><memory mode='strict' nodeset='0,2'/>"
                + "</numatune>")), "GUEST_CELL_SPANS_NODES", Severity.WARNING, "/domain/numatune/memory");
    }

    @Test
    void guestCellSpansNodesOneNodePerCellIsClean() {
        Domain d = domain("<vcpu>2</vcpu><cpu><numa><cell id='0' cpus='0' memory='1024'/><cell id='1' cpus='1' "
                + "memory='1024'/></numa></cpu><numatune><memory mode='strict' nodeset='0-1'/>"
                + "<memnode cellid='0' mode='strict' nodeset='0'/><memnode cellid='1' mode='strict' nodeset='1'/>"
                + "</numatune>");
        assertThat(check(ChecklistRules.GUEST_CELL_SPANS_NODES, d)).isEmpty();
    }

    @Test
    void aFullyTunedDomainPassesTheWholeChecklist() {
        Domain d = domain("<memory unit='GiB'>4</memory><vcpu>2</vcpu><iothreads>1</iothreads>"
                + "<memoryBacking><hugepages/><locked/></memoryBacking>"
                + "<cpu mode='host-passthrough'><numa><cell id='0' cpus='0-1' memory='4' unit='GiB'/></numa></cpu>"
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>"
                + "<cputune>" + pins(2, 3) + "<emulatorpin cpuset='0-1'/><iothreadpin iothread='1' cpuset='0-1'/>"
                + "</cputune><devices>"
                + "<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none' io='native' "
                + "discard='unmap' iothread='1'/><source file='/img/a'/><target dev='vda' bus='virtio'/></disk>"
                + "<interface type='network'><source network='default'/><model type='virtio'/>"
                + "<driver name='vhost' queues='2'/></interface><memballoon model='none'/></devices>");
        List<Finding> found = ChecklistRules.ALL.stream().flatMap(r -> check(r, d).stream()).toList();
        assertThat(found).isEmpty();
    }
}
