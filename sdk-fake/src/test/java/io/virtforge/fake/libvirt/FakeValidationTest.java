package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.check.DomainValidationException;
import io.virtforge.check.Profile;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.value.CpuSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DefineOptions: what is checked before "libvirt" sees a definition. */
class FakeValidationTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.TINY);

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
        assertThat(e.report().hasErrors()).isTrue();
        assertThat(e.report().has("PIN_VCPU_MISSING")).as("%s", e.report().findings()).isTrue();
        assertThat(fake.domains()).isEmpty();
        assertThat(fake.events()).isEmpty();
    }

    @Test
    void hostValidationChecksAgainstTheConnectionsHostState() {
        DomainValidationException e = catchThrowableOfType(DomainValidationException.class,
                () -> fake.define(pinnedToAMissingCpu(), DefineOptions.againstHost(Profile.STANDARD)));
        assertThat(e.report().hasErrors()).as("%s", e.report().findings()).isTrue();
        assertThat(fake.lookup("vm")).isEmpty();
        VirtDomain vm = fake.define(pinnedToAMissingCpu());
        org.assertj.core.api.Assertions.assertThatThrownBy(vm::start).isInstanceOf(HostResourceException.class);
    }

    @Test
    void noValidationHandsTheDefinitionStraightToLibvirt() {
        Domain broken = small("vm").pinVcpu(5, CpuSet.of(0)).assemble();
        VirtDomain vm = fake.define(broken, DefineOptions.unchecked());
        assertThat(vm.definition().cputune().map(CpuTune::vcpuPins).orElse(List.of()))
                .as("libvirt drops pins of vCPUs the domain lacks").isEmpty();
    }

    @Test
    void redefiningARunningDomainAgainstTheHostDoesNotCountItsOwnPins() {
        VirtDomain vm = fake.define(small("vm").vcpus(1).pinVcpus(CpuSet.of(1)).build());
        vm.start();
        fake.define(vm.definition(), DefineOptions.againstHost(Profile.LATENCY_SENSITIVE.without("NUMA_UNBOUND")));
    }
}
