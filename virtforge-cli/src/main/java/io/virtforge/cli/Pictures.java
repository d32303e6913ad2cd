package io.virtforge.cli;

import io.virtforge.plan.CellPlacement;
import io.virtforge.plan.Placement;
import io.virtforge.value.PageSize;

/** Text pictures for people: placements, and later hosts. */
final class Pictures {
    private Pictures() {
    }

    static String placement(Placement p) {
        StringBuilder sb = new StringBuilder();
        for (CellPlacement c : p.cells()) {
            sb.append("guest cell ").append(c.guestCell()).append(" -> host node ").append(c.hostNode())
                    .append(": ").append(Sizes.human(c.memory())).append(" on ")
                    .append(c.pageSize().map(PageSize::format).map(s -> s + " pages").orElse("base pages")).append('\n');
            c.vcpuPins().forEach((v, cpus) -> sb.append("  vCPU ").append(v).append(" -> CPU ").append(cpus).append('\n'));
        }
        sb.append("emulator -> CPU ").append(p.emulatorPin()).append('\n');
        p.iothreadPins().forEach((id, cpus) -> sb.append("iothread ").append(id).append(" -> CPU ").append(cpus)
                .append('\n'));
        p.devices().forEach(d -> sb.append("device ").append(d).append('\n'));
        return sb.toString();
    }
}
