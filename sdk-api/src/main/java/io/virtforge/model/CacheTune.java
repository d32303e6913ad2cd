package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.xml.XmlElement;
import java.util.List;

/** {@code <cachetune vcpus='...'>}: a CAT cache allocation (resctrl) for a set of vCPUs. */
public final class CacheTune extends XmlModel {
    private final CpuSet vcpus;
    private final List<Allocation> caches;
    private final List<ResctrlMonitor> monitors;

    private CacheTune(ElementReader r) {
        super(r.element());
        vcpus = r.required("vcpus", CpuSet::parse);
        caches = r.children("cache", Allocation::read);
        monitors = r.children("monitor", ResctrlMonitor::read);
    }

    static CacheTune read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new CacheTune(r));
    }

    /** The vCPUs the allocation is for. */
    public CpuSet vcpus() {
        return vcpus;
    }

    /** The cache allocations. */
    public List<Allocation> caches() {
        return caches;
    }

    /** The monitoring groups. */
    public List<ResctrlMonitor> monitors() {
        return monitors;
    }

    /** {@code <cache id='0' level='3' type='both' size='3' unit='MiB'/>}: one cache allocation. */
    public static final class Allocation extends XmlModel {
        private final int id;
        private final int level;
        private final String type;
        private final DataSize size;

        private Allocation(ElementReader r) {
            super(r.element());
            id = r.requiredUint("id");
            level = r.requiredUint("level");
            type = r.requiredAttr("type");
            size = r.size("size", "unit", DataUnit.BYTES);
        }

        static Allocation read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Allocation(r));
        }

        /** The host cache id. */
        public int id() {
            return id;
        }

        /** The cache level. */
        public int level() {
            return level;
        }

        /** {@code both}, {@code code} or {@code data}. */
        public String type() {
            return type;
        }

        /** The amount allocated. */
        public java.util.Optional<DataSize> size() {
            return java.util.Optional.ofNullable(size);
        }
    }
}
