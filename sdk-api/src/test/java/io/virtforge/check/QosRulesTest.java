package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import org.junit.jupiter.api.Test;

/** The QoS rules, each with a document that trips it and one that does not. */
class QosRulesTest {
    private static final String DISK_IOTUNE = "/domain/devices/disk[1]/iotune";

    static Domain disk(String cache, String iotune) {
        return domain("<devices><disk type='block' device='disk'><driver name='qemu' type='raw'"
                + (cache == null ? "" : " cache='" + cache + "'") + "/><source dev='/dev/sdb'/>"
                + "<target dev='vda' bus='virtio'/>" + iotune + "</disk></devices>");
    }

    static Domain nic(String type, String bandwidth) {
        String source = type.equals("network") ? "<source network='default'/>" : "<source bridge='br0'/>";
        return domain("<devices><interface type='" + type + "'>" + source + "<bandwidth>" + bandwidth
                + "</bandwidth></interface></devices>");
    }

    // IOTUNE_TOTAL_WITH_SPLIT

    @Test
    void totalWithSplitTotalAndReadBytesTogether() {
        Domain d = disk("none", "<iotune><total_bytes_sec>10</total_bytes_sec><read_bytes_sec>5</read_bytes_sec></iotune>");
        Finding f = single(check(QosRules.IOTUNE_TOTAL_WITH_SPLIT, d), "IOTUNE_TOTAL_WITH_SPLIT", Severity.ERROR,
                DISK_IOTUNE);
        assertThat(f.message()).contains("vda").contains("total_bytes_sec").contains("read_bytes_sec");
    }

    @Test
    void totalWithSplitBurstsTooButNotBytesWithIops() {
        Domain d = disk("none", "<iotune><total_iops_sec_max>10</total_iops_sec_max>"
                + "<write_iops_sec_max>5</write_iops_sec_max></iotune>");
        assertThat(single(check(QosRules.IOTUNE_TOTAL_WITH_SPLIT, d), "IOTUNE_TOTAL_WITH_SPLIT", Severity.ERROR,
                DISK_IOTUNE).message()).contains("total_iops_sec_max");
        Domain clean = disk("none", "<iotune><total_bytes_sec>10</total_bytes_sec><read_iops_sec>5</read_iops_sec>"
                + "</iotune>");
        assertThat(check(QosRules.IOTUNE_TOTAL_WITH_SPLIT, clean)).isEmpty();
    }

    // IOTUNE_BURST

    @Test
    void burstBelowItsRate() {
        Domain d = disk("none", "<iotune><read_iops_sec>500</read_iops_sec><read_iops_sec_max>100</read_iops_sec_max>"
                + "</iotune>");
        Finding f = single(check(QosRules.IOTUNE_BURST, d), "IOTUNE_BURST", Severity.ERROR, DISK_IOTUNE);
        assertThat(f.message()).contains("read_iops_sec_max (100)").contains("(500)");
        assertThat(f.hint()).contains("500");
    }

    @Test
    void burstWithoutRateAndLengthWithoutBurst() {
        Domain d = disk("none", "<iotune><write_bytes_sec_max>100</write_bytes_sec_max>"
                + "<total_iops_sec>5</total_iops_sec><total_iops_sec_max_length>3</total_iops_sec_max_length></iotune>");
        assertThat(check(QosRules.IOTUNE_BURST, d)).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("write_bytes_sec_max without write_bytes_sec"),
                m -> assertThat(m).contains("total_iops_sec_max_length without total_iops_sec_max"));
    }

    @Test
    void burstAboveRateWithLengthIsClean() {
        Domain d = disk("none", "<iotune><read_iops_sec>500</read_iops_sec><read_iops_sec_max>2000</read_iops_sec_max>"
                + "<read_iops_sec_max_length>10</read_iops_sec_max_length></iotune>");
        assertThat(check(QosRules.IOTUNE_BURST, d)).isEmpty();
    }

    // BLKIO_HOST_CACHE

    static Domain blkio(String cache) {
        return domain("<blkiotune><device><path>/dev/sdb</path><read_iops_sec>100</read_iops_sec></device></blkiotune>"
                + disk(cache, "").xml().element("devices").orElseThrow());
    }

    @Test
    void blkioHostCacheADeviceLimitOnADiskThroughThePageCache() {
        Finding f = single(check(QosRules.BLKIO_HOST_CACHE, blkio("writeback")), "BLKIO_HOST_CACHE", Severity.WARNING,
                "/domain/devices/disk[1]/driver");
        assertThat(f.message()).contains("writeback");
        single(check(QosRules.BLKIO_HOST_CACHE, blkio(null)), "BLKIO_HOST_CACHE", Severity.WARNING,
                "/domain/devices/disk[1]/driver");
    }

    @Test
    void blkioHostCacheDirectIoAndWeightsOnlyAreClean() {
        assertThat(check(QosRules.BLKIO_HOST_CACHE, blkio("none"))).isEmpty();
        assertThat(check(QosRules.BLKIO_HOST_CACHE, blkio("directsync"))).isEmpty();
        Domain weightOnly = domain("<blkiotune><device><path>/dev/sdb</path><weight>500</weight></device></blkiotune>"
                + disk("writeback", "").xml().element("devices").orElseThrow());
        assertThat(check(QosRules.BLKIO_HOST_CACHE, weightOnly)).isEmpty();
    }

    // BANDWIDTH_RATES

    @Test
    void bandwidthRatesWithoutAverageAndFloorOnOutbound() {
        Domain d = nic("network", "<inbound peak='100'/><outbound average='10' floor='5'/>");
        assertThat(check(QosRules.BANDWIDTH_RATES, d)).extracting(Finding::path, Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/domain/devices/interface[1]/bandwidth/inbound",
                                Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple("/domain/devices/interface[1]/bandwidth/outbound",
                                Severity.ERROR));
    }

    @Test
    void bandwidthRatesPeakBelowAverageIsAWarning() {
        Domain d = nic("network", "<inbound average='1000' peak='500'/>");
        single(check(QosRules.BANDWIDTH_RATES, d), "BANDWIDTH_RATES", Severity.WARNING,
                "/domain/devices/interface[1]/bandwidth/inbound");
        assertThat(check(QosRules.BANDWIDTH_RATES, nic("network", "<inbound floor='200'/>"))).isEmpty();
        assertThat(check(QosRules.BANDWIDTH_RATES, nic("bridge", "<inbound average='1000' peak='2000' burst='64'/>")))
                .isEmpty();
    }

    // BANDWIDTH_FLOOR

    @Test
    void bandwidthFloorOnlyOnLibvirtNetworks() {
        Finding f = single(check(QosRules.BANDWIDTH_FLOOR, nic("bridge", "<inbound average='100' floor='50'/>")),
                "BANDWIDTH_FLOOR", Severity.ERROR, "/domain/devices/interface[1]/bandwidth/inbound");
        assertThat(f.message()).contains("bridge");
        assertThat(check(QosRules.BANDWIDTH_FLOOR, nic("network", "<inbound average='100' floor='50'/>"))).isEmpty();
    }

    // CPU_BANDWIDTH_RANGE

    @Test
    void cpuBandwidthRangeQuotaBelowLibvirtsMinimumAndPeriodAboveItsMaximum() {
        Domain d = domain("<cputune><period>2000000</period><quota>500</quota></cputune>");
        assertThat(check(QosRules.CPU_BANDWIDTH_RANGE, d)).extracting(Finding::path).containsExactlyInAnyOrder(
                "/domain/cputune/period", "/domain/cputune/quota");
        Domain emulator = domain("<cputune><emulator_period>999</emulator_period></cputune>");
        single(check(QosRules.CPU_BANDWIDTH_RANGE, emulator), "CPU_BANDWIDTH_RANGE", Severity.ERROR,
                "/domain/cputune/emulator_period");
    }

    @Test
    void cpuBandwidthRangeUnlimitedAndBoundsAreClean() {
        Domain d = domain("<cputune><period>1000</period><quota>-1</quota><global_period>1000000</global_period>"
                + "<global_quota>1000</global_quota><iothread_quota>17592186044415</iothread_quota></cputune>");
        assertThat(check(QosRules.CPU_BANDWIDTH_RANGE, d)).isEmpty();
        assertThat(check(QosRules.CPU_BANDWIDTH_RANGE,
                domain("<cputune><iothread_quota>17592186044416</iothread_quota></cputune>"))).hasSize(1);
    }

    // MEMTUNE_LIMITS

    @Test
    void memtuneLimitsHardBelowMemory() {
        Domain d = domain("<memory unit='GiB'>4</memory><memtune><hard_limit unit='GiB'>2</hard_limit></memtune>");
        Finding f = single(check(QosRules.MEMTUNE_LIMITS, d), "MEMTUNE_LIMITS", Severity.ERROR,
                "/domain/memtune/hard_limit");
        assertThat(f.message()).contains("2GiB").contains("4GiB");
    }

    @Test
    void memtuneLimitsSwapBelowHardAndSoftAboveHard() {
        Domain d = domain("<memory unit='GiB'>1</memory><memtune><hard_limit unit='GiB'>4</hard_limit>"
                + "<soft_limit unit='GiB'>5</soft_limit><swap_hard_limit unit='GiB'>3</swap_hard_limit></memtune>");
        assertThat(check(QosRules.MEMTUNE_LIMITS, d)).extracting(Finding::path, Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/domain/memtune/swap_hard_limit", Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple("/domain/memtune/soft_limit", Severity.WARNING));
        Domain clean = domain("<memory unit='GiB'>1</memory><memtune><hard_limit unit='GiB'>2</hard_limit>"
                + "<soft_limit unit='GiB'>1</soft_limit><swap_hard_limit unit='GiB'>3</swap_hard_limit></memtune>");
        assertThat(check(QosRules.MEMTUNE_LIMITS, clean)).isEmpty();
    }

    // MEMORY_LOCKED_LIMIT

    @Test
    void memoryLockedWithoutHardLimitIsLeftAlone() {
        Domain d = domain("<memory unit='GiB'>1</memory><memoryBacking><locked/></memoryBacking>");
        assertThat(check(QosRules.MEMORY_LOCKED_LIMIT, d)).isEmpty();
    }

    @Test
    void memoryLockedWithAHardLimitBelowMemoryIsAnError() {
        Domain d = domain("<memory unit='GiB'>4</memory><memtune><hard_limit unit='GiB'>2</hard_limit></memtune>"
                + "<memoryBacking><locked/></memoryBacking>");
        single(check(QosRules.MEMORY_LOCKED_LIMIT, d), "MEMORY_LOCKED_LIMIT", Severity.ERROR,
                "/domain/memtune/hard_limit");
        assertThat(check(QosRules.MEMTUNE_LIMITS, d)).as("reported once, as the lock's").isEmpty();
        Domain covered = domain("<memory unit='GiB'>4</memory><memtune><hard_limit unit='GiB'>5</hard_limit>"
                + "</memtune><memoryBacking><locked/></memoryBacking>");
        assertThat(check(QosRules.MEMORY_LOCKED_LIMIT, covered)).isEmpty();
        assertThat(check(QosRules.MEMORY_LOCKED_LIMIT, domain("<memory unit='GiB'>4</memory>"))).isEmpty();
    }
}
