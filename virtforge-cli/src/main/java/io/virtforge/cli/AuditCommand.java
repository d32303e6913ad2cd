package io.virtforge.cli;

import io.virtforge.check.Finding;
import io.virtforge.check.Profile;
import io.virtforge.check.Report;
import io.virtforge.check.Validator;
import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.host.audit.HostTuningAudit;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.json.Json;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge audit}: the production tuning checklist over what is on a host: each domain's definition
 * validated with the latency-sensitive profile against the host and what its other domains use, and the
 * host's own tuning (THP, KSM, governors, C-states, IOMMU, I/O schedulers, huge page pools against what the
 * shut-off domains need to start, hugetlbfs mounts).
 */
@Command(name = "audit", sortOptions = false,
        description = {"Check domains (latency-sensitive profile, against the host) and the host's tuning;",
                "with --live, also whether the running domains' tuning still holds (drift).",
                "Exit 0 when there are no errors, 1 when there are, 2 on bad input."})
final class AuditCommand implements Callable<Integer> {
    private static final int MAX_INTERVAL_SECONDS = 60;
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Option(names = "--domain", paramLabel = "NAME", description = "Audit this domain (and the host).")
    String domain;
    @Option(names = "--all", description = "Audit every domain (the default).")
    boolean all;
    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;
    @Mixin
    OvercommitOption overcommit;
    @Option(names = "--live", description = "Also check that the running domains' tuning holds on the host: "
            + "MEMORY_OFF_NODE, VCPU_STEAL, DEDICATED_CPU_SHARED, PIN_DRIFT, HUGEPAGES_NOT_USED (warnings).")
    boolean live;
    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "With --live: the time steal and shared CPUs are measured over (default ${DEFAULT-VALUE}).")
    double interval;

    /** One audited domain. */
    private record Audited(String name, String state, Report report) {
    }

    @Override
    public Integer call() {
        if (domain != null && all) {
            throw CliException.badInput("give --domain NAME or --all, not both");
        }
        if (live && !(interval > 0 && interval <= MAX_INTERVAL_SECONDS)) {
            throw CliException.badInput("--interval must be more than 0 and at most " + MAX_INTERVAL_SECONDS + " seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Connector.Lease lease = connect.open()) {
            VirtConnection c = lease.connection();
            List<VirtDomain> domains = new ArrayList<>();
            if (domain != null) {
                domains.add(c.lookup(domain).orElseThrow(() -> CliException.badInput("no domain '" + domain + "' on "
                        + c.uri())));
            } else {
                for (DomainSummary s : c.domains()) {
                    c.lookup(s.uuid()).ifPresent(domains::add);
                }
            }
            HostState host = c.hostState();
            Validator validator = overcommit.validator(Profile.LATENCY_SENSITIVE);
            Map<String, Report> drift = live ? LiveDrift.of(c, interval) : Map.of();
            List<Audited> audited = new ArrayList<>();
            List<Domain> waiting = new ArrayList<>();
            for (VirtDomain vm : domains) {
                Domain def = vm.definition();
                boolean active = vm.state().isActive();
                if (!active) {
                    waiting.add(def); // running domains hold their pages already
                }
                audited.add(new Audited(vm.name(), vm.state().name().toLowerCase(Locale.ROOT),
                        validator.validate(def, host).and(drift.getOrDefault(vm.name(), Report.empty()))));
            }
            Optional<Sysfs> sysfs = HostAccess.sysfs(c);
            Optional<Report> hostReport = sysfs.map(s -> new HostTuningAudit(s).audit(waiting));
            int errors = hostReport.map(r -> r.errors().size()).orElse(0);
            int warnings = hostReport.map(r -> r.warnings().size()).orElse(0);
            for (Audited a : audited) {
                errors += a.report().errors().size();
                warnings += a.report().warnings().size();
            }
            if (json) {
                List<Object> list = new ArrayList<>();
                for (Audited a : audited) {
                    list.add(JsonText.object("name", a.name(), "state", a.state(), "findings", a.report().findings()));
                }
                Map<String, Object> m = JsonText.object("uri", c.uri(), "domains", list, "host",
                        hostReport.<Object>map(r -> JsonText.object("findings", r.findings())).orElse(null),
                        "errors", errors, "warnings", warnings);
                out.println(Json.write(m));
            } else {
                if (audited.isEmpty()) {
                    out.println("No domains on " + c.uri() + (HostAccess.kindOf(c) == HostAccess.Kind.FAKE
                            ? " (a fake host starts empty in every run)" : "") + ".");
                }
                for (Audited a : audited) {
                    out.println("Domain " + a.name() + " (" + a.state() + "): " + count(a.report()));
                    findings(out, a.report());
                }
                if (hostReport.isPresent()) {
                    out.println("Host " + c.uri() + ": " + count(hostReport.get()));
                    findings(out, hostReport.get());
                } else {
                    out.println("Host " + c.uri() + ": not audited (its /sys is not on this machine)");
                }
                out.println(audited.size() + " domain(s) and the host: " + errors + " error(s), " + warnings
                        + " warning(s)");
            }
            out.flush();
            return errors > 0 ? Virtforge.PROBLEM : Virtforge.OK;
        }
    }

    private static String count(Report r) {
        return r.errors().size() + " error(s), " + r.warnings().size() + " warning(s)";
    }

    private static void findings(PrintWriter out, Report r) {
        for (Finding f : r.findings()) {
            out.println("  " + f.severity() + " " + f.code() + " at " + f.path());
            out.println("    " + f.message());
            if (!f.hint().isEmpty()) {
                out.println("    fix: " + f.hint());
            }
        }
    }
}
