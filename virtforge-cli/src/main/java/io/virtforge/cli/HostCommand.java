package io.virtforge.cli;

import io.virtforge.check.Report;
import io.virtforge.host.HostJson;
import io.virtforge.host.audit.HostTuningAudit;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.json.Json;
import io.virtforge.topology.HostState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge host}: the host's topology like {@code lstopo}: NUMA nodes, cores with SMT siblings and
 * what each domain pins where, huge page pools, PCI devices, IOMMU groups, SR-IOV PFs and VFs. From the
 * connection ({@code --connect}), or from a sysfs tree ({@code --sysfs-root}, discovered without libvirt).
 */
@Command(name = "host", sortOptions = false,
        description = {"Show the host: NUMA nodes, cores with SMT siblings and the domains pinned to them, huge page "
                + "pools, PCI devices, IOMMU groups, SR-IOV PFs and VFs.", "Exit 0, 1 when the host cannot be read, "
                + "2 on bad input."})
final class HostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Option(names = "--sysfs-root", paramLabel = "DIR", description = "Discover the host from a directory standing for "
            + "/ (sys/, proc/: a copy of a host's files, or / itself) instead of a connection.")
    Path sysfsRoot;
    @Option(names = "--json", description = "The picture as JSON (sdk-host's HostJson, with the domains' pins).")
    boolean json;
    @Option(names = "--svg", paramLabel = "FILE", description = "Also draw the host as an SVG picture into FILE: nodes, "
            + "cores, each domain's pins in its colour, huge page bars, PCI devices and their owners.")
    Path svg;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (sysfsRoot != null) {
            if (!Files.isDirectory(sysfsRoot)) {
                throw CliException.badInput("--sysfs-root " + sysfsRoot + ": no such folder");
            }
            Sysfs sysfs = new RealSysfs(sysfsRoot);
            HostState state = HostState.of(HostDiscovery.topologyOf(sysfs));
            if (state.topology().cpus().isEmpty()) {
                throw CliException.problem("no CPUs found under " + sysfsRoot + (Files.isDirectory(sysfsRoot.resolve("sys"))
                        ? " (no sys/devices/system/cpu/cpuN)" : " (it has no sys/ folder)")
                        + ": give a directory standing for /, with a copy of a host's sys/ and proc/");
            }
            print(out, state, Optional.of(sysfs), new HostTuningAudit(sysfs).audit(), sysfsRoot.toString());
            return Virtforge.OK;
        }
        try (Connector.Lease lease = connect.open()) {
            HostState state = lease.connection().hostState();
            Optional<Sysfs> sysfs = HostAccess.sysfs(lease.connection());
            Report findings = sysfs.map(s -> new HostTuningAudit(s).audit()).orElse(Report.empty());
            print(out, state, sysfs, findings, lease.connection().uri());
        }
        return Virtforge.OK;
    }

    private void print(PrintWriter out, HostState state, Optional<Sysfs> sysfs, Report findings, String source) {
        HostPicture picture = new HostPicture(state, sysfs);
        if (svg != null) {
            writeSvg(svg, new HostSvg(picture).render(source));
        }
        if (json) {
            Map<String, Object> m = HostJson.picture(state.topology(), findings);
            // the text's counts: the topology alone does not know the free pages of a fake or remote host
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) m.get("nodes");
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).put("hugepages", picture.poolsJson(state.topology().nodes().get(i)));
            }
            m.put("source", source);
            m.put("pinnedBy", picture.pinnedByJson());
            out.println(Json.write(m));
        } else {
            out.println("Host " + source);
            out.print(picture.text());
            if (!findings.findings().isEmpty()) {
                out.println("Host tuning (virtforge audit explains each): " + String.join(", ",
                        findings.findings().stream().map(f -> f.code()).distinct().toList()));
            }
        }
        out.flush();
    }

    /** Writes a picture, or a problem (exit 1) naming the file; the folder must exist. */
    static void writeSvg(Path file, String svg) {
        try {
            Files.writeString(file, svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.problem("cannot write the picture to " + file + ": " + e);
        }
    }
}
