package io.virtforge.cli;

import io.virtforge.model.Domain;
import io.virtforge.model.Untyped;
import io.virtforge.model.DomainXml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code virtforge xml ...}: read and write domain XML through the typed model. */
@Command(name = "xml", description = "Domain XML through the typed model.",
        subcommands = {XmlCommand.Fmt.class, XmlCommand.Inspect.class, XmlCommand.Check.class})
final class XmlCommand {
    private XmlCommand() {
    }

    static Domain read(Path file) throws IOException {
        return XmlFiles.domain(file);
    }

    /** {@code virtforge xml fmt FILE...}. */
    @Command(name = "fmt", description = "Read each FILE through the typed model and write it back, "
            + "formatted as libvirt does; to stdout unless --in-place.")
    static final class Fmt implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--in-place", description = "Rewrite each file instead of printing it.")
        boolean inPlace;
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() throws IOException {
            // read everything first: a bad file aborts before anything is written
            List<Domain> domains = new java.util.ArrayList<>();
            for (Path f : files) {
                domains.add(read(f));
            }
            for (int i = 0; i < files.size(); i++) {
                String xml = DomainXml.defaults().write(domains.get(i));
                if (inPlace) {
                    InPlaceFile.replace(files.get(i), xml);
                } else {
                    spec.commandLine().getOut().print(xml);
                }
            }
            spec.commandLine().getOut().flush();
            return Virtforge.OK;
        }
    }

    /** {@code virtforge xml inspect FILE}. */
    @Command(name = "inspect", description = "List what FILE holds that the model keeps but does not type, by path.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            List<Untyped> untyped;
            untyped = XmlFiles.untyped(file);
            var out = spec.commandLine().getOut();
            if (untyped.isEmpty()) {
                out.println("everything in " + file + " is typed");
            }
            for (Untyped u : untyped) {
                out.printf("%-9s %s%n", u.kind().name().toLowerCase(java.util.Locale.ROOT), u.path());
            }
            out.flush();
            return Virtforge.OK;
        }
    }

    /** {@code virtforge xml check FILE [--host CAPS.xml ...]}. */
    @Command(name = "check", description = "Validate FILE: its structure, and with --host the host rules "
            + "(pins, NUMA, huge pages, devices). Exit 0 when there are no errors, 1 when there are, 2 on bad input.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The domain XML.")
        Path file;
        @Option(names = "--host", paramLabel = "CAPS.xml", description = "The host's libvirt capabilities (virsh capabilities).")
        Path host;
        @Option(names = "--nodedev", paramLabel = "DEVICE.xml", description = "Node device XMLs (virsh nodedev-dumpxml): PCI devices, drivers, IOMMU groups.")
        List<Path> nodeDevices = new java.util.ArrayList<>();
        @Option(names = "--domain", paramLabel = "OTHER.xml", description = "Domains already on the host: what they use counts as taken.")
        List<Path> domains = new java.util.ArrayList<>();
        @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "standard",
                description = "standard or latency-sensitive (adds the production tuning checklist).")
        String profile;
        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;
        @picocli.CommandLine.Mixin
        OvercommitOption overcommit;

        @Override
        public Integer call() throws IOException {
            io.virtforge.check.Profile p;
            try {
                p = io.virtforge.check.Profile.forName(profile);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (host == null && (!nodeDevices.isEmpty() || !domains.isEmpty())) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--nodedev and --domain need --host");
            }
            Domain domain = read(file);
            io.virtforge.check.Validator v = overcommit.validator(p);
            io.virtforge.check.Report report = host == null ? v.validate(domain)
                    : v.validate(domain, io.virtforge.topology.HostFiles.state(host, nodeDevices, domains));
            var out = spec.commandLine().getOut();
            out.print(json ? report.toJson() + "\n" : report.toText());
            out.flush();
            return report.hasErrors() ? Virtforge.PROBLEM : Virtforge.OK;
        }
    }
}
