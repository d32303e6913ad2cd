package io.virtforge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.check.DomainValidationException;
import io.virtforge.check.Finding;
import io.virtforge.check.Profile;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.model.DomainXml;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** DefinePolicy: the checks before define, the same for every provider. */
class DefinePolicyTest {
    private static final DomainXml XML = DomainXml.defaults();
    private static final HostState HOST =
            HostState.of(SyntheticHost.of(2, 1, 4, 2, DataSize.gib(8), 16).build());

    private static Domain domain(String body) {
        return XML.parse("<domain type='kvm'><name>vm</name><memory unit='MiB'>512</memory>" + body + "</domain>");
    }

    /** Pinned to a CPU that is there: clean. */
    private static final Domain CLEAN = domain("<vcpu>1</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/></cputune>");
    /** A vcpupin beyond the vCPUs: a structure error. */
    private static final Domain BAD_STRUCTURE =
            domain("<vcpu>1</vcpu><cputune><vcpupin vcpu='3' cpuset='1'/></cputune>");
    /** Pinned to a CPU the host lacks: a host error only. */
    private static final Domain BAD_ON_HOST = domain("<vcpu>1</vcpu><cputune><vcpupin vcpu='0' cpuset='99'/></cputune>");

    /** A host supplier that counts its calls. */
    private static final class CountingHost implements Supplier<HostState> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public HostState get() {
            calls.incrementAndGet();
            return HOST;
        }
    }

    @Test
    void noneChecksNothingAndNeverAsksTheHost() {
        CountingHost host = new CountingHost();
        assertThat(DefinePolicy.check(BAD_STRUCTURE, DefineOptions.unchecked(), host).hasErrors()).isFalse();
        assertThat(DefinePolicy.check(BAD_ON_HOST, DefineOptions.unchecked(), host).isClean()).isTrue();
        assertThat(host.calls).hasValue(0);
    }

    @Test
    void structureRefusesStructureErrorsWithoutAskingTheHost() {
        CountingHost host = new CountingHost();
        assertThatThrownBy(() -> DefinePolicy.check(BAD_STRUCTURE, DefineOptions.DEFAULT, host))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.report().errors())
                        .extracting(Finding::code).containsExactly("PIN_VCPU_MISSING"))
                .hasMessageContaining("domain 'vm'");
        assertThat(DefinePolicy.check(BAD_ON_HOST, DefineOptions.DEFAULT, host).hasErrors()).isFalse();
        assertThat(DefinePolicy.check(CLEAN, DefineOptions.DEFAULT, host).hasErrors()).isFalse();
        assertThat(host.calls).hasValue(0);
    }

    @Test
    void hostAsksTheHostOnceAndRefusesHostErrors() {
        CountingHost host = new CountingHost();
        DefineOptions options = DefineOptions.againstHost(Profile.STANDARD);
        assertThatThrownBy(() -> DefinePolicy.check(BAD_ON_HOST, options, host))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.report().errors())
                        .extracting(Finding::code).contains("PIN_CPU_MISSING"));
        assertThat(host.calls).hasValue(1);
        assertThatThrownBy(() -> DefinePolicy.check(BAD_STRUCTURE, options, host))
                .isInstanceOf(DomainValidationException.class);
        assertThat(DefinePolicy.check(CLEAN, options, host).hasErrors()).isFalse();
        assertThat(host.calls).hasValue(3);
    }

    @Test
    void warningsDoNotRefuse() {
        DefineOptions latency = DefineOptions.againstHost(Profile.LATENCY_SENSITIVE);
        assertThat(DefinePolicy.check(CLEAN, latency, () -> HOST).warnings()).isNotEmpty();
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> DefinePolicy.check(null, DefineOptions.DEFAULT, () -> HOST))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DefinePolicy.check(CLEAN, null, () -> HOST)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DefinePolicy.check(CLEAN, DefineOptions.DEFAULT, null))
                .isInstanceOf(NullPointerException.class);
    }
}
