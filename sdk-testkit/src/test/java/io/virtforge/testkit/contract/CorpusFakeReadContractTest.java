package io.virtforge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The read contract on libvirt's sysfs captures loaded into a {@link FakeSysfs}, expecting what the real files
 * hold, in each libvirt corpus (4.5.0's and the fetched one, see {@link io.virtforge.testing.Corpus}).
 */
class CorpusFakeReadContractTest {
    /** The contract on the captures of one corpus. */
    abstract static class OnCorpus extends SysfsReadContract {
        private final int corpus;

        OnCorpus(int corpus) {
            this.corpus = corpus;
        }

        @Override
        protected Sysfs sysfs() {
            return CorpusTrees.get(corpus).fake;
        }

        @Override
        protected SysfsSnapshot expected() {
            return CorpusTrees.get(corpus).realSnapshot;
        }

        @Test
        void bothWaysOfReadingTheCapturesAgree() {
            CorpusTrees trees = CorpusTrees.get(corpus);
            System.out.println(trees.counts());
            assertThat(trees.trees).hasSizeGreaterThan(20);
            assertThat(trees.realSnapshot.files()).hasSizeGreaterThan(1000);
            assertThat(trees.fakeSnapshot).isEqualTo(trees.realSnapshot);
        }
    }

    @Nested
    class Shared extends OnCorpus {
        Shared() {
            super(0);
        }
    }

    @Nested
    class Fetched extends OnCorpus {
        Fetched() {
            super(1);
        }
    }
}
