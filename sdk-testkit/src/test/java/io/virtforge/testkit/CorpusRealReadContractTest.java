package io.virtforge.testkit;

import io.virtforge.host.RealSysfs;
import io.virtforge.host.Sysfs;

/** The read contract on {@link RealSysfs} over libvirt's sysfs captures, expecting what the loaded fake holds. */
class CorpusRealReadContractTest extends SysfsReadContract {
    @Override
    protected Sysfs sysfs() {
        return CorpusTrees.get().real;
    }

    @Override
    protected SysfsSnapshot expected() {
        return CorpusTrees.get().fakeSnapshot;
    }
}
