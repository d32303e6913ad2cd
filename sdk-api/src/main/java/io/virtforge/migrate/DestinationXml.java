package io.virtforge.migrate;

import io.virtforge.model.Cpu;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.plan.CellPlacement;
import io.virtforge.plan.Placement;
import io.virtforge.value.CpuSet;
import io.virtforge.value.NodeSet;
import io.virtforge.xml.XmlAttribute;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The domain to send to a destination host: the source's XML with its host placement replaced by a
 * {@link Placement} planned there, and nothing else changed. Rewritten, where the source has them: each
 * {@code <vcpupin cpuset>}, {@code <emulatorpin cpuset>}, {@code <iothreadpin cpuset>}, {@code <vcpu cpuset>},
 * {@code <numatune><memory nodeset>} and each {@code <memnode nodeset>}. Only attribute values change, in place:
 * every other element, attribute, comment and blank of the document stays as it was, so the written XML differs
 * from the source's only on those attributes. Huge page {@code <page nodeset>}s name guest cells, not host
 * nodes, and stay; the page size stays (the shape's request asks for the same size). Placement elements the
 * source lacks are not added: an unpinned vCPU stays unpinned. Pure: no host is asked.
 */
public final class DestinationXml {
    private DestinationXml() {
    }

    /**
     * The source domain with the placement's pins and nodes.
     *
     * @param source    the running domain's (migratable) definition
     * @param placement a placement of {@link DomainShape#requestFor(Domain) the source's shape}: its cell
     *                  {@code i} is the source's {@code i}-th guest cell
     * @throws IllegalArgumentException when the placement has another number of cells than the source
     */
    public static Domain rewrite(Domain source, Placement placement) {
        List<GuestNumaCell> cells = source.cpu().map(Cpu::numaCells).orElse(List.of());
        int expected = Math.max(1, cells.size());
        if (placement.cells().size() != expected) {
            throw new IllegalArgumentException("a placement of " + placement.cells().size() + " cells for domain "
                    + source.name() + " of " + expected);
        }
        Map<Integer, Integer> nodeOfGuestCell = new HashMap<>();
        for (CellPlacement c : placement.cells()) {
            int guestCell = cells.isEmpty() ? c.guestCell() : cells.get(c.guestCell()).id().orElse(c.guestCell());
            nodeOfGuestCell.put(guestCell, c.hostNode());
        }
        Map<Integer, CpuSet> vcpuPins = placement.vcpuPins();
        CpuSet allVcpuCpus = CpuSet.empty();
        for (CpuSet s : vcpuPins.values()) {
            allVcpuCpus = allVcpuCpus.union(s);
        }
        CpuSet vcpuCpus = allVcpuCpus;
        XmlElement root = mapChildren(source.xml(), e -> switch (e.name()) {
            case "vcpu" -> e.hasAttribute("cpuset") ? withAttribute(e, "cpuset", vcpuCpus.format()) : e;
            case "cputune" -> mapChildren(e, t -> switch (t.name()) {
                case "vcpupin" -> pin(t, "vcpu", vcpuPins);
                case "emulatorpin" -> placement.emulatorPin().isEmpty() ? t
                        : withAttribute(t, "cpuset", placement.emulatorPin().format());
                case "iothreadpin" -> pin(t, "iothread", placement.iothreadPins());
                default -> t;
            });
            case "numatune" -> mapChildren(e, t -> switch (t.name()) {
                case "memory" -> t.hasAttribute("nodeset") ? withAttribute(t, "nodeset", placement.hostNodes().format()) : t;
                case "memnode" -> memnode(t, nodeOfGuestCell);
                default -> t;
            });
            default -> e;
        });
        return Domain.fromXml(source.document().withRoot(root));
    }

    private static XmlElement pin(XmlElement e, String idAttribute, Map<Integer, CpuSet> pins) {
        CpuSet cpus = e.attribute(idAttribute).map(DestinationXml::id).map(pins::get).orElse(null);
        return cpus == null || cpus.isEmpty() ? e : withAttribute(e, "cpuset", cpus.format());
    }

    private static XmlElement memnode(XmlElement e, Map<Integer, Integer> nodeOfGuestCell) {
        Integer node = e.attribute("cellid").map(DestinationXml::id).map(nodeOfGuestCell::get).orElse(null);
        return node == null || !e.hasAttribute("nodeset") ? e : withAttribute(e, "nodeset", NodeSet.of(node).format());
    }

    private static Integer id(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null; // not an id this rewrite can match: the element stays as it is
        }
    }

    private static XmlElement withAttribute(XmlElement e, String name, String value) {
        return value.equals(e.attribute(name).orElse(null)) ? e : e.toBuilder().attribute(name, value).build();
    }

    /** The element with each child element mapped; attributes, text, comments and their order kept. */
    private static XmlElement mapChildren(XmlElement e, UnaryOperator<XmlElement> f) {
        XmlElement.Builder b = XmlElement.builder(e.name());
        for (XmlAttribute a : e.attributes()) {
            b.attribute(a.name(), a.value());
        }
        boolean changed = false;
        for (XmlNode n : e.children()) {
            XmlNode mapped = n instanceof XmlElement child ? f.apply(child) : n;
            changed |= mapped != n;
            b.add(mapped);
        }
        return changed ? b.build() : e;
    }
}
