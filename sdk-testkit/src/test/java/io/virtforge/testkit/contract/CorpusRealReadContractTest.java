package io.virtforge.testkit.contract;

import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import org.junit.jupiter.api.Nested;

/**
 * The read contract on {@link RealSysfs} over libvirt's sysfs captures, expecting what the loaded fake holds, in
 * each libvirt corpus (4.5.0's and the fetched one, see {@link io.virtforge.testing.Corpus}).
 */
class CorpusRealReadContractTest {
    /** The contract on the captures of one corpus. */
    abstract static class OnCorpus extends SysfsReadContract {
        private final int corpus;

        OnCorpus(int corpus) {
            this.corpus = corpus;
        }

        @Override
        protected Sysfs sysfs() {
            return CorpusTrees.get(corpus).real;
        }

        @Override
        protected SysfsSnapshot expected() {
            return CorpusTrees.get(corpus).fakeSnapshot;
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
