package io.virtforge.testkit.contract;

import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;

/** The read contract on a {@link FakeSysfs} built from the fixture. */
class FixtureFakeReadContractTest extends SysfsReadContract {
    @Override
    protected Sysfs sysfs() {
        return ContractFixture.fake();
    }

    @Override
    protected SysfsSnapshot expected() {
        return ContractFixture.expected();
    }
}
