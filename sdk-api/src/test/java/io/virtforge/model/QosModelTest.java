package io.virtforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.model.IoTune.Limit;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.value.DataSize;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlModelException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The QoS elements ({@code <blkiotune>}, a disk's {@code <iotune>}, an interface's {@code <bandwidth>},
 * {@code <memtune>}, the bandwidth part of {@code <cputune>}): typed reads of libvirt's own test documents,
 * and builders whose output libvirt's schema accepts and which read back what was set.
 */
class QosModelTest {
    private static final DomainXml XML = DomainXml.defaults();

    private static Domain corpus(String file) {
        return XML.parse(Corpus.read(Corpus.require("libvirt-4.5.0/tests/qemuxml2argvdata/" + file)));
    }

    @Test
    void libvirtsBlkiotuneDocumentReadsTyped() {
        BlkioTune tune = corpus("blkiotune-device.xml").blkiotune().orElseThrow();
        assertThat(tune.weight()).hasValue(800);
        BlkioTune.DeviceTune sda = tune.devices().get(0);
        assertThat(sda.path()).contains("/dev/sda");
        assertThat(sda.weight()).hasValue(400);
        assertThat(sda.readIopsSec()).hasValue(10000);
        assertThat(sda.writeBytesSec()).hasValue(10000);
        assertThat(tune.devices()).hasSize(2);
        assertThat(tune.devices().get(1).path()).contains("/dev/sdb");
    }

    @Test
    void libvirtsIotuneDocumentReadsRatesBurstsAndLengths() {
        List<Disk> disks = corpus("blkdeviotune-max-length.xml").devices().disks();
        IoTune first = disks.get(0).iotune().orElseThrow();
        assertThat(first.rate(Limit.TOTAL_BYTES_SEC)).hasValue(5000);
        assertThat(first.burst(Limit.TOTAL_IOPS_SEC)).hasValue(11000);
        assertThat(first.burstLength(Limit.TOTAL_BYTES_SEC)).hasValue(3);
        assertThat(first.rate(Limit.READ_BYTES_SEC)).isEmpty();
        IoTune second = disks.get(1).iotune().orElseThrow();
        assertThat(second.rate(Limit.WRITE_IOPS_SEC)).hasValue(4000);
        assertThat(second.burst(Limit.WRITE_IOPS_SEC)).hasValue(7500);
        assertThat(second.sizeIopsSec()).hasValue(2000);
    }

    @Test
    void libvirtsBandwidthDocumentReadsBothDirections() {
        NetInterface nic = corpus("net-bandwidth.xml").devices().interfaces().get(0);
        Bandwidth bw = nic.bandwidth().orElseThrow();
        assertThat(bw.inbound().orElseThrow().average()).hasValue(1000);
        assertThat(bw.inbound().orElseThrow().peak()).hasValue(4000);
        assertThat(bw.inbound().orElseThrow().burst()).hasValue(1024);
        assertThat(bw.outbound().orElseThrow().burst()).hasValue(32768);
        assertThat(bw.outbound().orElseThrow().floor()).isEmpty();
    }

    /** A guest carrying every QoS element, from typed parts. */
    static Domain qosGuest() {
        IoTune.Builder io = IoTune.builder().rate(Limit.READ_IOPS_SEC, 500L).rate(Limit.WRITE_IOPS_SEC, 300L)
                .burst(Limit.READ_IOPS_SEC, 2000L).burstLength(Limit.READ_IOPS_SEC, 10L)
                .rate(Limit.TOTAL_BYTES_SEC, 50_000_000L).sizeIopsSec(4096L).groupName("tenant-a");
        Bandwidth.Limit in = Bandwidth.Limit.builder().average(125_000L).peak(250_000L).burst(1024L)
                .floor(1000L).build();
        Bandwidth.Limit out = Bandwidth.Limit.builder().average(62_500L).build();
        return ModelBuildersTest.passthroughGuest().toBuilder()
                .blkiotune(BlkioTune.builder().weight(500).devices(List.of(BlkioTune.DeviceTune.builder("/dev/sda")
                        .weight(300L).readIopsSec(1000L).writeBytesSec(10_485_760L).build())).build())
                .memtune(MemTune.builder().hardLimit(DataSize.gib(5)).softLimit(DataSize.gib(4))
                        .swapHardLimit(DataSize.gib(6)).minGuarantee(DataSize.gib(1)).build())
                .vcpu(Vcpu.of(2, PlacementMode.STATIC, null, null))
                .cputune(CpuTune.builder().shares(2048L).period(100_000L).quota(50_000L).globalPeriod(100_000L)
                        .globalQuota(80_000L).iothreadPeriod(100_000L).iothreadQuota(-1L).build())
                .devices(Devices.builder()
                        .add(Disk.builder(DiskType.BLOCK, DiskDevice.DISK)
                                .driver(DiskDriver.builder("raw").cache(CacheMode.NONE).build())
                                .source(DiskSource.block("/dev/sda")).target("vda", DiskBus.VIRTIO)
                                .iotune(io.build()).build())
                        .add(NetInterface.network("default").model("virtio")
                                .bandwidth(Bandwidth.of(in, out)).build())
                        .build())
                .build();
    }

    @Test
    void aGuestWithEveryQosElementIsValidForLibvirt() {
        assertThat(LibvirtSchema.errors("domain", XML.write(qosGuest()))).isEmpty();
    }

    @Test
    void builtQosElementsReadBackAfterTheRoundTrip() {
        Domain d = XML.parse(XML.write(qosGuest()));
        assertThat(d).isEqualTo(qosGuest());
        IoTune io = d.devices().disks().get(0).iotune().orElseThrow();
        assertThat(io.rate(Limit.READ_IOPS_SEC)).hasValue(500);
        assertThat(io.burst(Limit.READ_IOPS_SEC)).hasValue(2000);
        assertThat(io.burstLength(Limit.READ_IOPS_SEC)).hasValue(10);
        assertThat(io.groupName()).contains("tenant-a");
        assertThat(io.burst(Limit.WRITE_IOPS_SEC)).isEqualTo(OptionalLong.empty());
        Bandwidth bw = d.devices().interfaces().get(0).bandwidth().orElseThrow();
        assertThat(bw.inbound().orElseThrow().floor()).hasValue(1000);
        assertThat(bw.outbound().orElseThrow().average()).hasValue(62_500);
        assertThat(bw.outbound().orElseThrow().xml().name()).isEqualTo("outbound");
        assertThat(d.blkiotune().orElseThrow().devices().get(0).writeBytesSec()).hasValue(10_485_760);
        assertThat(d.memtune().orElseThrow().swapHardLimit()).contains(DataSize.gib(6));
        assertThat(d.cputune().orElseThrow().iothreadQuota()).contains(-1L);
        assertThat(d.cputune().orElseThrow().globalQuota()).contains(80_000L);
    }

    @Test
    void iotuneElementsAreWrittenInLibvirtsOrder() {
        IoTune io = IoTune.builder().groupName("g").burstLength(Limit.TOTAL_BYTES_SEC, 3L)
                .burst(Limit.TOTAL_BYTES_SEC, 10L).rate(Limit.TOTAL_BYTES_SEC, 5L).build();
        assertThat(io.xml().elements()).extracting(e -> e.name()).containsExactly("total_bytes_sec",
                "total_bytes_sec_max", "group_name", "total_bytes_sec_max_length");
    }

    @Test
    void editsKeepUntypedPartsAndRemoveWithNull() {
        IoTune tune = IoTune.builder().rate(Limit.TOTAL_IOPS_SEC, 100L)
                .rawElement(XmlElement.builder("future_knob").text("1").build()).build();
        IoTune edited = tune.toBuilder().rate(Limit.TOTAL_IOPS_SEC, null).rate(Limit.READ_IOPS_SEC, 7L).build();
        assertThat(edited.rate(Limit.TOTAL_IOPS_SEC)).isEmpty();
        assertThat(edited.rate(Limit.READ_IOPS_SEC)).hasValue(7);
        assertThat(edited.xml().element("future_knob")).isPresent();
        assertThat(IoTune.builder().build().isEmpty()).isTrue();
        assertThat(edited.isEmpty()).isFalse();
    }

    @Test
    void negativeLimitsAreRefusedWithThePath() {
        assertThatThrownBy(() -> IoTune.builder().rate(Limit.READ_BYTES_SEC, -1L).build())
                .isInstanceOf(XmlModelException.class).hasMessageContaining("read_bytes_sec");
        assertThatThrownBy(() -> Bandwidth.Limit.builder().peak(-5L).build())
                .isInstanceOf(XmlModelException.class).hasMessageContaining("peak");
    }
}
