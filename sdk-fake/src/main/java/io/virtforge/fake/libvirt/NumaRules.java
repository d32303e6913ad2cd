package io.virtforge.fake.libvirt;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libvirt 9.0's define-time rules for memory placement, with its codes and words: {@code <numatune>} as the parser
 * reads it ({@code virDomainNumatuneParseXML} and its helpers, numa_conf.c: 67/20, 27/20), hugepage node sets
 * ({@code virDomainDefMemtuneValidate}, domain_validate.c: 35/20), a memory device's target node
 * ({@code virDomainMemoryDefValidate}: 35/20) and memory hotplug without guest NUMA
 * ({@code qemuDomainDefValidateMemoryHotplug}, qemu_domain.c: 67/10).
 */
final class NumaRules {
    private NumaRules() {
    }

    static void check(String name, GuestMachine g) {
        cellAccess(name, g);
        numatune(name, g);
        hugepages(name, g);
        memoryDevices(name, g);
    }

    /** A cell's {@code memAccess} is shared or private (the parser's enum, without its zero value): 27/5. */
    private static void cellAccess(String name, GuestMachine g) {
        for (XmlElement cell : g.at("cpu", "numa").map(n -> n.elements("cell")).orElse(List.of())) {
            String access = cell.attribute("memAccess").orElse("shared");
            if (!access.equals("shared") && !access.equals("private")) {
                throw FakeErrors.invalidAttribute(name, "memAccess", "cell", access);
            }
        }
    }

    private static void numatune(String name, GuestMachine g) {
        XmlElement numatune = g.at("numatune").orElse(null);
        if (numatune == null) {
            return;
        }
        boolean vcpusStatic = !g.at("vcpu").flatMap(v -> v.attribute("placement")).map("auto"::equals).orElse(false);
        XmlElement memory = numatune.element("memory").orElse(null);
        Optional<String> nodeset = memory == null ? Optional.empty() : memory.attribute("nodeset");
        if (nodeset.isPresent() && parsedEmpty(nodeset.get())) {
            throw FakeErrors.configUnsupported(name, "Invalid value of 'nodeset': " + nodeset.get());
        }
        String placement = placement(memory, nodeset.isPresent(), vcpusStatic);
        if (placement.equals("static") && nodeset.isEmpty()) {
            throw FakeErrors.configUnsupported(name,
                    "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        }
        List<XmlElement> memnodes = numatune.elements("memnode");
        if (memnodes.isEmpty()) {
            return;
        }
        if (placement.equals("auto")) {
            throw FakeErrors.configUnsupported(name, "Per-node binding is not compatible with automatic NUMA placement.");
        }
        if (g.numaCells() == 0) {
            throw FakeErrors.xmlError(name, "Element 'memnode' is invalid without any guest NUMA cells");
        }
        String memoryMode = memory == null ? "" : memory.attribute("mode").orElse("strict");
        List<String> seen = new ArrayList<>();
        for (XmlElement memnode : memnodes) {
            String cellid = memnode.attribute("cellid").orElse("");
            if (!cellid.matches("[0-9]{1,9}")) {
                return; // the parser's own error, not modelled
            }
            if (Integer.parseInt(cellid) >= g.numaCells()) {
                throw FakeErrors.xmlError(name, "Argument 'cellid' in memnode element must correspond to existing "
                        + "guest's NUMA cell");
            }
            if (seen.contains(cellid)) {
                throw FakeErrors.xmlError(name, "Multiple memnode elements with cellid " + cellid);
            }
            seen.add(cellid);
            if (memoryMode.equals("restrictive") && !memnode.attribute("mode").orElse("strict").equals("restrictive")) {
                throw FakeErrors.xmlError(name, "'restrictive' mode is required in memnode element when mode is "
                        + "'restrictive' in memory element");
            }
        }
    }

    /**
     * The memory placement libvirt settles on ({@code virDomainNumatuneSet}): "static", "auto", or "" when the
     * memory placement is not specified.
     */
    private static String placement(XmlElement memory, boolean nodeset, boolean vcpusStatic) {
        if (memory == null) {
            return vcpusStatic ? "" : "auto";
        }
        Optional<String> given = memory.attribute("placement");
        if (given.isEmpty() && memory.attribute("mode").isEmpty() && !nodeset) {
            return "";
        }
        return given.orElse(nodeset || vcpusStatic ? "static" : "auto");
    }

    private static boolean parsedEmpty(String nodeset) {
        try {
            return CpuSet.parse(nodeset).isEmpty();
        } catch (RuntimeException e) {
            return false; // the parser's own error, not modelled
        }
    }

    /**
     * Hugepage sizes: one without a node set at most, node sets apart and within the guest's NUMA cells. Without
     * guest NUMA a node set of just node 0 is dropped first ({@code virDomainDefPostParseMemtune}).
     */
    private static void hugepages(String name, GuestMachine g) {
        List<XmlElement> pages = g.at("memoryBacking", "hugepages").map(h -> h.elements("page")).orElse(List.of());
        int cells = g.numaCells();
        List<Optional<CpuSet>> nodesets = new ArrayList<>();
        for (XmlElement page : pages) {
            Optional<CpuSet> nodes;
            try {
                nodes = page.attribute("nodeset").map(CpuSet::parse);
            } catch (RuntimeException e) {
                return; // the parser's own error, not modelled
            }
            if (cells == 0 && nodes.map(n -> n.equals(CpuSet.of(0))).orElse(false)) {
                nodes = Optional.empty();
            }
            for (int j = 0; j < nodesets.size(); j++) {
                Optional<CpuSet> other = nodesets.get(j);
                if (nodes.isPresent() && other.isPresent() && nodes.get().intersects(other.get())) {
                    throw FakeErrors.xmlDetail(name, "nodeset attribute of hugepages of sizes " + kib(page) + " and "
                            + kib(pages.get(j)) + " intersect");
                }
                if (nodes.isEmpty() && other.isEmpty()) {
                    throw FakeErrors.xmlDetail(name, "two master hugepages detected: " + kib(page) + " and "
                            + kib(pages.get(j)));
                }
            }
            nodesets.add(nodes);
            if (nodes.isPresent() && !nodes.get().isEmpty() && nodes.get().last().getAsInt() >= cells) {
                int missing = nodes.get().stream().filter(n -> n >= cells).findFirst().orElseThrow();
                throw FakeErrors.xmlDetail(name, "hugepages: node " + missing + " not found");
            }
        }
    }

    private static boolean positive(String number) {
        return number.matches("0*[1-9][0-9]*");
    }

    /** A page's size in KiB as libvirt prints it (its unit defaults to KiB). */
    private static String kib(XmlElement page) {
        try {
            return Long.toString(io.virtforge.value.DataSize.parse(page.attribute("size").orElse(""),
                    page.attribute("unit").map(io.virtforge.value.DataUnit::parse)
                            .orElse(io.virtforge.value.DataUnit.KIB)).toKibRoundedUp());
        } catch (RuntimeException e) {
            return page.attribute("size").orElse("");
        }
    }

    /**
     * A memory device's target node must be a guest NUMA cell; memory devices need {@code <maxMemory>} (memory
     * hotplug), with slots for them all, and with it a guest outside ppc64 needs a NUMA cell.
     */
    private static void memoryDevices(String name, GuestMachine g) {
        int cells = g.numaCells();
        for (XmlElement memory : g.devices("memory")) {
            String node = memory.element("target").flatMap(t -> t.element("node")).map(n -> n.text().trim()).orElse("");
            if (!node.matches("[0-9]{1,9}")) {
                continue;
            }
            if (cells == 0) {
                throw FakeErrors.xmlDetail(name, "can't add memory backend as guest has no NUMA nodes configured");
            }
            if (Integer.parseInt(node) >= cells) {
                throw FakeErrors.xmlDetail(name, "can't add memory backend for guest node '" + node
                        + "' as the guest has only '" + cells + "' NUMA nodes configured");
            }
        }
        XmlElement max = g.at("maxMemory").orElse(null);
        boolean hotplug = max != null && (positive(max.attribute("slots").orElse("")) || positive(max.text().trim()));
        int devices = g.devices("memory").size();
        if (!hotplug) {
            if (devices > 0) {
                throw FakeErrors.qemuUnsupported(name,
                        "cannot use/hotplug a memory device when domain 'maxMemory' is not defined");
            }
            return;
        }
        if (!g.isPpc64() && cells == 0) {
            throw FakeErrors.qemuUnsupported(name,
                    "At least one numa node has to be configured when enabling memory hotplug");
        }
        String slots = max.attribute("slots").orElse("0");
        if (slots.matches("[0-9]{1,9}") && devices > Integer.parseInt(slots)) {
            throw FakeErrors.qemuUnsupported(name, "memory device count '" + devices + "' exceeds slots count '"
                    + Integer.parseInt(slots) + "'");
        }
    }
}
