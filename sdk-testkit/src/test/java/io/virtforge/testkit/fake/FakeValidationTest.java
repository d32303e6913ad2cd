package io.virtforge.testkit.fake;

import static io.virtforge.fake.libvirt.TestDomains.small;
import static io.virtforge.testkit.assertions.VirtforgeAssertions.assertThat;
import static io.virtforge.testkit.assertions.VirtforgeAssertions.catchThrowableOfType;

import io.virtforge.check.DomainValidationException;
import io.virtforge.check.Profile;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.Domain;
import io.virtforge.value.CpuSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DefineOptions: what is checked before "libvirt" sees a definition. */
class FakeValidationTest {
    private final FakeVirtConnection fake = Fixtures.get(Fixtures.TINY).connect();

    @AfterEach
    void close() {
        fake.close();
    }

    /** 2 vCPUs pinned to CPU 7, which the tiny host lacks: structurally fine, wrong for the host. */
    private static Domain pinnedToAMissingCpu() {
        return small("vm").pinVcpus(CpuSet.of(7)).build();
    }

    @Test
    void structureValidationIsTheDefaultAndRunsBeforeLibvirt() {
        Domain broken = small("vm").pinVcpu(5, CpuSet.of(0)).assemble();
        DomainValidationException e = catchThrowableOfType(DomainValidationException.class, () -> fake.define(broken));
        assertThat(e.report()).hasErrors().hasFinding("PIN_VCPU_MISSING");
        assertThat(fake.domains()).isEmpty();
        assertThat(fake.events()).isEmpty();
    }

    @Test
    void hostValidationChecksAgainstTheConnectionsHostState() {
        DomainValidationException e = catchThrowableOfType(DomainValidationException.class,
                () -> fake.define(pinnedToAMissingCpu(), DefineOptions.againstHost(Profile.STANDARD)));
        assertThat(e.report()).hasErrors();
        assertThat(fake.lookup("vm")).isEmpty();
        VirtDomain vm = fake.define(pinnedToAMissingCpu());
        org.assertj.core.api.Assertions.assertThatThrownBy(vm::start).isInstanceOf(HostResourceException.class);
    }

    @Test
    void noValidationHandsTheDefinitionStraightToLibvirt() {
        Domain broken = small("vm").pinVcpu(5, CpuSet.of(0)).assemble();
        VirtDomain vm = fake.define(broken, DefineOptions.unchecked());
        assertThat(vm.definition()).as("libvirt drops pins of vCPUs the domain lacks").hasNoVcpuPins();
    }

    @Test
    void redefiningARunningDomainAgainstTheHostDoesNotCountItsOwnPins() {
        VirtDomain vm = fake.define(small("vm").vcpus(1).pinVcpus(CpuSet.of(1)).build());
        vm.start();
        fake.define(vm.definition(), DefineOptions.againstHost(Profile.LATENCY_SENSITIVE.without("NUMA_UNBOUND")));
    }
}
