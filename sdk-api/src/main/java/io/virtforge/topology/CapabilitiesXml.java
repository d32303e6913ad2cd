package io.virtforge.topology;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.value.PageSize;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlModelException;
import io.virtforge.xml.XmlParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads libvirt's host capabilities ({@code virsh capabilities}, {@code virConnectGetCapabilities})
 * into a {@link HostTopology}: the host CPU (arch, model, vendor, features, page sizes), the IOMMU
 * flag and the NUMA cells with memory, huge page pools ({@code <pages>} per cell: totals only),
 * distances and CPUs (socket, die, core, siblings). Parsed with Virtforge's secure parser; errors are
 * typed and name the element.
 */
public final class CapabilitiesXml {
    private CapabilitiesXml() {
    }

    /** Parses a capabilities document. */
    public static HostTopology parse(String xml) {
        return read(XmlParser.defaults().parse(xml)).build();
    }

    /** Reads a parsed capabilities document into a builder, to which node devices can still be added. */
    public static HostTopology.Builder read(XmlElement root) {
        if (!root.hasName("capabilities")) {
            throw XmlFields.error(root, "/" + root.name(), "expected <capabilities>, found <" + root.name() + ">");
        }
        HostTopology.Builder b = HostTopology.builder();
        XmlElement host = root.element("host")
                .orElseThrow(() -> XmlFields.error(root, "/capabilities", "missing <host>"));
        host.element("uuid").map(u -> u.text().trim()).filter(u -> !u.isEmpty())
                .ifPresent(u -> b.hostUuid(uuid(u, host)));
        host.element("cpu").ifPresent(cpu -> readCpu(cpu, b));
        host.element("iommu").flatMap(i -> i.attribute("support")).ifPresent(s -> b.iommu(s.equals("yes")));
        PageSize base = basePage(host);
        host.element("topology").flatMap(t -> t.element("cells"))
                .ifPresent(cells -> cells.elements("cell").forEach(c -> readCell(c, b, base)));
        return b;
    }

    /**
     * Writes a host as libvirt's capabilities (the {@code <host>} part: CPU, IOMMU, NUMA cells with
     * memory, page pools, distances and CPUs). Free page counts are not part of capabilities and are
     * left out, as libvirt does.
     */
    public static String write(HostTopology host) {
        XmlElement.Builder cpu = XmlElement.builder("cpu");
        host.arch().ifPresent(a -> cpu.add(text("arch", a)));
        host.cpuModel().ifPresent(m -> cpu.add(text("model", m)));
        host.cpuVendor().ifPresent(v -> cpu.add(text("vendor", v)));
        host.cpuFeatures().forEach(f -> cpu.add(XmlElement.builder("feature").attribute("name", f).build()));
        host.pageSizes().forEach(p -> cpu.add(XmlElement.builder("pages").attribute("unit", "KiB")
                .attribute("size", Long.toString(p.kib())).build()));
        XmlElement.Builder cells = XmlElement.builder("cells").attribute("num", Integer.toString(host.nodes().size()));
        for (NumaNode n : host.nodes()) {
            XmlElement.Builder cell = XmlElement.builder("cell").attribute("id", Integer.toString(n.id()));
            cell.add(XmlElement.builder("memory").attribute("unit", "KiB")
                    .text(Long.toString(n.memory().toKibRoundedUp())).build());
            n.hugePages().values().forEach(p -> cell.add(XmlElement.builder("pages").attribute("unit", "KiB")
                    .attribute("size", Long.toString(p.size().kib())).text(Long.toString(p.total())).build()));
            if (!n.distances().isEmpty()) {
                XmlElement.Builder d = XmlElement.builder("distances");
                n.distances().forEach((to, v) -> d.add(XmlElement.builder("sibling")
                        .attribute("id", Integer.toString(to)).attribute("value", Integer.toString(v)).build()));
                cell.add(d.build());
            }
            XmlElement.Builder cpus = XmlElement.builder("cpus").attribute("num", Integer.toString(n.cpus().size()));
            for (int id : n.cpus().toArray()) {
                HostCpu c = host.cpu(id).orElseThrow();
                XmlElement.Builder e = XmlElement.builder("cpu").attribute("id", Integer.toString(id));
                c.socket().ifPresent(v -> e.attribute("socket_id", Integer.toString(v)));
                c.die().ifPresent(v -> e.attribute("die_id", Integer.toString(v)));
                c.core().ifPresent(v -> e.attribute("core_id", Integer.toString(v)));
                if (c.socket().isPresent() || c.core().isPresent()) {
                    e.attribute("siblings", c.siblings().format());
                }
                cpus.add(e.build());
            }
            cells.add(cell.add(cpus.build()).build());
        }
        XmlElement.Builder hostBuilder = XmlElement.builder("host");
        host.hostUuid().ifPresent(u -> hostBuilder.add(text("uuid", u.toString())));
        XmlElement hostElement = hostBuilder.add(cpu.build())
                .add(XmlElement.builder("iommu").attribute("support", host.iommuEnabled() ? "yes" : "no").build())
                .add(XmlElement.builder("topology").add(cells.build()).build()).build();
        return XmlElement.builder("capabilities").add(hostElement).build().toString();
    }

    private static XmlElement text(String name, String value) {
        return XmlElement.builder(name).text(value).build();
    }

    /**
     * The host's base page: the smallest page size it lists (4 KiB on x86, 64 KiB on many aarch64 and ppc64
     * kernels), whose per-cell count is ordinary memory, not a huge page pool.
     */
    private static PageSize basePage(XmlElement host) {
        PageSize base = null;
        List<XmlElement> pages = new ArrayList<>();
        host.element("cpu").ifPresent(cpu -> pages.addAll(cpu.elements("pages")));
        host.element("topology").flatMap(t -> t.element("cells"))
                .ifPresent(cells -> cells.elements("cell").forEach(c -> pages.addAll(c.elements("pages"))));
        for (XmlElement p : pages) {
            PageSize size;
            try {
                size = pageSize(p, "/capabilities/host/cpu/pages");
            } catch (XmlModelException e) {
                continue; // reported with its place when the element itself is read
            }
            base = base == null || size.compareTo(base) < 0 ? size : base;
        }
        return base == null ? PageSize.KIB_4 : base;
    }

    private static java.util.UUID uuid(String text, XmlElement host) {
        try {
            return java.util.UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw XmlFields.error(host, "/capabilities/host/uuid", "not a UUID: '" + text + "'");
        }
    }

    private static void readCpu(XmlElement cpu, HostTopology.Builder b) {
        String path = "/capabilities/host/cpu";
        cpu.element("arch").ifPresent(a -> b.arch(a.text().trim()));
        b.cpuModel(cpu.element("model").map(m -> m.text().trim()).orElse(null),
                cpu.element("vendor").map(v -> v.text().trim()).orElse(null));
        for (XmlElement f : cpu.elements("feature")) {
            b.cpuFeature(XmlFields.attr(f, "name", path + "/feature"));
        }
        for (XmlElement p : cpu.elements("pages")) {
            b.pageSize(pageSize(p, path + "/pages"));
        }
    }

    private static PageSize pageSize(XmlElement p, String path) {
        String size = XmlFields.attr(p, "size", path);
        DataUnit unit = XmlFields.parse(p, path, "unit", p.attribute("unit").orElse("KiB"), DataUnit::parse);
        return XmlFields.parse(p, path, "page size", size, s -> PageSize.of(DataSize.parse(s, unit)));
    }

    private static void readCell(XmlElement cell, HostTopology.Builder b, PageSize basePage) {
        String path = "/capabilities/host/topology/cells/cell";
        int id = XmlFields.integer(cell, path, "id", XmlFields.attr(cell, "id", path));
        String cellPath = path + "[@id='" + id + "']";
        DataSize memory = cell.element("memory").map(m -> {
            DataUnit unit = XmlFields.parse(m, cellPath, "unit", m.attribute("unit").orElse("KiB"), DataUnit::parse);
            return XmlFields.parse(m, cellPath + "/memory", "memory", m.text(), s -> DataSize.parse(s, unit));
        }).orElse(DataSize.ZERO);
        b.node(id, memory);
        for (XmlElement p : cell.elements("pages")) {
            PageSize size = pageSize(p, cellPath + "/pages");
            long count = XmlFields.parse(p, cellPath + "/pages", "page count", p.text(), Long::parseLong);
            if (size.isHuge() && size.compareTo(basePage) > 0) {
                b.hugePages(id, HugePagePool.ofTotal(size, count));
            }
            b.pageSize(size);
        }
        cell.element("distances").ifPresent(d -> {
            for (XmlElement s : d.elements("sibling")) {
                int to = XmlFields.integer(s, cellPath + "/distances/sibling", "id", XmlFields.attr(s, "id", cellPath));
                int value = XmlFields.integer(s, cellPath + "/distances/sibling", "value",
                        XmlFields.attr(s, "value", cellPath));
                b.distance(id, to, value);
            }
        });
        cell.element("cpus").ifPresent(cpus -> {
            for (XmlElement c : cpus.elements("cpu")) {
                b.cpu(readHostCpu(c, id, cellPath + "/cpus/cpu"));
            }
        });
    }

    private static HostCpu readHostCpu(XmlElement c, int node, String path) {
        int id = XmlFields.integer(c, path, "id", XmlFields.attr(c, "id", path));
        HostCpu cpu = HostCpu.of(id, node);
        if (c.hasAttribute("socket_id") || c.hasAttribute("core_id") || c.hasAttribute("siblings")) {
            String p = path + "[@id='" + id + "']";
            int socket = c.attribute("socket_id").map(s -> XmlFields.integer(c, p, "socket_id", s)).orElse(-1);
            int die = c.attribute("die_id").map(s -> XmlFields.integer(c, p, "die_id", s)).orElse(socket < 0 ? -1 : 0);
            int core = c.attribute("core_id").map(s -> XmlFields.integer(c, p, "core_id", s)).orElse(-1);
            CpuSet siblings = c.attribute("siblings").map(s -> XmlFields.parse(c, p, "siblings", s, CpuSet::parse))
                    .orElse(CpuSet.of(id));
            cpu = cpu.withTopology(socket, die, core, siblings);
        }
        return cpu;
    }
}
