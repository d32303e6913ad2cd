package io.virtforge.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.plan.CpuPolicy;
import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.PagePolicy;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MigrationPlannerTest {
    private static final UUID SOURCE_UUID = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID DEST_UUID = UUID.fromString("66666666-7777-8888-9999-000000000000");

    /** A pinned guest as libvirt writes it, with comments and parts the SDK does not type. */
    private static final String SOURCE = """
            <!-- kept -->
            <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
              <name>vm</name>
              <memory unit='KiB'>4194304</memory>
              <memoryBacking>
                <hugepages>
                  <page size='2048' unit='KiB'/>
                </hugepages>
              </memoryBacking>
              <vcpu placement='static' cpuset='0-3'>4</vcpu>
              <iothreads>1</iothreads>
              <cputune>
                <shares>2048</shares>
                <vcpupin vcpu='0' cpuset='0'/>
                <vcpupin   vcpu='1'  cpuset='1' />
                <vcpupin vcpu='2' cpuset='2'/><!-- cell 1 -->
                <vcpupin vcpu='3' cpuset='3'/>
                <emulatorpin cpuset='0-3'/>
                <iothreadpin iothread='1' cpuset='0-3'/>
              </cputune>
              <numatune>
                <memory mode='strict' nodeset='0-1'/>
                <memnode cellid='0' mode='strict' nodeset='0'/>
                <memnode cellid='1' mode='strict' nodeset='1'/>
              </numatune>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <cpu mode='custom'>
                <model>qemu64</model>
                <numa>
                  <cell id='0' cpus='0-1' memory='2097152' unit='KiB'/>
                  <cell id='1' cpus='2-3' memory='2097152' unit='KiB'/>
                </numa>
              </cpu>
              <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
              <qemu:commandline><qemu:arg value='-S'/></qemu:commandline>
            </domain>
            """;

    /** Two sockets of one node of 4 cores each, 2048 free 2 MiB pages per node. */
    private static HostTopology host(UUID uuid) {
        return SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 2048).hostUuid(uuid).cpuModel("EPYC", "AMD").build();
    }

    @Test
    void theShapeOfAPinnedDomainIsItsCellsPinsAndPages() {
        PlacementRequest r = DomainShape.requestFor(DomainXml.defaults().parse(SOURCE)).build();
        assertThat(r.vcpus()).isEqualTo(4);
        assertThat(r.memory()).isEqualTo(DataSize.gib(4));
        assertThat(r.cells()).extracting(PlacementRequest.CellRequest::vcpus)
                .containsExactly(CpuSet.range(0, 1), CpuSet.range(2, 3));
        assertThat(r.cpuPolicy()).isEqualTo(CpuPolicy.DEDICATED);
        assertThat(r.emulatorPolicy()).isEqualTo(EmulatorPolicy.SHARE);
        assertThat(r.iothreads()).isEqualTo(1);
        assertThat(r.pageSize()).hasValue(PageSize.MIB_2);
    }

    @Test
    void theDestinationsOccupancyMovesThePinsAndNothingElseChanges() {
        Domain source = DomainXml.defaults().parse(SOURCE);
        // the destination's node 0 has its first two cores taken by another guest
        Domain other = DomainBuilder.named("other").memory(DataSize.mib(256)).vcpus(2).pinVcpus(CpuSet.range(0, 1))
                .assemble();
        HostState destination = HostState.of(host(DEST_UUID), List.of(other));
        MigrationPlan plan = MigrationPlanner.create().plan(source, host(SOURCE_UUID), destination);

        Domain moved = plan.destination();
        assertThat(moved.cputune().orElseThrow().vcpuPins()).extracting(p -> p.cpuset().format())
                .doesNotContain("0", "1");
        String before = DomainXml.defaults().write(source);
        String after = DomainXml.defaults().write(moved);
        assertThat(after).startsWith("<!-- kept -->").contains("<qemu:arg value='-S'/>").contains("<!-- cell 1 -->")
                .contains("<shares>2048</shares>");
        assertThat(after.lines().count()).isEqualTo(before.lines().count());
        // each differing line is a placement line
        List<String> diff = plan.diff();
        assertThat(diff).isNotEmpty().allMatch(l -> l.matches("[-+]\\d+: <(vcpupin|emulatorpin|iothreadpin|vcpu|memory|memnode)\\b.*"));
        // pack: the fuller node 0 takes cell 1 on its free cores 2-3, node 1 takes cell 0
        assertThat(plan.placement().vcpuPins()).isEqualTo(Map.of(0, CpuSet.of(4), 1, CpuSet.of(5), 2, CpuSet.of(2),
                3, CpuSet.of(3)));
        assertThat(moved.numatune().orElseThrow().memNode(0).flatMap(m -> m.nodeset()).orElseThrow().toArray())
                .containsExactly(1);
    }

    @Test
    void theSameHostIsRefused() {
        Domain source = DomainXml.defaults().parse(SOURCE);
        assertThatThrownBy(() -> MigrationPlanner.create().plan(source, host(SOURCE_UUID),
                HostState.of(host(SOURCE_UUID))))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.SAME_HOST);
                    assertThat(e.reason()).contains(SOURCE_UUID.toString());
                });
    }

    @Test
    void aVfioDeviceIsRefused() {
        Domain source = DomainBuilder.from(DomainXml.defaults().parse(SOURCE))
                .hostdev(PciAddress.parse("0000:3b:00.0")).assemble();
        assertThatThrownBy(() -> MigrationPlanner.create().plan(source, host(SOURCE_UUID), HostState.of(host(DEST_UUID))))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.VFIO_DEVICE);
                    assertThat(e.reason()).contains("0000:3b:00.0");
                });
    }

    @Test
    void hostPassthroughMovesOnlyToTheSameCpu() {
        Domain source = DomainXml.defaults().parse(SOURCE.replace("<cpu mode='custom'>\n    <model>qemu64</model>",
                "<cpu mode='host-passthrough'>"));
        HostTopology other = host(DEST_UUID).toBuilder().cpuModel("Skylake-Server", "Intel").build();
        assertThatThrownBy(() -> MigrationPlanner.create().plan(source, host(SOURCE_UUID), HostState.of(other)))
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(RefusalCode.CPU_MISMATCH));
        assertThat(MigrationPlanner.create().plan(source, host(SOURCE_UUID), HostState.of(host(DEST_UUID))).placement())
                .isNotNull();
    }

    @Test
    void hugePagesShortOnEveryNodeAreRefusedBeforePlanning() {
        Domain source = DomainXml.defaults().parse(SOURCE);
        HostTopology few = SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 100).hostUuid(DEST_UUID).build();
        assertThatThrownBy(() -> MigrationPlanner.create().plan(source, host(SOURCE_UUID), HostState.of(few)))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.HUGEPAGES_SHORT);
                    assertThat(e.reason()).contains("1024 free 2MiB").contains("node 0: 100").contains("node 1: 100");
                });
    }

    @Test
    void noPlacementCarriesThePlannersReasons() {
        Domain source = DomainXml.defaults().parse(SOURCE);
        // one node: two guest cells need two nodes
        HostTopology oneNode = SyntheticHost.of(1, 1, 8, 1, DataSize.gib(16), 4096).hostUuid(DEST_UUID).build();
        assertThatThrownBy(() -> MigrationPlanner.create().plan(source, host(SOURCE_UUID), HostState.of(oneNode)))
                .isInstanceOfSatisfying(MigrationRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.NO_PLACEMENT);
                    assertThat(e.noFit()).isPresent();
                    assertThat(e.reason()).contains("node 0");
                });
    }

    @Test
    void pagesOfTwoSizesAreNoShape() {
        Domain source = DomainXml.defaults().parse(SOURCE.replace("<page size='2048' unit='KiB'/>",
                "<page size='2048' unit='KiB' nodeset='0'/><page size='1048576' unit='KiB' nodeset='1'/>"));
        assertThatThrownBy(() -> DomainShape.requestFor(source))
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(RefusalCode.UNSUPPORTED_SHAPE));
    }

    @Test
    void anUnpinnedDomainWithoutNumaIsSharedOnOneCellOfBasePages() {
        Domain source = DomainBuilder.named("plain").memory(DataSize.gib(1)).vcpus(2).assemble();
        PlacementRequest r = DomainShape.requestFor(source).build();
        assertThat(r.cpuPolicy()).isEqualTo(CpuPolicy.SHARED);
        assertThat(r.cellCount()).isEqualTo(1);
        assertThat(r.pagePolicy()).isEqualTo(PagePolicy.SMALL);
        MigrationPlan plan = MigrationPlanner.create().plan(source, host(SOURCE_UUID), HostState.of(host(DEST_UUID)));
        assertThat(DomainXml.defaults().write(plan.destination())).isEqualTo(DomainXml.defaults().write(source));
    }

    @Test
    void theHostUuidIsReadFromCapabilitiesAndWrittenBack() {
        HostTopology h = host(DEST_UUID);
        String caps = CapabilitiesXml.write(h);
        assertThat(caps).contains("<uuid>" + DEST_UUID + "</uuid>");
        assertThat(CapabilitiesXml.parse(caps).hostUuid())
                .hasValue(DEST_UUID);
    }
}
