package io.virtforge.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.model.DomainXml;
import java.util.List;

/** Small domains, hosts and a way to run one rule, for the rule tests. */
final class RuleFixtures {
    private RuleFixtures() {
    }

    /**
     * 2 sockets x 1 node x 16 cores x 2 threads, 64 GiB per node, 1024 free 2 MiB pages per node:
     * node 0 has CPUs 0-15 and their siblings 32-47, node 1 has 16-31 and 48-63.
     */
    static final HostTopology HOST = SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 1024).build();

    /** A kvm domain named vm with the given elements. */
    static Domain domain(String body) {
        return named("vm", body);
    }

    /** A kvm domain with the given name and elements. */
    static Domain named(String name, String body) {
        return DomainXml.defaults().parse("<domain type='kvm'><name>" + name + "</name>" + body + "</domain>");
    }

    /** A domain of another type (xen, qemu...) named vm. */
    static Domain typed(String type, String body) {
        return DomainXml.defaults().parse("<domain type='" + type + "'><name>vm</name>" + body + "</domain>");
    }

    /** The host with nothing else running. */
    static HostState idle() {
        return HostState.of(HOST);
    }

    /** Runs one rule without a host. */
    static List<Finding> check(Rule rule, Domain d) {
        return run(rule, d, null, ValidationOptions.DEFAULT);
    }

    /** Runs one rule against a host. */
    static List<Finding> check(Rule rule, Domain d, HostState host) {
        return run(rule, d, host, ValidationOptions.DEFAULT);
    }

    /** Runs one rule against a host with options. */
    static List<Finding> check(Rule rule, Domain d, HostState host, ValidationOptions options) {
        return run(rule, d, host, options);
    }

    private static List<Finding> run(Rule rule, Domain d, HostState host, ValidationOptions options) {
        CheckContext ctx = new CheckContext(d, host, options);
        Findings out = new Findings();
        out.use(rule.code(), rule.severity(), false);
        rule.check(ctx, out);
        return List.copyOf(out.all());
    }

    /** The one finding of a list, checked for code, severity and path. */
    static Finding single(List<Finding> found, String code, Severity severity, String path) {
        assertThat(found).as("findings").hasSize(1);
        Finding f = found.get(0);
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.severity()).isEqualTo(severity);
        assertThat(f.path()).isEqualTo(path);
        assertThat(f.hint()).isNotBlank();
        return f;
    }

    /** A vcpupin per vCPU, vCPU i on the i-th CPU given. */
    static String pins(int... cpus) {
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < cpus.length; v++) {
            sb.append("<vcpupin vcpu='").append(v).append("' cpuset='").append(cpus[v]).append("'/>");
        }
        return sb.toString();
    }
}
