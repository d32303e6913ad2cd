package io.virtforge.libvirt;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.libvirt.jna.DomainStatsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one record of {@code virConnectGetAllDomainStats} into {@link DomainStats}: {@code state.state},
 * {@code cpu.time}, {@code block.<i>.name/rd.reqs/rd.bytes/wr.reqs/wr.bytes} and
 * {@code net.<i>.name/rx.bytes/rx.pkts/tx.bytes/tx.pkts}; every parameter is also kept raw. The CPU time of an
 * inactive domain is 0, whatever libvirt reports.
 */
final class StatsMapper {
    private StatsMapper() {
    }

    static DomainStats toDomainStats(DomainStatsRecord r) {
        Map<String, Object> p = r.parameters();
        DomainState state = DomainState.fromLibvirt((int) number(p, "state.state"));
        List<BlockStats> blocks = new ArrayList<>();
        for (int i = 0; i < number(p, "block.count"); i++) {
            String b = "block." + i + ".";
            blocks.add(new BlockStats(String.valueOf(p.get(b + "name")), number(p, b + "rd.reqs"),
                    number(p, b + "rd.bytes"), number(p, b + "wr.reqs"), number(p, b + "wr.bytes")));
        }
        List<InterfaceStats> nets = new ArrayList<>();
        for (int i = 0; i < number(p, "net.count"); i++) {
            String n = "net." + i + ".";
            nets.add(new InterfaceStats(String.valueOf(p.get(n + "name")), number(p, n + "rx.bytes"),
                    number(p, n + "rx.pkts"), number(p, n + "tx.bytes"), number(p, n + "tx.pkts")));
        }
        // libvirt 9.0's QEMU driver gives a shut-off domain the CPU time of libvirtd's own cgroup: a domain that
        // does not run has used no CPU time (the raw value stays in the raw map)
        long cpuTime = state.isActive() ? number(p, "cpu.time") : 0;
        return new DomainStats(r.domainName(), state, cpuTime, blocks, nets, p);
    }

    private static long number(Map<String, Object> p, String key) {
        return p.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
