package io.virtforge.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.BlkioTune;
import io.virtforge.model.Disk;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.model.NetInterface;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.value.DataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder's QoS setters: a flavour's limits end up where libvirt reads them, valid for its schema. */
class QosBuilderTest {
    static Domain flavour() {
        return DomainBuilder.named("flavour-m1").memory(DataSize.gib(4)).vcpus(2)
                .cpuShares(512).cpuQuota(100_000, 50_000)
                .memtune(MemTune.builder().hardLimit(DataSize.gib(5)).build())
                .blkiotune(BlkioTune.builder().weight(300).devices(List.of()).build())
                .disk(d -> d.file("/var/lib/libvirt/images/m1.qcow2").limit(Limit.READ_IOPS_SEC, 500)
                        .limit(Limit.WRITE_IOPS_SEC, 250).burst(Limit.READ_IOPS_SEC, 2000, 30))
                .nic(n -> n.network("default").inbound(125_000, 250_000L, 1024L).outbound(62_500, null, null))
                .build();
    }

    @Test
    void aFlavoursLimitsLandInTheDomain() {
        Domain d = flavour();
        assertThat(d.cputune().orElseThrow().shares()).hasValue(512);
        assertThat(d.cputune().orElseThrow().period()).hasValue(100_000);
        assertThat(d.cputune().orElseThrow().quota()).contains(50_000L);
        assertThat(d.memtune().orElseThrow().hardLimit()).contains(DataSize.gib(5));
        assertThat(d.blkiotune().orElseThrow().weight()).hasValue(300);
        Disk disk = d.devices().disks().get(0);
        assertThat(disk.iotune().orElseThrow().rate(Limit.READ_IOPS_SEC)).hasValue(500);
        assertThat(disk.iotune().orElseThrow().rate(Limit.WRITE_IOPS_SEC)).hasValue(250);
        assertThat(disk.iotune().orElseThrow().burst(Limit.READ_IOPS_SEC)).hasValue(2000);
        assertThat(disk.iotune().orElseThrow().burstLength(Limit.READ_IOPS_SEC)).hasValue(30);
        NetInterface nic = d.devices().interfaces().get(0);
        assertThat(nic.bandwidth().orElseThrow().inbound().orElseThrow().peak()).hasValue(250_000);
        assertThat(nic.bandwidth().orElseThrow().outbound().orElseThrow().average()).hasValue(62_500);
        assertThat(nic.bandwidth().orElseThrow().outbound().orElseThrow().peak()).isEmpty();
    }

    @Test
    void theFlavourIsValidForLibvirtsSchema() {
        assertThat(LibvirtSchema.errors("domain", DomainXml.defaults().write(flavour()))).isEmpty();
    }

    @Test
    void editingADomainKeepsItsOtherTuning() {
        Domain edited = DomainBuilder.from(flavour()).cpuShares(2048).build();
        assertThat(edited.cputune().orElseThrow().shares()).hasValue(2048);
        assertThat(edited.cputune().orElseThrow().quota()).contains(50_000L);
        assertThat(edited.devices().disks().get(0).iotune()).isPresent();
    }
}
