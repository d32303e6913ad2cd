package io.virtforge.fake.libvirt;

import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import java.util.List;

/**
 * How libvirt's {@code qemuDomainSetBlockIoTune} merges a change into a disk's throttling: the limits come in groups
 * (total, read, write) of bytes or operations, rates or bursts; a change that names one member of a group sets the
 * whole group (the members it does not name become 0), a group it does not name keeps its values. 0 is no limit
 * and is not written.
 */
final class IoTuneGroups {
    private IoTuneGroups() {
    }

    /** The group of a total limit: total, read, write. */
    static List<Limit> of(Limit total) {
        return total == Limit.TOTAL_BYTES_SEC
                ? List.of(Limit.TOTAL_BYTES_SEC, Limit.READ_BYTES_SEC, Limit.WRITE_BYTES_SEC)
                : List.of(Limit.TOTAL_IOPS_SEC, Limit.READ_IOPS_SEC, Limit.WRITE_IOPS_SEC);
    }

    static IoTune merge(IoTune was, IoTune change) {
        IoTune.Builder b = was.toBuilder();
        for (Limit total : List.of(Limit.TOTAL_BYTES_SEC, Limit.TOTAL_IOPS_SEC)) {
            List<Limit> group = of(total);
            if (group.stream().anyMatch(l -> change.rate(l).isPresent())) {
                group.forEach(l -> b.rate(l, nonZero(change.rate(l).orElse(0))));
            }
            if (group.stream().anyMatch(l -> change.burst(l).isPresent())) {
                group.forEach(l -> b.burst(l, nonZero(change.burst(l).orElse(0))));
            }
            if (group.stream().anyMatch(l -> change.burstLength(l).isPresent())) {
                group.forEach(l -> b.burstLength(l, nonZero(change.burstLength(l).orElse(0))));
            }
        }
        change.sizeIopsSec().ifPresent(v -> b.sizeIopsSec(nonZero(v)));
        change.groupName().ifPresent(g -> b.groupName(g.isEmpty() ? null : g));
        return b.build();
    }

    private static Long nonZero(long v) {
        return v == 0 ? null : v;
    }
}
