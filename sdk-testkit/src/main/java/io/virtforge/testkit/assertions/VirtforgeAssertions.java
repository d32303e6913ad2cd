package io.virtforge.testkit.assertions;

import io.virtforge.check.Report;
import io.virtforge.connect.VirtDomain;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import org.assertj.core.api.Assertions;

/**
 * AssertJ entry point for Virtforge's types; it extends {@link Assertions}, so one static import gives both:
 * {@code import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;}.
 *
 * <pre>{@code
 * assertThat(domain).hasVcpuPinnedTo(0, 2).usesHugepages(PageSize.GIB_1).hasMemoryOnNodes(NodeSet.of(0));
 * assertThat(report).hasNoErrors().hasFinding("OVERCOMMIT", Severity.WARNING);
 * assertThat(connection.hostState()).hasDeviceAssignedTo(nic, "vm1");
 * assertThat(vm).isRunning().isPersistent();
 * assertThat(planner.plan(request, host)).usesNodes(NodeSet.of(0)).hasDedicatedVcpus().avoidsCpus(busy);
 * }</pre>
 */
public class VirtforgeAssertions extends Assertions {
    /** For subclasses that add a project's own assertions to the same entry point. */
    protected VirtforgeAssertions() {
    }

    /** Assertions on a domain definition. */
    public static DomainAssert assertThat(Domain actual) {
        return new DomainAssert(actual);
    }

    /** Assertions on a validation report. */
    public static ReportAssert assertThat(Report actual) {
        return new ReportAssert(actual);
    }

    /** Assertions on what a host's domains use. */
    public static HostStateAssert assertThat(HostState actual) {
        return new HostStateAssert(actual);
    }

    /** Assertions on what the planner returned. */
    public static PlacementAssert assertThat(io.virtforge.plan.PlacementResult actual) {
        return new PlacementAssert(actual);
    }

    /** Assertions on a domain of a connection (its state now). */
    public static VirtDomainAssert assertThat(VirtDomain actual) {
        return new VirtDomainAssert(actual);
    }
}
