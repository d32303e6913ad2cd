package io.virtforge.samples.fleet;

import io.virtforge.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as JSON: the settings, and per strategy its figures and every host's use. */
public final class ReportJson {
    private ReportJson() {
    }

    /** The JSON text of the reports. */
    public static String of(FleetSimOptions options, List<StrategyReport> reports) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hosts", options.hosts());
        settings.put("seed", options.seed());
        settings.put("minOccupancy", options.minOccupancy());
        settings.put("maxOccupancy", options.maxOccupancy());
        settings.put("emptyShare", options.emptyShare());
        settings.put("requests", options.requests());
        settings.put("stopAfter", options.stopAfter());
        settings.put("smallestFlavour", RequestStream.SMALLEST.name());
        settings.put("largestFlavour", RequestStream.LARGEST.name());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        root.put("strategies", reports.stream().map(ReportJson::strategy).toList());
        return Json.write(root);
    }

    private static Map<String, Object> strategy(StrategyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", r.strategy().label());
        m.put("requests", r.requests());
        m.put("placed", r.placed());
        m.put("refused", r.refused());
        m.put("cpus", r.cpus());
        m.put("usedCpus", r.usedCpus());
        m.put("cpuUse", r.cpuUse());
        m.put("hugePageUse", r.hugePageUse());
        m.put("freeCpus", r.freeCpus());
        m.put("strandedCpus", r.strandedCpus());
        m.put("strandedHosts", r.strandedHosts());
        m.put("hostsTakingLargest", r.hostsTakingLargest());
        m.put("emptyAtStart", r.emptyAtStart());
        m.put("emptyHosts", r.emptyHosts());
        m.put("untouchedHosts", r.untouchedHosts());
        m.put("refusedByKind", r.refusedByKind());
        m.put("rejectionsByReason", r.rejectionsByReason());
        m.put("hosts", r.hosts().stream().map(ReportJson::host).toList());
        return m;
    }

    private static Map<String, Object> host(HostUse h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("gpu", h.gpu());
        m.put("sriov", h.sriov());
        m.put("nodeCpus", h.nodeCpus());
        m.put("nodeUsedCpus", h.nodeUsedCpus());
        m.put("hugePageBytes", h.hugePageBytes());
        m.put("usedHugePageBytes", h.usedHugePageBytes());
        m.put("domains", h.domains());
        m.put("takesSmallest", h.takesSmallest());
        m.put("takesLargest", h.takesLargest());
        m.put("touched", h.touched());
        return m;
    }
}
