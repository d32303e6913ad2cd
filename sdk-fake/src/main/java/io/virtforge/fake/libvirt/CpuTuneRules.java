package io.virtforge.fake.libvirt;

import io.virtforge.model.Domain;
import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * libvirt 9.0's parser rules for {@code <vcpusched>} and {@code <iothreadsched>} in {@code <cputune>}
 * ({@code virDomainThreadSchedParseHelper}, domain_conf.c), with its codes and words: each names threads the domain
 * has (67/20) and no thread gets two schedulers (35/20).
 */
final class CpuTuneRules {
    private CpuTuneRules() {
    }

    static void check(Domain d, GuestMachine g) {
        List<XmlElement> tune = g.at("cputune").map(List::of).orElse(List.of());
        if (tune.isEmpty()) {
            return;
        }
        Set<Integer> vcpus = new HashSet<>();
        for (int i = 0; i < d.vcpuCount(); i++) {
            vcpus.add(i);
        }
        schedulers(d.name(), tune.get(0).elements("vcpusched"), "vcpusched", "vcpus", vcpus, true);
        schedulers(d.name(), tune.get(0).elements("iothreadsched"), "iothreadsched", "iothreads",
                DefinitionChecks.iothreadIds(d), false);
    }

    private static void schedulers(String name, List<XmlElement> scheds, String element, String attribute,
            Set<Integer> threads, boolean vcpu) {
        Set<Integer> scheduled = new HashSet<>();
        for (XmlElement sched : scheds) {
            CpuSet ids;
            try {
                ids = CpuSet.parse(sched.attribute(attribute).orElse(""));
            } catch (RuntimeException e) {
                return; // the parser's own error, not modelled
            }
            for (int id : ids.toArray()) {
                if (!threads.contains(id)) {
                    throw FakeErrors.configUnsupported(name, vcpu ? "vCPU '" + id + "' is not present in domain definition"
                            : "Cannot find 'iothread' : " + id);
                }
                if (!scheduled.add(id)) {
                    throw FakeErrors.xmlDetail(name, "'" + element + "' attributes '" + attribute + "' must not overlap");
                }
            }
        }
    }
}
