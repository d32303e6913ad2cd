package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.xml.XmlElement;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * {@code <cell id cpus memory unit memAccess discard>} in {@code <cpu><numa>}: one guest NUMA node,
 * its vCPUs, its memory and its distances to the other guest nodes.
 */
public final class GuestNumaCell extends XmlModel {
    private final int id;
    private final CpuSet cpus;
    private final DataSize memory;
    private final String memAccess;
    private final Boolean discard;
    private final Map<Integer, Integer> distances;

    private GuestNumaCell(ElementReader r) {
        super(r.element());
        id = r.uint("id");
        cpus = r.attr("cpus", CpuSet::parse);
        DataSize m = r.size("memory", "unit", DataUnit.KIB);
        if (m == null) {
            throw r.context().error("missing required attribute 'memory'");
        }
        memory = m;
        memAccess = r.attr("memAccess");
        discard = r.bool("discard");
        ElementReader d = r.sub("distances");
        Map<Integer, Integer> map = new TreeMap<>();
        for (int[] sibling : d.children("sibling", GuestNumaCell::sibling)) {
            map.put(sibling[0], sibling[1]);
        }
        d.done();
        distances = Collections.unmodifiableMap(map);
    }

    private static int[] sibling(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        int[] pair = {r.requiredUint("id"), r.requiredUint("value")};
        r.done();
        return pair;
    }

    static GuestNumaCell read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new GuestNumaCell(r));
    }

    /** A cell with the given vCPUs and memory. */
    public static GuestNumaCell of(int id, CpuSet cpus, DataSize memory) {
        return of(id, cpus, memory, Map.of());
    }

    /** A cell with the given vCPUs, memory and distances to other cells (cell id to distance). */
    public static GuestNumaCell of(int id, CpuSet cpus, DataSize memory, Map<Integer, Integer> distances) {
        XmlElement.Builder b = XmlElement.builder("cell").attribute("id", Integer.toString(id))
                .attribute("cpus", cpus.format());
        Sizes.write(b, memory, "memory", "unit");
        if (!distances.isEmpty()) {
            XmlElement.Builder d = XmlElement.builder("distances");
            new TreeMap<>(distances).forEach((cell, value) -> d.add(XmlElement.builder("sibling")
                    .attribute("id", cell.toString()).attribute("value", value.toString()).build()));
            b.add(d.build());
        }
        return read(b.build(), ParseContext.create());
    }

    /** A copy of this cell with another memory size; its other attributes and children stay as they are. */
    public GuestNumaCell withMemory(DataSize size) {
        return read(Sizes.write(xml().toBuilder(), size, "memory", "unit").build(), ParseContext.create());
    }

    /** The cell id (libvirt numbers cells from 0 when absent). */
    public OptionalInt id() {
        return Opt.of(id);
    }

    /** The guest vCPUs in this cell (absent for memory-only cells). */
    public Optional<CpuSet> cpus() {
        return Optional.ofNullable(cpus);
    }

    /** The cell's memory. */
    public DataSize memory() {
        return memory;
    }

    /** {@code shared} or {@code private}. */
    public Optional<String> memAccess() {
        return Optional.ofNullable(memAccess);
    }

    /** {@code discard} attribute. */
    public Optional<Boolean> discard() {
        return Optional.ofNullable(discard);
    }

    /** Distances to other guest cells, by cell id. */
    public Map<Integer, Integer> distances() {
        return distances;
    }
}
