package io.virtforge.host;

import io.virtforge.check.Report;
import io.virtforge.host.audit.HostTuningAudit;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.pci.IommuGroups;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.json.Json;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.IommuGroup;
import io.virtforge.topology.KvmSupport;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON picture of a host, as {@code virtforge host --json} prints it:
 * <pre>{@code
 * {"nodes":[{"id":0,"cpus":"0-15,32-47","memory":"64GiB",
 *            "hugepages":{"2MiB":{"total":512,"free":500},"1GiB":{"total":0,"free":0}},
 *            "distances":{"0":10,"1":21}}],
 *  "cpus":[{"id":0,"node":0,"socket":0,"core":0,"siblings":"0,32","online":true,"isolated":false}],
 *  "pciDevices":[{"address":"0000:3b:00.0","vendor":"8086","device":"1572","class":"0x020000","numaNode":0,
 *                 "iommuGroup":12,"driver":"i40e","physfn":null,"virtfns":["0000:3b:02.0"]}],
 *  "iommu":{"enabled":true,"groups":[{"id":12,"devices":["0000:3b:00.0"],"viable":false}]},
 *  "kvm":{"vendor":"INTEL","moduleLoaded":true,"nested":true,"deviceUsable":true},
 *  "mdevParents":[{"device":"0000:3b:00.0","numaNode":0,"types":[{"id":"nvidia-63","name":"GRID P4-1Q",
 *                  "deviceApi":"vfio-pci","availableInstances":3}]}],
 *  "mdevInstances":[{"uuid":"6f2a6c1e-...","type":"nvidia-63","parent":"0000:3b:00.0"}],
 *  "findings":[...]}
 * }</pre>
 * Sizes are written as {@link io.virtforge.value.DataSize#format()}; a value the source does not give is
 * {@code null}. Findings are those of a {@link Report} (usually {@link HostTuningAudit}'s).
 */
public final class HostJson {
    private HostJson() {
    }

    /** The picture of the host behind {@code sysfs}, discovered and audited now. */
    public static String of(Sysfs sysfs) {
        return write(HostDiscovery.topologyOf(sysfs), new HostTuningAudit(sysfs).audit());
    }

    /** The picture of a host and the findings about it. */
    public static String write(HostTopology host, Report findings) {
        return Json.write(picture(host, findings));
    }

    /** The picture as nested maps and lists, for callers that add to it before writing. */
    public static Map<String, Object> picture(HostTopology host, Report findings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", host.nodes().stream().map(HostJson::node).toList());
        m.put("cpus", host.cpus().stream().map(HostJson::cpu).toList());
        m.put("pciDevices", host.pciDevices().stream().map(HostJson::device).toList());
        Map<String, Object> iommu = new LinkedHashMap<>();
        iommu.put("enabled", host.iommuEnabled());
        iommu.put("groups", host.iommuGroups().stream().map(g -> group(host, g)).toList());
        m.put("iommu", iommu);
        m.put("kvm", host.kvm().map(HostJson::kvm).orElse(null));
        m.put("mdevParents", host.mdevParents().stream().map(HostJson::mdevParent).toList());
        m.put("mdevInstances", host.mdevInstances().stream().map(i -> JsonFields.of("uuid", i.uuid().toString(),
                "type", i.type(), "parent", i.parent())).toList());
        m.put("findings", findings.findings());
        return m;
    }

    private static Map<String, Object> kvm(KvmSupport k) {
        return JsonFields.of("vendor", k.vendor().name(), "moduleLoaded", k.moduleLoaded(), "nested", k.nested(),
                "deviceUsable", k.deviceUsable());
    }

    private static Map<String, Object> mdevParent(MdevParent p) {
        return JsonFields.of("device", p.device(), "numaNode", p.numaNode().isPresent() ? p.numaNode().getAsInt() : null,
                "types", p.types().stream().map(t -> JsonFields.of("id", t.id(), "name", t.name().orElse(null),
                        "deviceApi", t.deviceApi(), "availableInstances", t.availableInstances())).toList());
    }

    /** An ordered map of name, value pairs. */
    private static final class JsonFields {
        static Map<String, Object> of(Object... pairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
            return m;
        }
    }

    private static Map<String, Object> node(NumaNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("cpus", n.cpus().format());
        m.put("memory", n.memory().format());
        Map<String, Object> pages = new LinkedHashMap<>();
        for (Map.Entry<PageSize, HugePagePool> e : n.hugePages().entrySet()) {
            Map<String, Object> pool = new LinkedHashMap<>();
            pool.put("total", e.getValue().total());
            pool.put("free", e.getValue().free().isPresent() ? e.getValue().free().getAsLong() : null);
            pages.put(e.getKey().format(), pool);
        }
        m.put("hugepages", pages);
        Map<String, Object> distances = new LinkedHashMap<>();
        n.distances().forEach((to, d) -> distances.put(Integer.toString(to), d));
        m.put("distances", distances);
        return m;
    }

    private static Map<String, Object> cpu(HostCpu c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("node", c.node());
        m.put("socket", c.socket().isPresent() ? c.socket().getAsInt() : null);
        m.put("core", c.core().isPresent() ? c.core().getAsInt() : null);
        m.put("siblings", c.siblings().format());
        m.put("online", c.online());
        m.put("isolated", c.isolated());
        return m;
    }

    private static Map<String, Object> device(PciDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", d.address().format());
        m.put("vendor", String.format("%04x", d.vendorId()));
        m.put("device", String.format("%04x", d.deviceId()));
        m.put("class", String.format("0x%06x", d.classCode()));
        m.put("numaNode", d.numaNode().isPresent() ? d.numaNode().getAsInt() : null);
        m.put("iommuGroup", d.iommuGroup().isPresent() ? d.iommuGroup().getAsInt() : null);
        m.put("driver", d.driver().orElse(null));
        m.put("physfn", d.physfn().map(PciAddress::format).orElse(null));
        m.put("virtfns", d.virtfns().stream().map(PciAddress::format).toList());
        return m;
    }

    private static Map<String, Object> group(HostTopology host, IommuGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        List<String> devices = new ArrayList<>();
        g.devices().forEach(a -> devices.add(a.format()));
        m.put("devices", devices);
        m.put("viable", IommuGroups.viable(host, g));
        return m;
    }
}
