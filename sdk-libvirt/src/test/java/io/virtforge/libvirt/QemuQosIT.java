package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DomainQos;
import io.virtforge.connect.Scope;
import io.virtforge.model.Bandwidth;
import io.virtforge.model.CpuTune;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.value.DataSize;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * virsh as the oracle of the QoS calls on the private libvirtd's QEMU guest: what the SDK sets (over JNA) and reads
 * back is what {@code virsh schedinfo}, {@code memtune}, {@code blkdeviotune} and {@code domiftune} print.
 */
class QemuQosIT {
    @BeforeAll
    static void libvirtd() {
        Hosts.assumeTestLibvirtd();
        Hosts.assumeRoot();
    }

    /** virsh's "name : value" lines of one command. */
    private static Map<String, String> virsh(String... args) throws IOException {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = Hosts.qemuUri();
        System.arraycopy(args, 0, command, 3, args.length);
        Hosts.Result r = Hosts.run(Duration.ofSeconds(30), command);
        assertThat(r.exitCode()).as("virsh %s: %s", String.join(" ", args), r.output()).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : r.output().split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.contains("::")) {
                values.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    @Test
    void whatTheSdkSetsIsWhatVirshReads() throws IOException {
        String name = "vfq-" + UUID.randomUUID().toString().substring(0, 8);
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.qemuUri())) {
            LibvirtDomain d = conn.define(new QemuContractIT().minimalDomain(name));
            try {
                d.start();
                DomainQos qos = d.qos();
                CpuTune cpu = qos.setScheduler(CpuTune.builder().shares(512L).period(100_000L).quota(25_000L).build(),
                        Scope.BOTH);
                Map<String, String> sched = virsh("schedinfo", name, "--live");
                assertThat(sched).containsEntry("cpu_shares", "512").containsEntry("vcpu_period", "100000")
                        .containsEntry("vcpu_quota", "25000");
                assertThat(Long.parseLong(sched.get("emulator_quota"))).isEqualTo(cpu.emulatorQuota().orElseThrow());
                assertThat(virsh("schedinfo", name, "--config")).containsEntry("cpu_shares", "512");

                MemTune mem = qos.setMemoryTune(MemTune.builder().hardLimit(DataSize.gib(2)).build(), Scope.LIVE);
                assertThat(virsh("memtune", name, "--live")).containsEntry("hard_limit",
                        Long.toString(mem.hardLimit().orElseThrow().toKibRoundedUp()))
                        .containsEntry("soft_limit", "unlimited");
                assertThat(mem.softLimit()).isEmpty();

                IoTune io = qos.setBlockIoTune("vda", IoTune.builder().rate(Limit.WRITE_IOPS_SEC, 300L)
                        .burst(Limit.WRITE_IOPS_SEC, 900L).burstLength(Limit.WRITE_IOPS_SEC, 5L).build(), Scope.LIVE);
                Map<String, String> blk = virsh("blkdeviotune", name, "vda", "--live");
                assertThat(blk).containsEntry("write_iops_sec", "300").containsEntry("write_iops_sec_max", "900")
                        .containsEntry("write_iops_sec_max_length", "5").containsEntry("read_iops_sec", "0");
                assertThat(io.groupName()).contains(blk.get("group_name")); // QEMU's default group: the alias

                String mac = d.definition().devices().interfaces().get(0).mac().orElseThrow().format();
                Bandwidth bw = qos.setInterfaceBandwidth(mac, Bandwidth.of(Bandwidth.Limit.builder().average(1000L)
                        .peak(3000L).burst(128L).build(), null), Scope.CONFIG);
                Map<String, String> nic = virsh("domiftune", name, mac, "--config");
                assertThat(nic).containsEntry("inbound.average", "1000").containsEntry("inbound.peak", "3000")
                        .containsEntry("inbound.burst", "128").containsEntry("outbound.average", "0");
                assertThat(bw.outbound()).isEmpty();
            } finally {
                if (d.state().isActive()) {
                    d.destroy();
                }
                d.undefine();
            }
        }
    }
}
