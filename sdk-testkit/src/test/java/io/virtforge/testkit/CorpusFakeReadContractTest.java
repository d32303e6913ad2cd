package io.virtforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.Sysfs;
import org.junit.jupiter.api.Test;

/** The read contract on libvirt's sysfs captures loaded into a {@link FakeSysfs}, expecting what the real files hold. */
class CorpusFakeReadContractTest extends SysfsReadContract {
    @Override
    protected Sysfs sysfs() {
        return CorpusTrees.get().fake;
    }

    @Override
    protected SysfsSnapshot expected() {
        return CorpusTrees.get().realSnapshot;
    }

    @Test
    void bothWaysOfReadingTheCapturesAgree() {
        CorpusTrees corpus = CorpusTrees.get();
        assertThat(corpus.trees).hasSizeGreaterThan(20);
        assertThat(corpus.realSnapshot.files()).hasSizeGreaterThan(1000);
        assertThat(corpus.fakeSnapshot).isEqualTo(corpus.realSnapshot);
    }
}
